import { inArray, sql } from 'drizzle-orm';
import { testResults } from '../../src/db/schema/index.ts';
import type { App } from '../../src/types.ts';
import { TEST_PASSWORD } from './index.ts';
import { type Bench, createPlan, makeBench, planExecutions, startExecution } from './testing.ts';

/** The signature body of a test user (every factory user has TEST_PASSWORD). */
export const signature = (meaning: string, password = TEST_PASSWORD) => ({ password, meaning });

export interface ResultValues {
  force?: string;
  elongation?: string;
  appearance?: string;
}

/**
 * A bench whose samples all have results entered through the API (bulk entry by the authorised
 * engineer) and then approved. The approval itself is written straight to the database: its
 * signature and four-eyes rules are tested in test-results; here it is only the precondition.
 */
export async function makeApprovedBench(app: App, opts: { samples?: number; values?: ResultValues } = {}) {
  const bench = await makeBench(app, { samples: opts.samples ?? 2 });
  const results = await enterAndApprove(app, bench, opts.values);
  return { ...bench, results };
}

export async function enterAndApprove(app: App, bench: Bench, values: ResultValues = {}, approve = true) {
  const plan = await createPlan(app, bench);
  const executions = await planExecutions(app, bench, plan.id);
  const ids: string[] = [];
  for (const execution of executions) {
    await startExecution(app, bench, execution.id);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/test-results/bulk',
      headers: bench.engineer.headers,
      payload: {
        execution_id: execution.id,
        items: [
          { parameter: 'Breaking force', value: values.force ?? '312.5', uncertainty: '4.2' },
          { parameter: 'Elongation', value: values.elongation ?? '25.0', uncertainty: '0.8' },
          { parameter: 'Appearance', value: values.appearance ?? 'no change' },
        ],
      },
    });
    if (res.statusCode !== 201) throw new Error(`bulk entry failed: ${res.statusCode} ${res.body}`);
    ids.push(...res.json().items.map((r: { id: string }) => r.id));
  }
  if (approve) {
    await app.db
      .update(testResults)
      .set({
        status: 'approved',
        reviewed_by: bench.engineer.user.id,
        reviewed_at: sql`now()`,
        approved_by: bench.manager.user.id,
        approved_at: sql`now()`,
      })
      .where(inArray(testResults.id, ids));
  }
  return app.db.select().from(testResults).where(inArray(testResults.id, ids));
}

/** Waits (without timing assertions) until the app's job runner has nothing left to do. */
export async function jobsSettled(app: App, timeoutMs = 60_000) {
  const started = Date.now();
  for (;;) {
    const result = (await app.db.execute(
      sql`select count(*)::int as n from jobs where status in ('queued','running')`,
    )) as unknown as { rows: { n: number }[] };
    if (Number(result.rows[0].n) === 0) return;
    if (Date.now() - started > timeoutMs) throw new Error('jobs did not settle');
    app.jobs.wake();
    await new Promise((r) => setTimeout(r, 50));
  }
}
