import { eq } from 'drizzle-orm';
import { reports } from '../../db/schema/index.ts';
import { JobLeaseLost, registerJobHandler } from '../../jobs/registry.ts';
import { updateEntity } from '../../lib/crud.ts';
import { renderPdfJson } from '../../pdf/pool.ts';
import type { ReportDocument } from '../../pdf/templates/report.ts';
import type { App } from '../../types.ts';
import { deletePdf, pageCount, readFileBytes, storeFile, storePdf, verifyUrl } from './pdf-files.ts';
import { collectReportContent } from './reports.content.ts';
import { identification, REPORT_JOB, reportRef } from './reports.service.ts';

/** Changes made by the job are the system's, not a user's. */
const SYSTEM = { actorId: null, requestId: null, ip: null };

type ReportRow = typeof reports.$inferSelect;

/**
 * The PDF data of a report (a ReportDocument as JSON text) from its gathered content as JSON text:
 * draft, issued (signed) or stamped. The content is never parsed on the event loop: what depends
 * on the moment is appended to the object's text, and where a key repeats (verify_url,
 * amendment) JSON.parse keeps the later value, the one given here.
 */
export function reportDocumentJson(
  app: App,
  report: ReportRow,
  contentJson: string,
  opts: {
    mark: string | null;
    issueDate: string | null;
    signatory: ReportDocument['signatory'];
    amendment: ReportDocument['amendment'];
  },
): string {
  const moment: Pick<
    ReportDocument,
    'identification' | 'mark' | 'issue_date' | 'signatory' | 'amendment' | 'verify_url'
  > = {
    identification: identification(report),
    mark: opts.mark,
    issue_date: opts.issueDate ?? 'not issued (draft)',
    signatory: opts.signatory,
    amendment: opts.amendment,
    verify_url: verifyUrl(app, report.verify_code),
  };
  const content = contentJson.trimEnd();
  if (!content.startsWith('{') || !content.endsWith('}'))
    throw new Error('report content is not a JSON object');
  const rest = JSON.stringify(moment).slice(1);
  return content === '{}' ? `{${rest}` : `${content.slice(0, -1)},${rest}`;
}

/**
 * A report's gathered content (JSON text) lives in a file next to its PDF; the row keeps only a
 * pointer (`{ file, sha256 }`), so reading or listing reports never drags a megabyte of JSON along.
 */
export async function loadContentJson(app: App, report: ReportRow): Promise<string | null> {
  const pointer = report.content as { file?: string } | null;
  if (!pointer) return null;
  if (!pointer.file) return JSON.stringify(pointer);
  return (await readFileBytes(app, pointer.file)).toString('utf8');
}

/** The amendment block of a new version: which report it replaces, why, what changed. */
export async function amendmentOf(app: App, report: ReportRow): Promise<ReportDocument['amendment']> {
  if (!report.supersedes_id) return null;
  const [old] = await app.db.select().from(reports).where(eq(reports.id, report.supersedes_id));
  return {
    replaces: old ? identification(old) : 'the previous version',
    reason: report.amendment_reason ?? '',
    what_changed: report.what_changed ?? '',
  };
}

/**
 * report.generate: gather the approved results (reads, no transaction), render the draft PDF in a
 * worker thread, store it, and in one short transaction record it on the report and mark the job
 * done. A retried or reclaimed job whose report is already generated does nothing, and a run that
 * lost its job to another worker rolls back and removes its file: the report is produced once.
 */
registerJobHandler(REPORT_JOB, {
  async run(ctx) {
    const { app, job } = ctx;
    const reportId = String(job.payload.report_id);
    const load = async () => (await app.db.select().from(reports).where(eq(reports.id, reportId)))[0];
    let report = await load();
    if (!report || report.job_id !== job.id || !['queued', 'generating'].includes(report.status)) {
      // superseded by a newer job, or already generated: nothing left to do
      await app.db.transaction((tx) => ctx.finish(tx));
      return;
    }
    await ctx.step('start');
    if (report.status === 'queued') {
      await app.db.transaction(async (tx) => {
        // a run that lost its job (its lease lapsed and another worker took it) must not touch the report
        if (!(await ctx.stillMine(tx))) throw new JobLeaseLost();
        const [current] = await tx.select().from(reports).where(eq(reports.id, reportId)).for('update');
        if (current?.status !== 'queued' || current.job_id !== job.id) return;
        await updateEntity(tx, reportRef, SYSTEM, reportId, { status: 'generating' }, { action: 'generate' });
      });
      report = (await load())!;
      if (report.status !== 'generating' || report.job_id !== job.id) {
        await app.db.transaction((tx) => ctx.finish(tx));
        return;
      }
    }
    await ctx.progress(5);

    await ctx.step('collect');
    const contentJson = JSON.stringify(await collectReportContent(app.db, report));
    await ctx.progress(25);

    await ctx.step('render');
    const document = reportDocumentJson(app, report, contentJson, {
      mark: 'DRAFT',
      issueDate: null,
      signatory: null,
      amendment: await amendmentOf(app, report),
    });
    const pdf = await renderPdfJson('report', document);
    await ctx.progress(85);

    await ctx.step('store');
    const stored = await storePdf(app, pdf);
    const contentFile = await storeFile(app, Buffer.from(contentJson), 'json');
    try {
      await app.db.transaction(async (tx) => {
        const { before } = await updateEntity(
          tx,
          reportRef,
          SYSTEM,
          reportId,
          {
            status: 'draft',
            content: { file: contentFile.key, sha256: contentFile.sha256 },
            pdf_key: stored.key,
            pdf_sha256: stored.sha256,
            pdf_size: stored.size,
            page_count: pageCount(pdf),
            generated_at: new Date(),
            error: null,
          },
          { action: 'generated' },
        );
        if (before.job_id !== job.id || before.status !== 'generating') {
          throw new Error('the report changed while it was generated');
        }
        await ctx.finish(tx);
        // the draft this one replaces (a regeneration) is no longer needed once this commits
        if (before.pdf_key) setImmediate(() => void deletePdf(app, String(before.pdf_key)));
        const oldContent = (before.content as { file?: string } | null)?.file;
        if (oldContent) setImmediate(() => void deletePdf(app, oldContent));
      });
    } catch (err) {
      await deletePdf(app, stored.key);
      await deletePdf(app, contentFile.key);
      throw err;
    }
  },

  async onFailed(app, job, error) {
    const reportId = String(job.payload.report_id);
    await app.db.transaction(async (tx) => {
      const [report] = await tx.select().from(reports).where(eq(reports.id, reportId)).for('update');
      if (!report || report.job_id !== job.id || !['queued', 'generating'].includes(report.status)) return;
      await updateEntity(
        tx,
        reportRef,
        SYSTEM,
        reportId,
        { status: 'failed', error: error.slice(0, 500) },
        { action: 'generation_failed' },
      );
    });
  },
});
