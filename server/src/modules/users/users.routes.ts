import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { type Role, users } from '../../db/schema/users.ts';
import { etag, expectedVersion } from '../../lib/concurrency.ts';
import { findVisible } from '../../lib/crud.ts';
import { entityHistory, HistoryPage, HistoryQuery } from '../../lib/history.ts';
import {
  EXPORT_DESCRIPTION,
  EXPORT_MEDIA_TYPES,
  exportFormatOf,
  type ListQuery,
  listAll,
  listPage,
  listQuerySchema,
  sendExport,
} from '../../lib/list.ts';
import { IdempotencyHeaders, IdParams, IfMatchHeaders } from '../../lib/schemas.ts';
import { MANAGERS } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { liveSessions, userRef } from './users.repo.ts';
import {
  EDITABLE_FIELDS,
  SessionList,
  USER_CSV_COLUMNS,
  USER_PUBLIC_COLUMNS,
  UserCreate,
  UserPublic,
  UserReplace,
  UsersPage,
  UserUpdate,
  userListSpec,
} from './users.schemas.ts';
import {
  archiveUser,
  changeUser,
  createUser,
  endUserSessions,
  type NewUser,
  restoreUser,
  type UserFields,
  type UserRow,
} from './users.service.ts';

/**
 * /users: admins manage accounts, roles and sessions; managers read them. The caller's own account
 * (/users/me) lives in the auth module. Rules are in users.service.ts.
 */
const ADMIN: readonly Role[] = ['admin'];
const base = '/api/v1/users';
const tags = ['users'];

const sendUser = (reply: FastifyReply, row: UserRow, status = 200) => {
  reply.header('etag', etag(row.version));
  if (status === 201) reply.header('location', `${base}/${row.id}`);
  return reply.code(status).send(row);
};

export default async function usersRoutes(app: App) {
  app.get(
    base,
    {
      config: { roles: MANAGERS },
      schema: {
        operationId: 'users-list',
        tags,
        summary: 'List users',
        description: EXPORT_DESCRIPTION,
        produces: EXPORT_MEDIA_TYPES,
        querystring: listQuerySchema(userListSpec),
        response: { 200: UsersPage },
      },
    },
    async (req, reply) => {
      const query = req.query as ListQuery;
      const options = { columns: USER_PUBLIC_COLUMNS };
      const format = exportFormatOf(req, query.format);
      if (format) {
        const rows = listAll(app.db, userListSpec, query, options);
        return sendExport(reply, format, 'users', USER_CSV_COLUMNS, rows, { table: users });
      }
      return listPage(app.db, userListSpec, query, options);
    },
  );

  app.post(
    base,
    {
      config: { roles: ADMIN, idempotent: true },
      schema: {
        operationId: 'users-create',
        tags,
        summary: 'Create a user; without a password, e-mail them an invitation link',
        headers: IdempotencyHeaders,
        body: UserCreate,
        response: { 201: UserPublic },
      },
    },
    async (req, reply) => sendUser(reply, await createUser(app, req, req.body as NewUser), 201),
  );

  app.get(
    `${base}/:id`,
    {
      config: { roles: MANAGERS },
      schema: { operationId: 'users-get', tags, params: IdParams, response: { 200: UserPublic } },
    },
    async (req, reply) =>
      sendUser(reply, (await findVisible(app.db, userRef, req.params.id)) as unknown as UserRow),
  );

  for (const [method, mode, body] of [
    ['PUT', 'replace', UserReplace],
    ['PATCH', 'update', UserUpdate],
  ] as const) {
    app.route({
      method,
      url: `${base}/:id`,
      config: { roles: ADMIN },
      schema: {
        operationId: `users-${mode}`,
        tags,
        summary:
          'Change name, role, customer binding or active state. A permission change or deactivation ends the user’s sessions.',
        params: IdParams,
        headers: IfMatchHeaders,
        body,
        response: { 200: UserPublic },
      },
      handler: async (req, reply) => {
        const { id } = req.params as { id: string };
        const sent = req.body as Record<string, unknown>;
        const expected = expectedVersion(req.headers['if-match'] as string | undefined, sent.version);
        const fields: Record<string, unknown> = {};
        for (const key of EDITABLE_FIELDS) {
          // PUT replaces every editable field: an omitted customer_id means none
          if (key in sent) fields[key] = sent[key];
          else if (mode === 'replace') fields[key] = null;
        }
        return sendUser(reply, await changeUser(app, req, id, fields as UserFields, expected));
      },
    });
  }

  app.delete(
    `${base}/:id`,
    {
      config: { roles: ADMIN },
      schema: {
        operationId: 'users-archive',
        tags,
        summary: 'Archive a user (ends their sessions); accounts are never destroyed',
        params: IdParams,
        headers: IfMatchHeaders,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await archiveUser(app, req, req.params.id, expectedVersion(req.headers['if-match'], undefined));
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${base}/:id/restore`,
    {
      config: { roles: ADMIN, idempotent: true },
      schema: {
        operationId: 'users-restore',
        tags,
        params: IdParams,
        headers: Type.Intersect([IfMatchHeaders, IdempotencyHeaders]),
        response: { 200: UserPublic },
      },
    },
    async (req, reply) =>
      sendUser(
        reply,
        await restoreUser(app, req, req.params.id, expectedVersion(req.headers['if-match'], undefined)),
      ),
  );

  app.get(
    `${base}/:id/history`,
    {
      config: { roles: MANAGERS },
      schema: {
        operationId: 'users-history',
        tags,
        summary: 'Audit events of this user account, newest first',
        params: IdParams,
        querystring: HistoryQuery,
        response: { 200: HistoryPage },
      },
    },
    async (req) => {
      await findVisible(app.db, userRef, req.params.id);
      return entityHistory(app.db, userRef.name, req.params.id, req.query.skip, req.query.limit);
    },
  );

  app.get(
    `${base}/:id/sessions`,
    {
      config: { roles: ADMIN },
      schema: {
        operationId: 'users-sessions-list',
        tags,
        summary: 'The user’s live sessions (signed-in devices), newest first',
        params: IdParams,
        response: { 200: SessionList },
      },
    },
    async (req) => {
      await findVisible(app.db, userRef, req.params.id);
      return { items: await liveSessions(app.db, req.params.id) };
    },
  );

  app.delete(
    `${base}/:id/sessions`,
    {
      config: { roles: ADMIN },
      schema: {
        operationId: 'users-sessions-revoke',
        tags,
        summary: 'Sign the user out everywhere: their access tokens stop working at once',
        params: IdParams,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await endUserSessions(app, req, req.params.id);
      return reply.code(204).send(null);
    },
  );
}
