import { and, asc, type Column, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  customers,
  methods,
  projects,
  samples,
  specifications,
  testExecutions,
  testResults,
} from '../../db/schema/index.ts';
import type { SpecVerdict } from '../../db/schema/testing.ts';
import type { ReportDocument } from '../../pdf/templates/report.ts';

/**
 * On PGlite every query runs on the event loop, so a 200-page report gathered in one query would
 * hold the API for its whole duration. Gathering goes in short steps instead: samples in keyset
 * pages, their results 25 samples per query; the PGlite client gives the loop a turn before each
 * of them (db/pglite-turns.ts).
 */
const SAMPLES_PER_PAGE = 100;
const SAMPLES_PER_QUERY = 25;

/** The lab's name on its documents (the same as the quotes'). */
export const LAB = { name: 'Labline Testing Laboratory', address: null };

/**
 * `column = any($1::uuid[])` with the ids as ONE array parameter: a report of 1,500 samples would
 * otherwise send 1,500 parameters, which PGlite parses and plans slowly on the event loop.
 */
const anyOf = (column: Column, ids: readonly string[]) =>
  sql`${column} = any(${`{${ids.join(',')}}`}::uuid[])`;

/** Approved, current results of a project (of some samples): what a report may contain. */
export const reportableResults = (projectId: string, sampleIds?: readonly string[]) =>
  and(
    eq(testResults.project_id, projectId),
    eq(testResults.status, 'approved'),
    isNull(testResults.superseded_by_id),
    isNull(testResults.archived_at),
    sampleIds?.length ? anyOf(testResults.sample_id, sampleIds) : undefined,
  );

/** The samples of a project that have approved results (the default content of a report). */
export async function samplesWithApprovedResults(db: Db, projectId: string, sampleIds?: readonly string[]) {
  const rows = await db
    .selectDistinct({ sample_id: testResults.sample_id })
    .from(testResults)
    .where(reportableResults(projectId, sampleIds));
  return rows.map((r) => r.sample_id);
}

const RULE_TEXT: Record<string, string> = {
  simple:
    'Decision rule: simple acceptance (ILAC-G8 §4.2.1): a result within the limits passes, one outside fails; the measurement uncertainty is reported but not used in the verdict.',
  guarded:
    'Decision rule: guarded acceptance (ILAC-G8 §4.2.2), guard band = the expanded uncertainty U: pass only when the whole interval result ± U lies within the limits, fail when it lies wholly outside, inconclusive when it straddles a limit.',
};

const range = (values: (string | null | undefined)[]) => {
  const sorted = values.filter((v): v is string => Boolean(v)).sort();
  if (!sorted.length) return 'not recorded';
  return sorted[0] === sorted.at(-1) ? sorted[0] : `${sorted[0]} to ${sorted.at(-1)}`;
};

/** What the job gathers; the rest of a ReportDocument depends on the moment it is rendered. */
export type ReportContent = Omit<ReportDocument, 'mark' | 'signatory' | 'identification' | 'issue_date'>;

/**
 * Gathers what a report shows: a query per 100 samples and one per 25 samples' results, never one
 * per sample or result, and none over the whole report (see SAMPLES_PER_PAGE). Reads only; runs
 * outside any transaction so a big report never holds one open.
 */
