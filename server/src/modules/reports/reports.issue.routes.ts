import { eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { v7 as uuidv7 } from 'uuid';
import { reports, users } from '../../db/schema/index.ts';
import { allowedActions } from '../../lib/actions.ts';
import { etag, expectedVersion } from '../../lib/concurrency.ts';
import { findVisible, insertEntity, type Row, updateEntity } from '../../lib/crud.ts';
import { today } from '../../lib/dates.ts';
import { conflict, invalidTransition, preconditionFailed } from '../../lib/errors.ts';
import { IdempotencyHeaders, IdParams, IfMatchHeaders } from '../../lib/schemas.ts';
import { requireMeaning, SignatureBody, sign } from '../../lib/signatures.ts';
import { renderPdfJson } from '../../pdf/pool.ts';
import { MANAGERS } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { deletePdf, newVerifyCode, pageCount, storePdf } from './pdf-files.ts';
import { amendmentOf, loadContentJson, reportDocumentJson } from './reports.job.ts';
import { AmendBody, ReportPublic } from './reports.schemas.ts';
import {
  enqueueGeneration,
  expandReports,
  findProject,
  identification,
  pendingAmendment,
  reportMachine,
  reportRef,
  resolveSamples,
} from './reports.service.ts';

export const ReportOut = Type.Object(
  { ...ReportPublic.properties, allowed_actions: Type.Array(Type.String()) },
  { title: 'ReportWithActions' },
);

type ReportRow = typeof reports.$inferSelect;

/** A report as the caller sees it (expanded, with its allowed actions), with its ETag. */
export async function sendReport(app: App, req: FastifyRequest, reply: FastifyReply, row: Row, status = 200) {
  const [full] = await expandReports(app)(app.db, [row]);
  reply.header('etag', etag(row.version));
  if (status === 201) reply.header('location', `/api/v1/reports/${row.id}`);
  return reply.code(status).send({ ...full, allowed_actions: allowedActions(reportMachine, row, req.user) });
}

export function registerIssueAndAmend(app: App) {
  app.post(
    '/api/v1/reports/:id/issue',
    {
      config: { roles: MANAGERS, idempotent: true },
      schema: {
        operationId: 'reports-issue',
        tags: ['reports'],
        summary: 'Issue a draft report with an e-signature (password again, meaning `issued`)',
        description:
          'Renders the final PDF (signatory, date of issue, no draft mark), fixes its SHA-256 and signs it. An amendment supersedes the report it replaces when it is issued. A wrong password is 403 `signature-refused` and nothing changes.',
        params: IdParams,
        headers: Type.Intersect([IfMatchHeaders, IdempotencyHeaders]),
        body: SignatureBody,
        response: { 200: ReportOut },
      },
    },
    async (req, reply) => {
      const body = req.body as { password: string; meaning: string };
      const expected = expectedVersion(req.headers['if-match'], undefined);
      const draft = (await findVisible(app.db, reportRef, req.params.id)) as unknown as ReportRow;
      const mustBeDraft = (row: { status: string; version: number; id: string }) => {
        if (row.status !== 'draft') {
          throw invalidTransition(
            'report',
            row.status,
            'issue',
            allowedActions(reportMachine, row as unknown as Row, req.user),
          );
        }
        if (expected !== undefined && row.version !== expected) {
          throw preconditionFailed(
            `report ${row.id} is at version ${row.version}, not ${expected}: reload it and apply your change again`,
          );
        }
      };
      mustBeDraft(draft);
      requireMeaning(body, ['issued']);
      const content = await loadContentJson(app, draft);
      if (!content) throw conflict(`Report ${identification(draft)} has no generated content; regenerate it`);

      // The final PDF is laid out before the transaction (in a worker thread): the transaction
      // then only signs and records it, and stays short.
      const [signer] = await app.db
        .select({ full_name: users.full_name, email: users.email })
        .from(users)
        .where(eq(users.id, req.user.id));
      const signedAt = new Date();
      const issueDate = today(req);
      const pdf = await renderPdfJson(
        'report',
        reportDocumentJson(app, draft, content, {
          mark: null,
          issueDate,
          signatory: {
            name: signer?.full_name || signer?.email || 'unknown',
            meaning: body.meaning,
            signed_at: `${signedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
          },
          amendment: await amendmentOf(app, draft),
        }),
      );
      const stored = await storePdf(app, pdf);
      let issued: Row;
      try {
        issued = await app.db.transaction(async (tx) => {
          const locked = (await findVisible(
            tx,
            reportRef,
            draft.id,
            undefined,
            true,
          )) as unknown as ReportRow;
          mustBeDraft(locked);
          if (locked.version !== draft.version)
            throw conflict(`Report ${identification(locked)} changed while it was issued; try again`);
          await sign(tx, req, {
            entityType: 'report',
            entityId: draft.id,
            meaning: body.meaning,
            content: {
              report_id: draft.id,
              number: draft.number,
              revision: draft.revision,
              issue_date: issueDate,
              pdf_sha256: stored.sha256,
            },
          });
          const { after } = await updateEntity(
            tx,
            reportRef,
            req.audit,
            draft.id,
            {
              status: 'issued',
              pdf_key: stored.key,
              pdf_sha256: stored.sha256,
              pdf_size: stored.size,
              page_count: pageCount(pdf),
              issue_date: issueDate,
              issued_at: signedAt,
              issued_by: req.user.id,
            },
            { action: 'issue' },
          );
          if (draft.supersedes_id) {
            const [old] = await tx
              .select()
              .from(reports)
              .where(eq(reports.id, draft.supersedes_id))
              .for('update');
            if (old?.status === 'issued') {
              await updateEntity(
                tx,
                reportRef,
                req.audit,
                old.id,
                { status: 'superseded', superseded_by_id: draft.id, superseded_at: signedAt },
                { action: 'supersede' },
              );
            }
          }
          return after;
        });
      } catch (err) {
        await deletePdf(app, stored.key);
        throw err;
      }
      await deletePdf(app, draft.pdf_key); // the draft's PDF; the issued one replaces it
      return sendReport(app, req, reply, issued);
    },
  );

  app.post(
    '/api/v1/reports/:id/amend',
    {
      config: { roles: MANAGERS, idempotent: true },
      schema: {
        operationId: 'reports-amend',
        tags: ['reports'],
        summary:
          'Amend an issued report: a new version (revision n+1) is generated and supersedes it when issued',
        description:
          'The issued report is never changed. The new version keeps the number, names what changed and why, and is generated by a job like any report (201, status queued).',
        params: IdParams,
        headers: Type.Intersect([IfMatchHeaders, IdempotencyHeaders]),
        body: AmendBody,
        response: { 201: ReportOut },
      },
    },
    async (req, reply) => {
      const body = req.body as {
        reason: string;
        what_changed: string;
        sample_ids?: string[];
        title?: string | null;
      };
      const expected = expectedVersion(req.headers['if-match'], undefined);
      const created = await app.db.transaction(async (tx) => {
        const old = (await findVisible(
          tx,
          reportRef,
          req.params.id,
          undefined,
          true,
        )) as unknown as ReportRow;
        if (old.status !== 'issued') {
          throw invalidTransition(
            'report',
            old.status,
            'amend',
            allowedActions(reportMachine, old as unknown as Row, req.user),
          );
        }
        if (expected !== undefined && old.version !== expected) {
          throw preconditionFailed(
            `report ${old.id} is at version ${old.version}, not ${expected}: reload it and apply your change again`,
          );
        }
        const pending = await pendingAmendment(tx, old.id);
        if (pending) {
          throw conflict(
            `Report ${identification(old)} already has an amendment in progress (${identification(pending)}, ${pending.status}); issue or archive that one first`,
          );
        }
        const project = await findProject(tx, old.project_id);
        const sampleIds = await resolveSamples(
          tx,
          project,
          body.sample_ids?.length ? body.sample_ids : old.sample_ids,
        );
        const id = uuidv7();
        const job = await enqueueGeneration(tx, id);
        return insertEntity(tx, reportRef, req.audit, {
          id,
          number: old.number,
          revision: old.revision + 1,
          project_id: old.project_id,
          customer_id: old.customer_id,
          sample_ids: sampleIds,
          title: body.title === undefined ? old.title : body.title,
          status: 'queued',
          job_id: job.id,
          verify_code: newVerifyCode(),
          supersedes_id: old.id,
          amendment_reason: body.reason.trim(),
          what_changed: body.what_changed.trim(),
        });
      });
      app.jobs.wake();
      return sendReport(app, req, reply, created, 201);
    },
  );
}
