import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/client.ts';
import { customers, jobs, projects, reports, samples } from '../../db/schema/index.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import type { ActionDef, Machine } from '../../lib/actions.ts';
import type { EntityRef, Row } from '../../lib/crud.ts';
import { conflict, unprocessable } from '../../lib/errors.ts';
import { signaturesOfMany } from '../../lib/signatures.ts';
import { MANAGERS } from '../../plugins/app/auth.ts';
import type { App, CurrentUser } from '../../types.ts';
import { BENCH_ROLES } from '../test-plans/test-plans.routes.ts';
import { newVerifyCode } from './pdf-files.ts';
import { previewToken } from './preview-token.ts';
import { countReportable, samplesWithApprovedResults } from './reports.content.ts';
import { RevokeBody } from './reports.schemas.ts';

export const REPORT_JOB = 'report.generate';
export const reportRef: EntityRef = { table: reports, name: 'report' };

/** What a customer user sees: its own customer's reports, once issued (also superseded or revoked ones). */
export const reportScope = (user: CurrentUser) =>
  user.role === 'customer'
    ? and(
        eq(reports.customer_id, user.customerId ?? sql`null`),
        inArray(reports.status, ['issued', 'superseded', 'revoked']),
      )
    : undefined;

export const identification = (row: { number?: unknown; revision?: unknown } | Record<string, unknown>) =>
  Number(row.revision) > 1 ? `${row.number} rev ${row.revision}` : String(row.number);

/**
 * The samples a report covers: the chosen ones (each must belong to the project and have approved
 * results: 422 naming those that do not), or every sample of the project with approved results.
 * No approved result at all is 409: there is nothing to report yet.
 */
export async function resolveSamples(
  tx: Db,
  project: { id: string; number: string },
  chosen: readonly string[] | undefined,
  field = 'sample_ids',
): Promise<string[]> {
  if (chosen?.length) {
    const rows = await tx
      .select({ id: samples.id, number: samples.number, project_id: samples.project_id })
      .from(samples)
      .where(inArray(samples.id, [...chosen]));
    const found = new Map(rows.map((r) => [r.id, r]));
    const foreign = chosen.filter((id) => found.get(id)?.project_id !== project.id);
    if (foreign.length) {
      throw unprocessable([
        { field, message: `not samples of project ${project.number}: ${foreign.join(', ')}` },
      ]);
    }
    const withResults = new Set(await samplesWithApprovedResults(tx, project.id, chosen));
    const without = chosen.filter((id) => !withResults.has(id));
    if (without.length === chosen.length) {
      throw conflict(
        `None of the chosen samples of project ${project.number} has an approved result; approve results before generating a report`,
      );
    }
    if (without.length) {
      throw unprocessable([
        {
          field,
          message: `no approved results yet for ${without.map((id) => found.get(id)?.number).join(', ')}`,
        },
      ]);
    }
    return [...chosen];
  }
  if (!(await countReportable(tx, project.id))) {
    throw conflict(
      `Project ${project.number} has no approved results; approve results before generating a report`,
    );
  }
  return samplesWithApprovedResults(tx, project.id);
}

export async function findProject(tx: Db, projectId: string, field = 'project_id') {
  const [project] = await tx
    .select({
      id: projects.id,
      number: projects.number,
      customer_id: projects.customer_id,
      archived_at: projects.archived_at,
    })
    .from(projects)
    .where(eq(projects.id, projectId));
  if (!project) throw unprocessable([{ field, message: 'no such project' }]);
  if (project.archived_at) throw conflict(`Project ${project.number} is archived; restore it first`);
  return project;
}

/** A job that (re)generates the report's PDF, in the caller's transaction. */
export const enqueueGeneration = (tx: Db, reportId: string) =>
  enqueueJob(tx, REPORT_JOB, { report_id: reportId }, { maxAttempts: 3 });

/** POST /reports: the report row in `queued`, with its generation job, in one transaction. */
export async function reportValues(tx: Db, body: Record<string, unknown>) {
  const project = await findProject(tx, String(body.project_id));
  const sampleIds = await resolveSamples(tx, project, body.sample_ids as string[] | undefined);
  const id = uuidv7();
  const job = await enqueueGeneration(tx, id);
  return {
    id,
    project_id: project.id,
    customer_id: project.customer_id,
    sample_ids: sampleIds,
    title: (body.title as string | null | undefined) ?? null,
    status: 'queued',
    job_id: job.id,
    verify_code: newVerifyCode(),
    revision: 1,
  };
}

