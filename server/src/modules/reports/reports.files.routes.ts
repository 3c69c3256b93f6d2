import { PassThrough, type Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { jobs, reports } from '../../db/schema/index.ts';
import type { JobEvent } from '../../jobs/runner.ts';
import { findVisible } from '../../lib/crud.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { IdParams } from '../../lib/schemas.ts';
import { signaturesOf } from '../../lib/signatures.ts';
import { renderPdfJson } from '../../pdf/pool.ts';
import { STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { openPdf } from './pdf-files.ts';
import { checkPreviewToken } from './preview-token.ts';
import { amendmentOf, loadContentJson, reportDocumentJson } from './reports.job.ts';
import { identification, reportRef, reportScope } from './reports.service.ts';

type ReportRow = typeof reports.$inferSelect;

const PdfResponse = {
  description: 'application/pdf',
  content: { 'application/pdf': { schema: Type.String({ format: 'binary' }) } },
};

const DownloadQuery = Type.Object({
  download: Type.Optional(Type.Boolean({ description: 'true: as an attachment instead of inline' })),
  original: Type.Optional(
    Type.Boolean({
      description:
        'For a superseded or revoked report: the exact signed bytes (matching the verified SHA-256) instead of the copy stamped SUPERSEDED / REVOKED',
    }),
  ),
});

const MARKS: Record<string, string> = { superseded: 'SUPERSEDED', revoked: 'REVOKED' };

/**
 * The PDF of a report: the stored draft or issued bytes; for a superseded or revoked report a copy
 * stamped SUPERSEDED / REVOKED on every page (rendered in a worker), unless the original is asked
 * for. PDFs may be framed by the web app itself (the inline preview), nothing else.
 */
export async function sendReportPdf(
  app: App,
  reply: FastifyReply,
  report: ReportRow,
  opts: { attachment?: boolean; original?: boolean },
) {
  if (!report.pdf_key) {
    throw conflict(
      `Report ${identification(report)} is ${report.status}; its PDF is not ready${
        report.status === 'failed' ? ' (generation failed: regenerate it)' : ' yet'
      }`,
    );
  }
  const mark = MARKS[report.status];
  let body: Readable | Buffer;
  const content = mark && !opts.original ? await loadContentJson(app, report) : null;
  if (content) {
    const issued = (await signaturesOf(app.db, 'report', report.id)).find((s) => s.meaning === 'issued');
    body = await renderPdfJson(
      'report',
      reportDocumentJson(app, report, content, {
        mark,
        issueDate: report.issue_date,
        signatory: issued
          ? {
              name: issued.user_name,
              meaning: issued.meaning,
              signed_at: `${issued.signed_at.slice(0, 16).replace('T', ' ')} UTC`,
            }
          : null,
        amendment: await amendmentOf(app, report),
      }),
    );
  } else {
    body = await openPdf(app, report.pdf_key);
    if (report.pdf_sha256) reply.header('x-content-sha256', report.pdf_sha256);
  }
  const suffix = mark && !opts.original ? `-${mark}` : report.status === 'draft' ? '-DRAFT' : '';
  const file = `${report.number}-rev${report.revision}${suffix}.pdf`.replace(/[^A-Za-z0-9._-]/g, '_');
  return reply
    .type('application/pdf')
    .header('content-disposition', `${opts.attachment ? 'attachment' : 'inline'}; filename="${file}"`)
    .header('x-report-status', report.status)
    .header('cache-control', 'private, no-store')
    .header('content-security-policy', "default-src 'none'; frame-ancestors 'self'")
    .header('x-frame-options', 'SAMEORIGIN')
    .send(body);
}

const TERMINAL = new Set(['draft', 'failed', 'issued', 'superseded', 'revoked']);

export function registerReportFileRoutes(app: App) {
  app.get(
    '/api/v1/reports/:id/download',
    {
      config: { roles: [...STAFF, 'customer'] },
      schema: {
        operationId: 'reports-download',
        tags: ['reports'],
        summary: 'The report PDF (inline; ?download=true as an attachment)',
        params: IdParams,
        querystring: DownloadQuery,
        response: { 200: PdfResponse },
      },
    },
    async (req, reply) => {
      const report = (await findVisible(
        app.db,
        reportRef,
        req.params.id,
        reportScope(req.user),
      )) as unknown as ReportRow;
      return sendReportPdf(app, reply, report, {
        attachment: req.query.download,
        original: req.query.original,
      });
    },
  );

  app.get(
    '/api/v1/reports/:id/preview',
    {
      config: { public: true },
      schema: {
        operationId: 'reports-preview',
        tags: ['reports'],
        summary: 'The report PDF inline, for an iframe: `preview_url` of the report carries the token',
        params: IdParams,
        querystring: Type.Object({
          token: Type.String({ maxLength: 200 }),
          original: DownloadQuery.properties.original,
        }),
        response: { 200: PdfResponse },
      },
    },
    async (req, reply) => {
      if (!checkPreviewToken(app.config.SECRET_KEY, 'report', req.params.id, req.query.token)) {
        throw notFound('report', req.params.id);
      }
      const report = (await findVisible(app.db, reportRef, req.params.id)) as unknown as ReportRow;
      return sendReportPdf(app, reply, report, { original: req.query.original });
    },
  );

  const streams = new Set<PassThrough>();
  app.addHook('preClose', async () => {
    for (const s of streams) s.end();
  });

  app.get(
    '/api/v1/reports/:id/events',
    {
      config: { roles: STAFF },
      schema: {
        operationId: 'reports-events',
        tags: ['reports'],
        summary: 'Server-sent events: the generation progress of a report',
        description:
          '`event: progress` with `{status, progress, error}` whenever either changes, then `event: end` once the report is no longer being generated. The stream starts with the current state.',
        params: IdParams,
        response: {
          200: {
            description: 'text/event-stream',
            content: { 'text/event-stream': { schema: Type.String() } },
          },
        },
      },
    },
    async (req, reply) => {
      const id = req.params.id;
      await findVisible(app.db, reportRef, id, reportScope(req.user));
      const stream = new PassThrough();
      streams.add(stream);
      let last = '';
      let closed = false;
      const send = (event: string, data: unknown) => {
        if (!closed) stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(poll);
        clearInterval(ping);
        clearTimeout(limit);
        app.jobs.events.off('job', onJob);
        streams.delete(stream);
        stream.end();
      };
      const snapshot = async () => {
        if (closed) return;
        const [row] = await app.db
          .select({
            status: reports.status,
            error: reports.error,
            job_id: reports.job_id,
            progress: jobs.progress,
          })
          .from(reports)
          .leftJoin(jobs, eq(jobs.id, reports.job_id))
          .where(eq(reports.id, id));
        if (!row) return close();
        const done = TERMINAL.has(row.status);
        const state = {
          status: row.status,
          progress: done && row.status !== 'failed' ? 100 : (row.progress ?? 0),
          error: row.error,
        };
        const key = JSON.stringify(state);
        if (key !== last) {
          last = key;
          send('progress', state);
        }
        if (done) {
          send('end', state);
          close();
        }
      };
      const refresh = () => void snapshot().catch((err) => req.log.warn({ err }, 'report events'));
      const onJob = (event: JobEvent) => {
        if (event.kind === 'report.generate') refresh();
      };
      app.jobs.events.on('job', onJob);
      // other instances' workers do not publish here: a slow poll covers them
      const poll = setInterval(refresh, 2000);
      const ping = setInterval(() => !closed && stream.write(': keep-alive\n\n'), 15_000);
      const limit = setTimeout(close, 10 * 60_000); // EventSource reconnects by itself
      reply.raw.on('close', close);
      refresh();
      return reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('x-accel-buffering', 'no')
        .send(stream as never);
    },
  );
}