export async function collectReportContent(
  db: Db,
  report: { project_id: string; sample_ids: string[]; title: string | null },
): Promise<ReportContent> {
  const [project] = await db
    .select({
      number: projects.number,
      name: projects.name,
      customer_name: customers.company_name,
      address: customers.address,
      contact: customers.contact_person,
    })
    .from(projects)
    .innerJoin(customers, eq(customers.id, projects.customer_id))
    .where(eq(projects.id, report.project_id));
  const resultsOf = (ids: string[]) =>
    db
      .select({
        sample_id: testResults.sample_id,
        sample_number: samples.number,
        method_id: testResults.method_id,
        method_code: methods.code,
        parameter: testResults.parameter,
        value_numeric: testResults.value_numeric,
        value_text: testResults.value_text,
        unit: testResults.unit,
        uncertainty: testResults.uncertainty,
        verdicts: testResults.verdicts,
        decision_rule: testResults.decision_rule,
        started_at: testExecutions.started_at,
        completed_at: testExecutions.completed_at,
      })
      .from(testResults)
      .innerJoin(samples, eq(samples.id, testResults.sample_id))
      .innerJoin(methods, eq(methods.id, testResults.method_id))
      .innerJoin(testExecutions, eq(testExecutions.id, testResults.execution_id))
      .where(reportableResults(report.project_id, ids))
      .orderBy(asc(samples.number), asc(methods.code), asc(testResults.parameter));
  const sampleRows: Awaited<ReturnType<typeof samplePage>> = [];
  const results: Awaited<ReturnType<typeof resultsOf>> = [];
  for await (const page of reportSamples(db, report)) {
    for (let i = 0; i < page.length; i += SAMPLES_PER_QUERY) {
      const chunk = page.slice(i, i + SAMPLES_PER_QUERY);
      const found = await resultsOf(chunk.map((s) => s.id));
      const reported = new Set(found.map((r) => r.sample_id));
      sampleRows.push(...chunk.filter((s) => reported.has(s.id)));
      results.push(...found);
    }
  }
  const methodIds = [...new Set(results.map((r) => r.method_id))];
  const methodRows = methodIds.length
    ? await db
        .select({
          code: methods.code,
          title: methods.title,
          standard: methods.standard_reference,
          version: methods.method_version,
        })
        .from(methods)
        .where(anyOf(methods.id, methodIds))
        .orderBy(asc(methods.code))
    : [];
  const specIds = [
    ...new Set(results.flatMap((r) => (r.verdicts as SpecVerdict[]).map((v) => v.specification_id))),
  ];
  const specRows = specIds.length
    ? await db
        .select({ id: specifications.id, code: specifications.code, name: specifications.name })
        .from(specifications)
        .where(inArray(specifications.id, specIds))
        .orderBy(asc(specifications.code))
    : [];
  const specCode = new Map(specRows.map((s) => [s.id, s.code]));
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
  return {
    lab: LAB,
    title: report.title || `Test report for ${project?.number ?? 'project'}`,
    customer: { name: project?.customer_name ?? '', address: project?.address, contact: project?.contact },
    project: { number: project?.number ?? '', name: project?.name ?? '' },
    dates: {
      received: range(sampleRows.map((s) => s.received_date)),
      testing: range(results.flatMap((r) => [day(r.started_at), day(r.completed_at)])),
    },
    samples: sampleRows.map(({ id: _id, ...s }) => ({ ...s, condition_notes: s.condition_notes ?? null })),
    methods: methodRows,
    specifications: specRows.map(({ code, name }) => ({ code, name })),
    decision_rules: [...new Set(results.map((r) => r.decision_rule))].sort().map((r) => RULE_TEXT[r] ?? r),
    results: results.map((r) => ({
      sample_number: r.sample_number,
      method_code: r.method_code,
      parameter: r.parameter,
      value: r.value_numeric ?? r.value_text ?? '',
      unit: r.unit ?? '',
      uncertainty: r.uncertainty ?? '',
      verdicts: (r.verdicts as SpecVerdict[]).map((v) => ({
        specification: specCode.get(v.specification_id) ?? 'specification',
        verdict: v.verdict,
        reason: v.reason,
      })),
    })),
    amendment: null,
    verify_url: '',
  };
}

type ReportScope = { project_id: string; sample_ids: string[] };

/**
 * One keyset page of the report's samples by number (unique), straight off the (project_id, number)
 * index. No "has results" test here: whatever the planner's statistics, the page stays an index
 * range; samples without reportable results are dropped once their results are read.
 */
const samplePage = (db: Db, report: ReportScope, after: string | null) =>
  db
    .select({
      id: samples.id,
      number: samples.number,
      description: samples.description,
      received_date: samples.received_date,
      condition: samples.condition,
      condition_notes: samples.condition_notes,
    })
    .from(samples)
    .where(
      and(
        eq(samples.project_id, report.project_id),
        report.sample_ids.length ? anyOf(samples.id, report.sample_ids) : undefined,
        after === null ? undefined : gt(samples.number, after),
      ),
    )
    .orderBy(asc(samples.number))
    .limit(SAMPLES_PER_PAGE);

/** The report's samples, page by page (keyset on number). */
async function* reportSamples(db: Db, report: ReportScope) {
  let after: string | null = null;
  for (;;) {
    const page = await samplePage(db, report, after);
    if (page.length) yield page;
    if (page.length < SAMPLES_PER_PAGE) return;
    after = page[page.length - 1].number;
  }
}

/** How many approved, current results a project (some samples) has. */
export async function countReportable(db: Db, projectId: string, sampleIds?: readonly string[]) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(testResults)
    .where(reportableResults(projectId, sampleIds));
  return Number(row?.n ?? 0);
}