/**
 * PATCH/PUT: only the title of a report that is not issued; the PDF is generated again with it.
 * The samples and project are fixed: generate a new report, or amend an issued one.
 */
export async function reportPatch(tx: Db, patch: Record<string, unknown>, before: Row) {
  if (!['draft', 'failed', 'queued'].includes(String(before.status))) {
    throw conflict(
      `Report ${identification(before)} is ${before.status} and never changes; POST /api/v1/reports/${before.id}/amend for a new version`,
    );
  }
  const fixed = (['project_id', 'sample_ids'] as const).filter(
    (f) => f in patch && patch[f] !== null && JSON.stringify(patch[f]) !== JSON.stringify(before[f]),
  );
  if (fixed.length) {
    throw unprocessable(
      fixed.map((field) => ({ field, message: 'cannot change; generate a new report instead' })),
    );
  }
  const title = 'title' in patch ? ((patch.title as string | null) ?? null) : before.title;
  if (title === before.title) return {};
  const job = await enqueueGeneration(tx, before.id);
  return { title, status: 'queued', job_id: job.id, error: null };
}

const regenerate: ActionDef = {
  name: 'regenerate',
  from: ['draft', 'failed'],
  to: 'queued',
  roles: BENCH_ROLES,
  summary: 'Generate the draft again (after more results were approved, or after a failure)',
  apply: async (tx, row) => {
    const job = await enqueueGeneration(tx, row.id);
    return { job_id: job.id, error: null };
  },
  after: async (app) => app.jobs.wake(),
};

const revoke: ActionDef = {
  name: 'revoke',
  from: ['issued'],
  to: 'revoked',
  roles: MANAGERS,
  summary: 'Revoke an issued report (public verification then says revoked); it stays downloadable, marked',
  body: RevokeBody,
  apply: (_tx, _row, body) => ({ revoked_at: new Date(), revoke_reason: String(body.reason).trim() }),
};

/** issue and amend have their own routes (a PDF to render, a new version to create). */
export const reportMachine: Machine = {
  actions: [
    { name: 'issue', from: ['draft'], to: 'issued', roles: MANAGERS, ownRoute: true },
    { name: 'amend', from: ['issued'], roles: MANAGERS, ownRoute: true },
    regenerate,
    revoke,
  ],
};

/** Read-only fields for a page of reports: project, customer, progress, signatures, preview URL. */
export function expandReports(app: App) {
  return async (db: Db, rows: Row[]): Promise<Row[]> => {
    const ids = rows.map((r) => r.id);
    const projectIds = [...new Set(rows.map((r) => String(r.project_id)))];
    const jobIds = rows.map((r) => r.job_id as string | null).filter((id): id is string => Boolean(id));
    const [names, progress, signed] = await Promise.all([
      db
        .select({ id: projects.id, number: projects.number, company_name: customers.company_name })
        .from(projects)
        .innerJoin(customers, eq(customers.id, projects.customer_id))
        .where(inArray(projects.id, projectIds)),
      jobIds.length
        ? db.select({ id: jobs.id, progress: jobs.progress }).from(jobs).where(inArray(jobs.id, jobIds))
        : Promise.resolve([]),
      signaturesOfMany(db, 'report', ids),
    ]);
    const byProject = new Map(names.map((r) => [r.id, r]));
    const byJob = new Map(progress.map((j) => [j.id, j.progress]));
    return rows.map((row) => {
      const p = byProject.get(String(row.project_id));
      const done = !['queued', 'generating'].includes(String(row.status));
      return {
        ...row,
        identification: identification(row),
        project_number: p?.number ?? null,
        customer_name: p?.company_name ?? null,
        progress: done && row.status !== 'failed' ? 100 : (byJob.get(String(row.job_id)) ?? 0),
        signatures: signed.get(row.id) ?? [],
        preview_url:
          row.pdf_key || ['issued', 'superseded', 'revoked'].includes(String(row.status))
            ? `/api/v1/reports/${row.id}/preview?token=${previewToken(app.config.SECRET_KEY, 'report', row.id)}`
            : null,
      };
    });
  };
}

/** The report a new version would supersede must still be the current issued one. */
export async function pendingAmendment(tx: Db, reportId: string) {
  const [row] = await tx
    .select({ id: reports.id, number: reports.number, revision: reports.revision, status: reports.status })
    .from(reports)
    .where(and(eq(reports.supersedes_id, reportId), isNull(reports.archived_at)))
    .limit(1);
  return row;
}
