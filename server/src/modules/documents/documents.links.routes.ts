import { and, eq } from 'drizzle-orm';
import { Type } from 'typebox';
import { documentLinks } from '../../db/schema/index.ts';
import { recordAudit } from '../../lib/audit.ts';
import { findVisible } from '../../lib/crud.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { Id, IdempotencyHeaders, IdParams } from '../../lib/schemas.ts';
import type { App } from '../../types.ts';
import { DocumentLinkPublic, LinkCreate } from './documents.schemas.ts';
import { documentRef, UPLOADERS } from './documents.service.ts';
import { linkDocument } from './documents.store.ts';

/** Attaching a document to more records, and detaching it (each one an audit event on the document). */
export function registerLinkRoutes(app: App, ctx: { base: string; tag: string }) {
  app.post(
    `${ctx.base}/:id/links`,
    {
      config: { roles: UPLOADERS, idempotent: true },
      schema: {
        operationId: 'documents-link',
        tags: [ctx.tag],
        summary: 'Attach the document to a record (project, sample, NCR, equipment…)',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: LinkCreate,
        response: { 201: DocumentLinkPublic },
      },
    },
    async (req, reply) => {
      const link = await app.db.transaction(async (tx) => {
        const doc = await findVisible(tx, documentRef, req.params.id, undefined, true);
        if (doc.archived_at) throw conflict(`document ${doc.number} is archived; restore it first`);
        return linkDocument(tx, req.audit, doc.id, req.body);
      });
      const { customer_id: _c, created_by: _b, ...body } = link;
      return reply.code(201).send(body);
    },
  );

  app.delete(
    `${ctx.base}/:id/links/:linkId`,
    {
      config: { roles: UPLOADERS },
      schema: {
        operationId: 'documents-unlink',
        tags: [ctx.tag],
        summary: 'Detach the document from a record',
        params: Type.Object({ id: Id, linkId: Id }),
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await app.db.transaction(async (tx) => {
        await findVisible(tx, documentRef, req.params.id, undefined, true);
        const [gone] = await tx
          .delete(documentLinks)
          .where(and(eq(documentLinks.id, req.params.linkId), eq(documentLinks.document_id, req.params.id)))
          .returning();
        if (!gone) throw notFound('document link', req.params.linkId);
        await recordAudit(tx, req.audit, {
          action: 'unlink',
          entityType: 'document',
          entityId: req.params.id,
          changes: { link: [{ entity_type: gone.entity_type, entity_id: gone.entity_id }, null] },
        });
      });
      return reply.code(204).send(null);
    },
  );
}
