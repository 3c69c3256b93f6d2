import { inArray, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import { methods, projects, testPlans, users } from '../../db/schema/index.ts';
import type { Role } from '../../db/schema/users.ts';
import type { ActionDef } from '../../lib/actions.ts';
import { type Row, updateEntity } from '../../lib/crud.ts';
import { conflict } from '../../lib/errors.ts';
import { registerResource } from '../../lib/resource.ts';
import { MANAGERS, STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { executionRef, openExecutions, type PlanRow } from './test-plans.repo.ts';
import { createExecutions, planPatch, planValues } from './test-plans.rules.ts';
import {
  PLAN_CSV_COLUMNS,
  planListSpec,
  Reason,
  TestPlanCreate,
  TestPlanPublic,
  TestPlanUpdate,
} from './test-plans.schemas.ts';

/**
 * Test plans: a method on some samples of a project, judged against specifications by a decision
 * rule. Managers and engineers plan; creating a plan creates one pending execution per sample.
 * planned → in_progress (`start`, or by itself when an execution starts) → completed (`complete`,
 * once every execution is completed or aborted) | cancelled (`cancel`, managers; aborts the open
 * executions).
 */
export const BENCH_ROLES: readonly Role[] = ['manager', 'engineer'];

const ZERO_COUNTS = { pending: 0, in_progress: 0, completed: 0, aborted: 0 };

/** Linked numbers and names plus execution counts, for a whole page in one query. */
async function expandPlans(db: Db, rows: Row[]): Promise<Row[]> {
  const extra = await db
    .select({
      id: testPlans.id,
      project_number: projects.number,
      method_code: methods.code,
      method_title: methods.title,
      engineer_name: sql<string | null>`coalesce(nullif(${users.full_name}, ''), ${users.email})`,
      execution_counts: sql<Record<string, number> | null>`(
        select json_object_agg(s.status, s.n) from (
          select e.status, count(*)::int as n from test_executions e
          where e.plan_id = ${testPlans.id} and e.archived_at is null group by e.status
        ) s)`,
    })
    .from(testPlans)
    .innerJoin(projects, sql`${projects.id} = ${testPlans.project_id}`)
    .innerJoin(methods, sql`${methods.id} = ${testPlans.method_id}`)
    .leftJoin(users, sql`${users.id} = ${testPlans.engineer_id}`)
    .where(
      inArray(
        testPlans.id,
        rows.map((r) => r.id),
      ),
    );
  const byId = new Map(extra.map((e) => [e.id, e]));
  return rows.map((row) => {
    const e = byId.get(row.id);
    return {
      ...row,
      project_number: e?.project_number ?? '',
      method_code: e?.method_code ?? '',
      method_title: e?.method_title ?? '',
      engineer_name: e?.engineer_name ?? null,
      execution_counts: { ...ZERO_COUNTS, ...(e?.execution_counts ?? {}) },
    };
  });
}

const completePlan: ActionDef = {
  name: 'complete',
  from: ['in_progress'],
  to: 'completed',
  roles: BENCH_ROLES,
  summary: 'Complete the plan: every execution must be completed or aborted',
  apply: async (tx, row) => {
    const open = await openExecutions(tx, row.id);
    if (open.length) {
      throw conflict(
        `Cannot complete test plan ${row.id}: ${open.length} execution(s) still open: ${open
          .map((e) => `${e.sample_number} (${e.status})`)
          .join(', ')}`,
      );
    }
    return undefined;
  },
};

const cancelPlan: ActionDef = {
  name: 'cancel',
  from: ['planned', 'in_progress'],
  to: 'cancelled',
  roles: MANAGERS,
  summary: 'Cancel the plan; its pending and running executions are aborted with the reason',
  body: Type.Object({ reason: Reason }),
  apply: async (tx, row, body, req: FastifyRequest) => {
    const reason = String(body.reason).trim();
    for (const e of await openExecutions(tx, row.id)) {
      await updateEntity(
        tx,
        executionRef,
        req.audit,
        e.id,
        { status: 'aborted', abort_reason: `plan cancelled: ${reason}` },
        { action: 'abort' },
      );
    }
    const plan = row as unknown as PlanRow;
    return { notes: [plan.notes, `Cancelled: ${reason}`].filter(Boolean).join('\n') };
  },
};

export default async function testPlansRoutes(app: App) {
  registerResource(app, {
    name: 'test_plan',
    path: 'test-plans',
    tag: 'test-plans',
    table: testPlans,
    schemas: { public: TestPlanPublic, create: TestPlanCreate, update: TestPlanUpdate },
    list: planListSpec,
    csvColumns: PLAN_CSV_COLUMNS,
    roles: { read: STAFF, write: BENCH_ROLES, archive: MANAGERS },
    toInsert: (tx, body) => planValues(tx, body),
    afterInsert: (tx, row, req) => createExecutions(tx, req, row, (row as unknown as PlanRow).sample_ids),
    toPatch: (tx, patch, before, req) => planPatch(tx, patch, before as unknown as PlanRow, req),
    expand: expandPlans,
    machine: {
      actions: [
        {
          name: 'start',
          from: ['planned'],
          to: 'in_progress',
          roles: BENCH_ROLES,
          summary: 'Mark the plan in progress (starting any execution does this by itself)',
        },
        completePlan,
        cancelPlan,
      ],
    },
  });
}
