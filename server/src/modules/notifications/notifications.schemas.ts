import { Type } from 'typebox';
import { NOTIFICATION_KINDS, type NotificationKind, notifications } from '../../db/schema/index.ts';
import type { ListSpec } from '../../lib/list.ts';
import { Id, Nullable, Timestamp } from '../../lib/schemas.ts';

export const NotificationKindSchema = Type.Unsafe<NotificationKind>({
  type: 'string',
  enum: [...NOTIFICATION_KINDS],
  description: 'What the notification is about',
});

export const NotificationPublic = Type.Object(
  {
    id: Id,
    kind: NotificationKindSchema,
    title: Type.String(),
    body: Nullable(Type.String()),
    link: Nullable(Type.String({ description: 'Path in the web app' })),
    entity_type: Nullable(Type.String()),
    entity_id: Nullable(Type.String()),
    read_at: Nullable(Timestamp),
    created_at: Timestamp,
    archived_at: Nullable(Timestamp),
  },
  { title: 'Notification' },
);

export const notificationListSpec: ListSpec = {
  table: notifications,
  idColumn: notifications.id,
  archivedColumn: notifications.archived_at,
  defaultSort: '-created_at',
  sortable: { created_at: { column: notifications.created_at } },
  searchable: [notifications.title, notifications.body],
  filters: {
    kind: { column: notifications.kind, kind: 'enum', values: NOTIFICATION_KINDS },
    created_at: { column: notifications.created_at, kind: 'range', format: 'date-time' },
  },
};

export const UnreadCount = Type.Object({ unread: Type.Integer({ minimum: 0 }) }, { title: 'UnreadCount' });
export const ReadAllResult = Type.Object(
  { updated: Type.Integer({ minimum: 0, description: 'Notifications marked read now' }) },
  { title: 'ReadAllResult' },
);

export const NotificationPreference = Type.Object(
  {
    kind: NotificationKindSchema,
    email: Type.Boolean({ description: 'Also send this kind by e-mail (in-app is always on)' }),
  },
  { additionalProperties: false },
);
export const NotificationPreferences = Type.Object(
  { items: Type.Array(NotificationPreference) },
  { title: 'NotificationPreferences' },
);
export const NotificationPreferencesUpdate = Type.Object(
  {
    items: Type.Array(NotificationPreference, {
      maxItems: NOTIFICATION_KINDS.length,
      description: 'The kinds to set; kinds not listed keep their current setting',
    }),
  },
  { additionalProperties: false, title: 'NotificationPreferencesUpdate' },
);
