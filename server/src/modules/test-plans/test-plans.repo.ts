import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  methods,
  projects,
  samples,
  specifications,
  testExecutions,
  testPlans,
  testResults,
  users,
} from '../../db/schema/index.ts';
import type { EntityRef } from '../../lib/crud.ts';
import type { SpecForJudging } from '../../lib/verdicts.ts';

/**
 * SQL shared by the bench modules (plans, executions, results): the records a plan judges by and
 * the checks its rules need. Every function takes the transaction (or db) it runs in.
 */
export const planRef: EntityRef = { table: testPlans, name: 'test_plan' };
export const executionRef: EntityRef = { table: testExecutions, name: 'test_execution' };
export const resultRef: EntityRef = { table: testResults, name: 'test_result' };
export const projectRef: EntityRef = { table: projects, name: 'project' };
export const methodRef: EntityRef = { table: methods, name: 'method' };
export const sampleRef: EntityRef = { table: samples, name: 'sample' };

export { isAuthorised } from '../methods/methods.repo.ts';

export async function findProject(db: Db, id: string) {
  const [row] = await db.select().from(projects).where(eq(projects.id, id)).limit(1);
  return row;
}

export async function findMethod(db: Db, id: string) {
  const [row] = await db.select().from(methods).where(eq(methods.id, id)).limit(1);
  return row;
}

export type MethodRow = typeof methods.$inferSelect;
export type PlanRow = typeof testPlans.$inferSelect;
export type ExecutionRow = typeof testExecutions.$inferSelect;
export type ResultRow = typeof testResults.$inferSelect;

/** Samples by id with the fields the plan rules check. */
export async function samplesByIds(db: Db, ids: readonly string[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: samples.id,
      number: samples.number,
      project_id: samples.project_id,
      status: samples.status,
      archived_at: samples.archived_at,
    })
    .from(samples)
    .where(inArray(samples.id, [...ids]));
}

/** Specifications by id, in the order asked (the plan's order is the verdicts' order). */
export async function specificationsByIds(db: Db, ids: readonly string[]) {
  if (!ids.length) return [];
  const rows = await db
    .select({
      id: specifications.id,
      code: specifications.code,
      limits: specifications.limits,
      archived_at: specifications.archived_at,
    })
    .from(specifications)
    .where(inArray(specifications.id, [...ids]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

/** What a result of this plan is judged by: its specifications' limits and decision rule. */
export async function judgingContext(db: Db, plan: Pick<PlanRow, 'specification_ids' | 'decision_rule'>) {
  const specs: SpecForJudging[] = await specificationsByIds(db, plan.specification_ids);
  return { specs, rule: plan.decision_rule };
}

/** The user's name for messages ("Samuel Osei"), or the id when unknown. */
export async function userLabel(db: Db, id: string): Promise<string> {
  const [row] = await db
    .select({ full_name: users.full_name, email: users.email })
    .from(users)
    .where(eq(users.id, id));
  return row ? row.full_name || row.email : id;
}

/** Executions of a plan that are still open (pending or in progress), with their sample numbers. */
export async function openExecutions(db: Db, planId: string) {
  return db
    .select({ id: testExecutions.id, status: testExecutions.status, sample_number: samples.number })
    .from(testExecutions)
    .innerJoin(samples, eq(samples.id, testExecutions.sample_id))
    .where(
      and(
        eq(testExecutions.plan_id, planId),
        isNull(testExecutions.archived_at),
        inArray(testExecutions.status, ['pending', 'in_progress']),
      ),
    )
    .orderBy(samples.number);
}

/**
 * A result counts for its parameter while it is current: not archived, not superseded by a
 * correction, not rejected. One current result per (execution, parameter) at a time.
 */
export const currentResult = and(
  isNull(testResults.archived_at),
  isNull(testResults.superseded_by_id),
  sql`${testResults.status} <> 'rejected'`,
);

/** The parameters of an execution that have a current result. */
export async function parametersWithResults(db: Db, executionId: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ parameter: testResults.parameter })
    .from(testResults)
    .where(and(eq(testResults.execution_id, executionId), currentResult));
  return new Set(rows.map((r) => r.parameter));
}
