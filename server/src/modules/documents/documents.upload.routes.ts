import type { FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { type TObject, Type } from 'typebox';
import { expectedVersion } from '../../lib/concurrency.ts';
import { findVisible, type Row } from '../../lib/crud.ts';
import { HttpError, preconditionFailed } from '../../lib/errors.ts';
import { IdempotencyHeaders, IdParams, IfMatchHeaders } from '../../lib/schemas.ts';
import { validatorCompiler } from '../../lib/validation.ts';
import type { App } from '../../types.ts';
import { DocumentDetail, DocumentUploadFields, VersionUploadFields } from './documents.schemas.ts';
import { documentRef, UPLOADERS } from './documents.service.ts';
import { addDocumentVersion, createDocumentFromFile } from './documents.store.ts';
import { ALLOWED_EXTENSIONS } from './file-types.ts';
import { withUpload } from './multipart-fields.ts';

type UploadFields = {
  title?: string;
  description?: string;
  kind?: 'attachment' | 'controlled';
  category?: 'sop' | 'method' | 'form' | 'policy' | 'manual' | 'record';
  customer_visible?: boolean;
  change_note?: string;
  entity_type?: string;
  entity_id?: string;
};

/**
 * The multipart body as the OpenAPI document shows it. Fastify does not parse a multipart body
 * (it is a stream the handler reads), so the route's compiler lets the body through unvalidated;
 * withUpload validates the fields itself. Params and headers are validated as everywhere.
 */
const multipartBody = (fields: TObject) => ({
  content: {
    'multipart/form-data': {
      schema: Type.Object({
        ...fields.properties,
        file: Type.String({ format: 'binary', description: 'The file; send the text fields before it' }),
      }),
    },
  },
});
const streamedBody: FastifySchemaCompiler<unknown> = (route) =>
  route.httpPart === 'body' ? () => true : validatorCompiler(route);

const LIMITS = (app: App) =>
  `At most MAX_UPLOAD_SIZE (${app.config.MAX_UPLOAD_SIZE} bytes) → 413; the type is checked by content ` +
  `(accepted: ${ALLOWED_EXTENSIONS.join(', ')}) → 415; text fields must come before the file part.`;

/**
 * `POST /documents` and `POST /documents/{id}/versions`: multipart uploads, streamed to storage.
 * Both honour Idempotency-Key (keyed on the route and path, since the body is a stream).
 */
export function registerUploadRoutes(
  app: App,
  ctx: { base: string; tag: string; detail: (req: FastifyRequest, row: Row) => Promise<unknown> },
) {
  app.post(
    ctx.base,
    {
      config: { roles: UPLOADERS, idempotent: true },
      validatorCompiler: streamedBody,
      schema: {
        operationId: 'documents-create',
        tags: [ctx.tag],
        summary: 'Upload a new document (multipart: fields, then one file)',
        description: LIMITS(app),
        headers: IdempotencyHeaders,
        body: multipartBody(DocumentUploadFields),
        response: { 201: DocumentDetail },
      },
    },
    async (req, reply) => {
      const stored = await withUpload<UploadFields, Awaited<ReturnType<typeof createDocumentFromFile>>>(
        req,
        DocumentUploadFields,
        async (fields, file) => {
          if ((fields.entity_type === undefined) !== (fields.entity_id === undefined)) {
            const missing = fields.entity_type === undefined ? 'entity_type' : 'entity_id';
            file.stream.resume();
            throw new HttpError(422, 'Unprocessable Content', `${missing}: is required with the other`, {
              errors: [{ field: missing, message: 'entity_type and entity_id go together' }],
            });
          }
          return createDocumentFromFile(app, req.audit, {
            title: fields.title,
            description: fields.description,
            kind: fields.kind,
            category: fields.category,
            customer_visible: fields.customer_visible,
            change_note: fields.change_note,
            links: fields.entity_type
              ? [{ entity_type: fields.entity_type, entity_id: fields.entity_id! }]
              : [],
            file: { source: file.stream, filename: file.filename },
          });
        },
      );
      const row = await findVisible(app.db, documentRef, stored.document_id);
      return reply
        .code(201)
        .header('location', `${ctx.base}/${row.id}`)
        .header('etag', `"${row.version}"`)
        .send((await ctx.detail(req, row)) as never);
    },
  );

  app.post(
    `${ctx.base}/:id/versions`,
    {
      config: { roles: UPLOADERS, idempotent: true },
      validatorCompiler: streamedBody,
      schema: {
        operationId: 'documents-add-version',
        tags: [ctx.tag],
        summary: 'Upload a new version (multipart: change_note, then the file)',
        description: `${LIMITS(app)} A new version of an approved controlled document goes back to review; the approved one stays current until the new one is approved.`,
        params: IdParams,
        body: multipartBody(VersionUploadFields),
        headers: Type.Intersect([IfMatchHeaders, IdempotencyHeaders]),
        response: { 201: DocumentDetail },
      },
    },
    async (req, reply) => {
      const expected = expectedVersion(req.headers['if-match'], undefined);
      const before = await findVisible(app.db, documentRef, req.params.id);
      if (expected !== undefined && before.version !== expected) {
        throw preconditionFailed(
          `document ${before.id} is at version ${before.version}, not ${expected}: reload it and upload again`,
        );
      }
      await withUpload<{ change_note?: string }, unknown>(req, VersionUploadFields, (fields, file) =>
        addDocumentVersion(
          app,
          req.audit,
          req.params.id,
          { source: file.stream, filename: file.filename },
          { changeNote: fields.change_note, expected },
        ),
      );
      const row = await findVisible(app.db, documentRef, req.params.id);
      return reply
        .code(201)
        .header('etag', `"${row.version}"`)
        .send((await ctx.detail(req, row)) as never);
    },
  );
}
