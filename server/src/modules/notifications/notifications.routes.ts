import { type Static, Type } from 'typebox';
import { recordAudit } from '../../lib/audit.ts';
import { notFound, unprocessable } from '../../lib/errors.ts';
import { type ListQuery, listPage, listQuerySchema, pageSchema } from '../../lib/list.ts';
import { IdempotencyHeaders, IdParams } from '../../lib/schemas.ts';
import { ANY_ROLE } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import {
  dismiss,
  markAllRead,
  markRead,
  ownNotifications,
  preferencesOf,
  savePreferences,
  unreadCount,
} from './notifications.repo.ts';
import {
  NotificationPreferences,
  NotificationPreferencesUpdate,
  NotificationPublic,
  notificationListSpec,
  ReadAllResult,
  UnreadCount,
} from './notifications.schemas.ts';

const tags = ['notifications'];
const ListQuerySchema = Type.Object({
  ...listQuerySchema(notificationListSpec).properties,
  unread: Type.Optional(Type.Boolean({ description: 'true: only unread notifications' })),
});

/**
 * The caller's own notifications and e-mail preferences. Every role has an inbox; nobody can see
 * or touch another's (someone else's id answers 404). Reading is not a business change, so marking
 * read is not in the audit trail; changing preferences is.
 */
export async function notificationsRoutes(app: App) {
  const own = { roles: ANY_ROLE };

  app.get(
    '/api/v1/notifications',
    {
      config: own,
      schema: {
        operationId: 'notifications-list',
        tags,
        summary: 'Your notifications, newest first',
        description: '`unread=true` lists only the unread ones; `archived=true` the dismissed ones.',
        querystring: ListQuerySchema,
        response: { 200: pageSchema(NotificationPublic, 'NotificationsPage') },
      },
    },
    async (req) => {
      const query = req.query as ListQuery & { unread?: boolean };
      return listPage(app.db, notificationListSpec, query, {
        scope: ownNotifications(req.user.id, query.unread),
      });
    },
  );

  app.get(
    '/api/v1/notifications/unread-count',
    {
      config: own,
      schema: { operationId: 'notifications-unread-count', tags, response: { 200: UnreadCount } },
    },
    async (req) => ({ unread: await unreadCount(app.db, req.user.id) }),
  );

  app.post(
    '/api/v1/notifications/:id/read',
    {
      config: { ...own, idempotent: true },
      schema: {
        operationId: 'notifications-read',
        tags,
        summary: 'Mark one of your notifications read',
        params: IdParams,
        headers: IdempotencyHeaders,
        response: { 200: NotificationPublic },
      },
    },
    async (req) => {
      const row = await markRead(app.db, req.user.id, req.params.id);
      if (!row) throw notFound('notification', req.params.id);
      return row;
    },
  );

  app.post(
    '/api/v1/notifications/read-all',
    {
      config: { ...own, idempotent: true },
      schema: {
        operationId: 'notifications-read-all',
        tags,
        summary: 'Mark all your notifications read',
        headers: IdempotencyHeaders,
        response: { 200: ReadAllResult },
      },
    },
    async (req) => ({ updated: await markAllRead(app.db, req.user.id) }),
  );

  app.delete(
    '/api/v1/notifications/:id',
    {
      config: own,
      schema: {
        operationId: 'notifications-dismiss',
        tags,
        summary: 'Dismiss one of your notifications (it leaves the list; archived=true still shows it)',
        params: IdParams,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      if (!(await dismiss(app.db, req.user.id, req.params.id))) throw notFound('notification', req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/users/me/notification-preferences',
    {
      config: own,
      schema: {
        operationId: 'users-me-notification-preferences',
        tags,
        summary: 'Which notifications you also receive by e-mail',
        response: { 200: NotificationPreferences },
      },
    },
    async (req) => ({ items: await preferencesOf(app.db, req.user.id) }),
  );

  app.put(
    '/api/v1/users/me/notification-preferences',
    {
      config: own,
      schema: {
        operationId: 'users-me-notification-preferences-update',
        tags,
        summary: 'Choose which notifications you also receive by e-mail',
        description: 'Kinds not listed keep their setting. In-app notifications are always on.',
        body: NotificationPreferencesUpdate,
        response: { 200: NotificationPreferences },
      },
    },
    async (req) => {
      const { items } = req.body as Static<typeof NotificationPreferencesUpdate>;
      const seen = new Set<string>();
      const duplicates = items.flatMap((item, i) => {
        const dup = seen.has(item.kind);
        seen.add(item.kind);
        return dup ? [{ field: `items[${i}].kind`, message: `${item.kind} is listed twice` }] : [];
      });
      if (duplicates.length) throw unprocessable(duplicates);
      await app.db.transaction(async (tx) => {
        const changes = await savePreferences(tx, req.user.id, items);
        if (Object.keys(changes).length) {
          await recordAudit(tx, req.audit, {
            action: 'update',
            entityType: 'notification_preferences',
            entityId: req.user.id,
            changes,
          });
        }
      });
      return { items: await preferencesOf(app.db, req.user.id) };
    },
  );
}
