import { and, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  methods,
  projects,
  samples,
  testExecutions,
  testPlans,
  testResults,
  users,
} from '../../db/schema/index.ts';
import type { Row } from '../../lib/crud.ts';
import { registerResource } from '../../lib/resource.ts';
import { MANAGERS, STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { currentResult, type ExecutionRow } from '../test-plans/test-plans.repo.ts';
import { BENCH_ROLES } from '../test-plans/test-plans.routes.ts';
import {
  EXECUTION_CSV_COLUMNS,
  executionListSpec,
  TestExecutionCreate,
  TestExecutionPublic,
  TestExecutionUpdate,
} from './test-executions.schemas.ts';
import { executionMachine, executionPatch, executionValues } from './test-executions.service.ts';

/**
 * Test executions: one run of a plan's method on one sample at the bench, with the engineer,
 * the equipment and the conditions. pending → in_progress (`start`) → completed (`complete`) |
 * aborted (`abort`, with a reason). Rules in test-executions.service.ts.
 */
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Linked numbers and names plus result progress, for a whole page in one query. */
async function expandExecutions(db: Db, rows: Row[]): Promise<Row[]> {
  const extra = await db
    .select({
      id: testExecutions.id,
      sample_number: samples.number,
      project_number: projects.number,
      plan_name: testPlans.name,
      plan_status: testPlans.status,
      method_code: methods.code,
      method_title: methods.title,
      engineer_name: sql<string | null>`coalesce(nullif(${users.full_name}, ''), ${users.email})`,
      parameter_count: sql<number>`jsonb_array_length(${methods.parameters})`,
      result_count: sql<number>`(
        select count(distinct ${testResults.parameter})::int from ${testResults}
        where ${testResults.execution_id} = ${testExecutions.id} and ${currentResult})`,
    })
    .from(testExecutions)
    .innerJoin(samples, sql`${samples.id} = ${testExecutions.sample_id}`)
    .innerJoin(projects, sql`${projects.id} = ${testExecutions.project_id}`)
    .innerJoin(testPlans, sql`${testPlans.id} = ${testExecutions.plan_id}`)
    .innerJoin(methods, sql`${methods.id} = ${testExecutions.method_id}`)
    .leftJoin(users, sql`${users.id} = ${testExecutions.engineer_id}`)
    .where(
      and(
        inArray(
          testExecutions.id,
          rows.map((r) => r.id),
        ),
      ),
    );
  const byId = new Map(extra.map((e) => [e.id, e]));
  return rows.map((row) => {
    const e = byId.get(row.id);
    return {
      ...row,
      // numeric columns arrive as exact strings; conditions are plain numbers on the wire
      temperature_c: num(row.temperature_c),
      humidity_pct: num(row.humidity_pct),
      sample_number: e?.sample_number ?? '',
      project_number: e?.project_number ?? '',
      plan_name: e?.plan_name ?? null,
      plan_status: e?.plan_status ?? '',
      method_code: e?.method_code ?? '',
      method_title: e?.method_title ?? '',
      engineer_name: e?.engineer_name ?? null,
      parameter_count: Number(e?.parameter_count ?? 0),
      result_count: Number(e?.result_count ?? 0),
    };
  });
}

export default async function testExecutionsRoutes(app: App) {
  registerResource(app, {
    name: 'test_execution',
    path: 'test-executions',
    tag: 'test-executions',
    table: testExecutions,
    schemas: { public: TestExecutionPublic, create: TestExecutionCreate, update: TestExecutionUpdate },
    list: executionListSpec,
    csvColumns: EXECUTION_CSV_COLUMNS,
    roles: { read: STAFF, write: BENCH_ROLES, archive: MANAGERS },
    toInsert: (tx, body) => executionValues(tx, body),
    toPatch: (tx, patch, before, req) => executionPatch(tx, patch, before as unknown as ExecutionRow, req),
    expand: expandExecutions,
    machine: executionMachine,
  });
}
