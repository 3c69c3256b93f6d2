import { eq, inArray, sql } from 'drizzle-orm';
import { alias, type PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { methods, projects, samples, specifications, testResults, users } from '../../db/schema/index.ts';
import type { SpecVerdict } from '../../db/schema/testing.ts';
import { allowedActions } from '../../lib/actions.ts';
import type { Row } from '../../lib/crud.ts';
import { signaturesOfMany } from '../../lib/signatures.ts';
import type { CurrentUser } from '../../types.ts';
import type { ResultRow } from '../test-plans/test-plans.repo.ts';
import { resultMachine } from './test-results.service.ts';

/** Results as the API shows them: read-only linked fields, added for a whole page at once. */
const reviewer = alias(users, 'reviewer');
const approver = alias(users, 'approver');
const nameOf = (u: { full_name: PgColumn; email: PgColumn }) =>
  sql<string | null>`coalesce(nullif(${u.full_name}, ''), ${u.email})`;

/** Linked numbers, people's names and specification names, for a whole page in two queries. */
export async function expandResults(db: Db, rows: Row[]): Promise<Row[]> {
  const extra = await db
    .select({
      id: testResults.id,
      sample_number: samples.number,
      project_number: projects.number,
      method_code: methods.code,
      entered_by_name: nameOf(users),
      reviewed_by_name: nameOf(reviewer),
      approved_by_name: nameOf(approver),
    })
    .from(testResults)
    .innerJoin(samples, eq(samples.id, testResults.sample_id))
    .innerJoin(projects, eq(projects.id, testResults.project_id))
    .innerJoin(methods, eq(methods.id, testResults.method_id))
    .leftJoin(users, eq(users.id, testResults.entered_by))
    .leftJoin(reviewer, eq(reviewer.id, testResults.reviewed_by))
    .leftJoin(approver, eq(approver.id, testResults.approved_by))
    .where(
      inArray(
        testResults.id,
        rows.map((r) => r.id),
      ),
    );
  const specIds = [
    ...new Set(rows.flatMap((r) => ((r.verdicts as SpecVerdict[]) ?? []).map((v) => v.specification_id))),
  ];
  const specs = specIds.length
    ? await db
        .select({ id: specifications.id, code: specifications.code, name: specifications.name })
        .from(specifications)
        .where(inArray(specifications.id, specIds))
    : [];
  const specById = new Map(specs.map((s) => [s.id, s]));
  const byId = new Map(extra.map((e) => [e.id, e]));
  // only approved results are signed: no query for a page without one
  const approvedIds = rows.filter((r) => r.approved_at).map((r) => r.id as string);
  const signed = await signaturesOfMany(db, 'test_result', approvedIds);
  return rows.map((row) => {
    const r = row as unknown as ResultRow;
    const e = byId.get(r.id);
    return {
      ...row,
      value: r.value_numeric ?? r.value_text ?? '',
      superseded: !!r.superseded_by_id,
      verdicts: (r.verdicts ?? []).map((v) => ({
        ...v,
        specification_code: specById.get(v.specification_id)?.code ?? null,
        specification_name: specById.get(v.specification_id)?.name ?? null,
      })),
      sample_number: e?.sample_number ?? '',
      project_number: e?.project_number ?? '',
      method_code: e?.method_code ?? '',
      entered_by_name: e?.entered_by_name ?? null,
      reviewed_by_name: e?.reviewed_by_name ?? null,
      approved_by_name: e?.approved_by_name ?? null,
      signatures: signed.get(r.id) ?? [],
    };
  });
}

/** Rows as registerResource sends them: expanded, with the actions this caller may take. */
export async function presentResults(db: Db, rows: Row[], user: CurrentUser) {
  const expanded = rows.length ? await expandResults(db, rows) : [];
  return expanded.map((row) => ({ ...row, allowed_actions: allowedActions(resultMachine, row, user) }));
}
