import multipart from '@fastify/multipart';
import { and } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { allowedActions, registerActions } from '../../lib/actions.ts';
import { etag, expectedVersion } from '../../lib/concurrency.ts';
import { archiveEntity, findVisible, type Row, restoreEntity, updateEntity } from '../../lib/crud.ts';
import { invalidField } from '../../lib/errors.ts';
import { entityHistory, HistoryPage, HistoryQuery } from '../../lib/history.ts';
import {
  EXPORT_DESCRIPTION,
  EXPORT_MEDIA_TYPES,
  exportFormatOf,
  type ListQuery,
  listAll,
  listPage,
  listQuerySchema,
  pageSchema,
  sendExport,
} from '../../lib/list.ts';
import { Id, IdempotencyHeaders, IdParams, IfMatchHeaders } from '../../lib/schemas.ts';
import { ANY_ROLE, MANAGERS, STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { registerDownloadRoute } from './documents.download.ts';
import { registerLinkRoutes } from './documents.links.routes.ts';
import {
  DOCUMENT_CSV_COLUMNS,
  DocumentDetail,
  DocumentPublic,
  DocumentUpdate,
  DocumentVersionPublic,
  documentListSpec,
  LinkEntityType,
} from './documents.schemas.ts';
import {
  documentMachine,
  documentRef,
  documentScope,
  linkedTo,
  linksOf,
  UPLOADERS,
  versionsOf,
  withLatestFile,
} from './documents.service.ts';
import { registerUploadRoutes } from './documents.upload.routes.ts';

/**
 * /documents: uploaded files with a version history, attached to any record or kept as controlled
 * documents (SOPs, methods, forms) with an approval step. Staff read everything; managers and
 * engineers upload; managers approve; a portal customer reads only what is shown to it.
 * The create route is multipart (documents.upload.routes.ts), so the REST surface is declared
 * here by hand with the same helpers registerResource uses.
 */
const BASE = '/api/v1/documents';
const TAG = 'documents';

const ListQuerySchema = Type.Object({
  ...listQuerySchema(documentListSpec).properties,
  entity_type: Type.Optional(LinkEntityType),
  entity_id: Type.Optional(Id),
});

export default async function documentsRoutes(app: App) {
  await app.register(multipart, {
    // one byte over the limit reaches storage, which refuses it and removes the partial file
    limits: { fileSize: app.config.MAX_UPLOAD_SIZE + 1, files: 1, fields: 20, fieldSize: 10_000, parts: 30 },
    throwFileSizeLimit: false,
  });

  const scopeOf = (req: FastifyRequest) => documentScope(req.user);
  const present = async (req: FastifyRequest, rows: Row[]) =>
    (await withLatestFile(app.db, rows, req.user)).map((row) => ({
      ...row,
      allowed_actions: allowedActions(documentMachine, row, req.user),
    }));
  const detail = async (req: FastifyRequest, row: Row) => {
    const [base] = await present(req, [row]);
    return {
      ...base,
      versions: await versionsOf(app.db, row, req.user),
      links: await linksOf(app.db, row.id, req.user),
    };
  };
  const sendDetail = async (req: FastifyRequest, reply: import('fastify').FastifyReply, row: Row) =>
    reply.header('etag', etag(row.version)).send(await detail(req, row));

  app.get(
    BASE,
    {
      config: { roles: ANY_ROLE },
      schema: {
        operationId: 'documents-list',
        tags: [TAG],
        summary: 'List documents (filter by kind, category, status, or a linked record)',
        description:
          '`entity_type` + `entity_id` list the documents attached to one record. ' + EXPORT_DESCRIPTION,
        produces: EXPORT_MEDIA_TYPES,
        querystring: ListQuerySchema,
        response: { 200: pageSchema(DocumentPublic, 'DocumentsPage') },
      },
    },
    async (req, reply) => {
      const query = req.query as ListQuery & { entity_type?: string; entity_id?: string };
      const { entity_type: entityType, entity_id: entityId, ...rest } = query;
      if ((entityType === undefined) !== (entityId === undefined)) {
        const missing = entityType === undefined ? 'entity_type' : 'entity_id';
        throw invalidField(missing, 'entity_type and entity_id go together');
      }
      const scope = and(scopeOf(req), entityType ? linkedTo(entityType, entityId!) : undefined);
      const format = exportFormatOf(req, rest.format);
      if (format) {
        const rows = listAll<Row>(app.db, documentListSpec, rest, { scope });
        return sendExport(reply, format, 'documents', DOCUMENT_CSV_COLUMNS, rows);
      }
      const page = await listPage<Row>(app.db, documentListSpec, rest, { scope });
      return { ...page, items: await present(req, page.items) } as never;
    },
  );

  app.get(
    `${BASE}/:id`,
    {
      config: { roles: ANY_ROLE },
      schema: {
        operationId: 'documents-get',
        tags: [TAG],
        summary: 'A document with its version history and links',
        params: IdParams,
        response: { 200: DocumentDetail },
      },
    },
    async (req, reply) =>
      sendDetail(req, reply, await findVisible(app.db, documentRef, req.params.id, scopeOf(req))),
  );

  app.get(
    `${BASE}/:id/versions`,
    {
      config: { roles: ANY_ROLE },
      schema: {
        operationId: 'documents-versions',
        tags: [TAG],
        summary: 'The version history, newest first (customers: the current version only)',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(DocumentVersionPublic) }) },
      },
    },
    async (req) => {
      const doc = await findVisible(app.db, documentRef, req.params.id, scopeOf(req));
      return { items: await versionsOf(app.db, doc, req.user) } as never;
    },
  );

  app.patch(
    `${BASE}/:id`,
    {
      config: { roles: UPLOADERS },
      schema: {
        operationId: 'documents-update',
        tags: [TAG],
        summary: 'Change title, description, category or customer visibility',
        params: IdParams,
        headers: IfMatchHeaders,
        body: DocumentUpdate,
        response: { 200: DocumentDetail },
      },
    },
    async (req, reply) => {
      const body = req.body as Record<string, unknown>;
      const expected = expectedVersion(req.headers['if-match'], body.version);
      const { version: _v, ...patch } = body;
      const row = await app.db.transaction(async (tx) => {
        const current = await findVisible(tx, documentRef, req.params.id, undefined, true);
        const kind = current.kind;
        if (patch.category !== undefined && (kind === 'attachment') !== (patch.category === null)) {
          throw invalidField(
            'category',
            kind === 'attachment'
              ? 'only controlled documents have a category'
              : 'a controlled document needs one',
          );
        }
        return (await updateEntity(tx, documentRef, req.audit, req.params.id, patch, { expected })).after;
      });
      return sendDetail(req, reply, row);
    },
  );

  app.delete(
    `${BASE}/:id`,
    {
      config: { roles: MANAGERS },
      schema: {
        operationId: 'documents-archive',
        tags: [TAG],
        summary: 'Archive (files and history are kept; records are never destroyed through the API)',
        params: IdParams,
        headers: IfMatchHeaders,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      const expected = expectedVersion(req.headers['if-match'], undefined);
      await app.db.transaction((tx) =>
        archiveEntity(tx, documentRef, req.audit, req.params.id, { expected }),
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${BASE}/:id/restore`,
    {
      config: { roles: MANAGERS, idempotent: true },
      schema: {
        operationId: 'documents-restore',
        tags: [TAG],
        params: IdParams,
        headers: Type.Intersect([IfMatchHeaders, IdempotencyHeaders]),
        response: { 200: DocumentDetail },
      },
    },
    async (req, reply) => {
      const expected = expectedVersion(req.headers['if-match'], undefined);
      const row = await app.db.transaction((tx) =>
        restoreEntity(tx, documentRef, req.audit, req.params.id, { expected }),
      );
      return sendDetail(req, reply, row);
    },
  );

  app.get(
    `${BASE}/:id/history`,
    {
      config: { roles: STAFF },
      schema: {
        operationId: 'documents-history',
        tags: [TAG],
        summary: 'Audit events of this document (uploads, versions, approvals, links), newest first',
        params: IdParams,
        querystring: HistoryQuery,
        response: { 200: HistoryPage },
      },
    },
    async (req) => {
      await findVisible(app.db, documentRef, req.params.id);
      return entityHistory(app.db, 'document', req.params.id, req.query.skip, req.query.limit);
    },
  );

  registerActions(app, documentMachine, {
    base: BASE,
    path: 'documents',
    tag: TAG,
    ref: documentRef,
    publicSchema: DocumentDetail,
    scopeOf,
    send: (req, reply, row) => sendDetail(req, reply, row),
  });
  registerUploadRoutes(app, { base: BASE, tag: TAG, detail });
  registerDownloadRoute(app, { base: BASE, tag: TAG, scopeOf });
  registerLinkRoutes(app, { base: BASE, tag: TAG });
}
