import { eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { certifications, users } from '../../db/schema/index.ts';
import { allowedActions } from '../../lib/actions.ts';
import { etag, expectedVersion } from '../../lib/concurrency.ts';
import { findVisible, type Row, updateEntity } from '../../lib/crud.ts';
import { today } from '../../lib/dates.ts';
import { conflict, invalidTransition, notFound, preconditionFailed } from '../../lib/errors.ts';
import { registerResource } from '../../lib/resource.ts';
import { IdempotencyHeaders, IdParams, IfMatchHeaders } from '../../lib/schemas.ts';
import { requireMeaning, SignatureBody, sign, signaturesOf } from '../../lib/signatures.ts';
import { renderPdf } from '../../pdf/pool.ts';
import { MANAGERS, STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { deletePdf, openPdf, storePdf } from '../reports/pdf-files.ts';
import { checkPreviewToken } from '../reports/preview-token.ts';
import './certifications.expiry.ts';
import {
  CERTIFICATION_CSV_COLUMNS,
  CertificationCreate,
  CertificationPublic,
  CertificationUpdate,
  certificationListSpec,
} from './certifications.schemas.ts';
import {
  type CertificationRow,
  certificateDocument,
  certificationMachine,
  certificationPatch,
  certificationRef,
  certificationScope,
  certificationValues,
  checkBasis,
  expandCertifications,
} from './certifications.service.ts';

const Out = Type.Object(
  { ...CertificationPublic.properties, allowed_actions: Type.Array(Type.String()) },
  { title: 'CertificationWithActions' },
);
const PdfResponse = {
  description: 'application/pdf',
  content: { 'application/pdf': { schema: Type.String({ format: 'binary' }) } },
};

/**
 * Certificates of conformity (CERT-000001): drafted on approved, passing results; issued by a
 * manager with an e-signature (the PDF and its SHA-256 fixed then); suspended, reinstated,
 * revoked; expired by the daily sweep, which also reminds 30 days before. Customers read and
 * download only their own issued (and later) certificates.
 */
export default async function certificationsRoutes(app: App) {
  const expand = expandCertifications(app);
  const send = async (req: FastifyRequest, reply: FastifyReply, row: Row) => {
    const [full] = await expand(app.db, [row]);
    reply.header('etag', etag(row.version));
    return reply.send({ ...full, allowed_actions: allowedActions(certificationMachine, row, req.user) });
  };

  /** The stored PDF once issued (stamped on the fly when no longer valid, unless ?original); a draft is rendered marked DRAFT. */
  const sendPdf = async (
    reply: FastifyReply,
    cert: CertificationRow,
    opts: { attachment?: boolean; original?: boolean },
  ) => {
    let body: Buffer | import('node:stream').Readable;
    if (cert.pdf_key && (cert.status === 'issued' || opts.original)) {
      body = await openPdf(app, cert.pdf_key);
      if (cert.pdf_sha256) reply.header('x-content-sha256', cert.pdf_sha256);
    } else {
      const issued = (await signaturesOf(app.db, 'certification', cert.id)).find(
        (s) => s.meaning === 'issued',
      );
      body = await renderPdf(
        'certificate',
        await certificateDocument(app, cert, {
          signatory: issued
            ? {
                name: issued.user_name,
                meaning: issued.meaning,
                signed_at: `${issued.signed_at.slice(0, 16).replace('T', ' ')} UTC`,
              }
            : null,
        }),
      );
    }
    const suffix = cert.status === 'issued' || opts.original ? '' : `-${cert.status.toUpperCase()}`;
    return reply
      .type('application/pdf')
      .header(
        'content-disposition',
        `${opts.attachment ? 'attachment' : 'inline'}; filename="${cert.number}${suffix}.pdf"`,
      )
      .header('x-certification-status', cert.status)
      .header('cache-control', 'private, no-store')
      .header('content-security-policy', "default-src 'none'; frame-ancestors 'self'")
      .header('x-frame-options', 'SAMEORIGIN')
      .send(body);
  };

  app.post(
    '/api/v1/certifications/:id/issue',
    {
      config: { roles: MANAGERS, idempotent: true },
      schema: {
        operationId: 'certifications-issue',
        tags: ['certifications'],
        summary: 'Issue a draft certificate with an e-signature (password again, meaning `issued`)',
        description:
          'Checks the basis again (every result approved, current and passing), renders the PDF with the signatory and fixes its SHA-256. A wrong password is 403 `signature-refused` and nothing changes.',
        params: IdParams,
        headers: Type.Intersect([IfMatchHeaders, IdempotencyHeaders]),
        body: SignatureBody,
        response: { 200: Out },
      },
    },
    async (req, reply) => {
      const body = req.body as { password: string; meaning: string };
      const expected = expectedVersion(req.headers['if-match'], undefined);
      const check = (row: CertificationRow) => {
        if (row.status !== 'draft')
          throw invalidTransition(
            'certification',
            row.status,
            'issue',
            allowedActions(certificationMachine, row as unknown as Row, req.user),
          );
        if (expected !== undefined && row.version !== expected)
          throw preconditionFailed(
            `certification ${row.id} is at version ${row.version}, not ${expected}: reload it and apply your change again`,
          );
      };
      const draft = (await findVisible(
        app.db,
        certificationRef,
        req.params.id,
      )) as unknown as CertificationRow;
      check(draft);
      requireMeaning(body, ['issued']);
      const issueDate = today(req);
      if (draft.expiry_date <= issueDate)
        throw conflict(
          `Certification ${draft.number} would expire on ${draft.expiry_date}, not after today; change the expiry date first`,
        );
      await checkBasis(app.db, draft);
      const [signer] = await app.db
        .select({ full_name: users.full_name, email: users.email })
        .from(users)
        .where(eq(users.id, req.user.id));
      const signedAt = new Date();
      const pdf = await renderPdf(
        'certificate',
        await certificateDocument(app, draft, {
          issueDate,
          mark: null,
          signatory: {
            name: signer?.full_name || signer?.email || 'unknown',
            meaning: body.meaning,
            signed_at: `${signedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
          },
        }),
      );
      const stored = await storePdf(app, pdf);
      try {
        const row = await app.db.transaction(async (tx) => {
          const locked = (await findVisible(
            tx,
            certificationRef,
            draft.id,
            undefined,
            true,
          )) as unknown as CertificationRow;
          check(locked);
          if (locked.version !== draft.version)
            throw conflict(`Certification ${draft.number} changed while it was issued; try again`);
          await sign(tx, req, {
            entityType: 'certification',
            entityId: draft.id,
            meaning: body.meaning,
            content: {
              certification_id: draft.id,
              number: draft.number,
              issue_date: issueDate,
              expiry_date: draft.expiry_date,
              result_ids: draft.result_ids,
              pdf_sha256: stored.sha256,
            },
          });
          return (
            await updateEntity(
              tx,
              certificationRef,
              req.audit,
              draft.id,
              {
                status: 'issued',
                issue_date: issueDate,
                issued_at: signedAt,
                issued_by: req.user.id,
                pdf_key: stored.key,
                pdf_sha256: stored.sha256,
                pdf_size: stored.size,
              },
              { action: 'issue' },
            )
          ).after;
        });
        return send(req, reply, row);
      } catch (err) {
        await deletePdf(app, stored.key);
        throw err;
      }
    },
  );

  const DownloadQuery = Type.Object({
    download: Type.Optional(Type.Boolean({ description: 'true: as an attachment instead of inline' })),
    original: Type.Optional(
      Type.Boolean({ description: 'The exact signed bytes, without the SUSPENDED/REVOKED/EXPIRED stamp' }),
    ),
  });

  app.get(
    '/api/v1/certifications/:id/download',
    {
      config: { roles: [...STAFF, 'customer'] },
      schema: {
        operationId: 'certifications-download',
        tags: ['certifications'],
        summary: 'The certificate PDF (inline; ?download=true as an attachment)',
        params: IdParams,
        querystring: DownloadQuery,
        response: { 200: PdfResponse },
      },
    },
    async (req, reply) => {
      const cert = (await findVisible(
        app.db,
        certificationRef,
        req.params.id,
        certificationScope(req.user),
      )) as unknown as CertificationRow;
      return sendPdf(reply, cert, { attachment: req.query.download, original: req.query.original });
    },
  );

  app.get(
    '/api/v1/certifications/:id/preview',
    {
      config: { public: true },
      schema: {
        operationId: 'certifications-preview',
        tags: ['certifications'],
        summary: 'The certificate PDF inline, for an iframe: `preview_url` carries the token',
        params: IdParams,
        querystring: Type.Object({ token: Type.String({ maxLength: 200 }) }),
        response: { 200: PdfResponse },
      },
    },
    async (req, reply) => {
      if (!checkPreviewToken(app.config.SECRET_KEY, 'certification', req.params.id, req.query.token))
        throw notFound('certification', req.params.id);
      const cert = (await findVisible(
        app.db,
        certificationRef,
        req.params.id,
      )) as unknown as CertificationRow;
      return sendPdf(reply, cert, {});
    },
  );

  registerResource(app, {
    name: 'certification',
    path: 'certifications',
    tag: 'certifications',
    table: certifications,
    schemas: { public: CertificationPublic, create: CertificationCreate, update: CertificationUpdate },
    list: certificationListSpec,
    csvColumns: CERTIFICATION_CSV_COLUMNS,
    roles: { read: [...STAFF, 'customer'], write: MANAGERS, archive: ['admin'] },
    scope: certificationScope,
    numbering: { prefix: 'CERT', column: 'number' },
    toInsert: (tx, body, req) => certificationValues(tx, body, req),
    toPatch: (tx, patch, before) => certificationPatch(tx, patch, before),
    expand: expandCertifications(app),
    machine: certificationMachine,
  });
}
