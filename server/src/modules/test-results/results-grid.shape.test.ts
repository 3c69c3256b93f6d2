import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { signedIn } from '../../../test/factories/index.ts';
import {
  type Bench,
  createPlan,
  enterResult,
  makeBench,
  planExecutions,
  startExecution,
} from '../../../test/factories/testing.ts';
import { testResults } from '../../db/schema/index.ts';
import { ResultsGrid } from './results-grid.routes.ts';

/**
 * PostgreSQL builds the grid's JSON and the route sends it as it is, past the response serializer:
 * this checks the document against the declared schema and the cells against the stored rows.
 */
let t: TestApp;
let bench: Bench;

beforeAll(async () => {
  t = await createTestApp();
  bench = await makeBench(t.app, { samples: 2 });
});
afterAll(async () => t?.close());

describe('results grid document', () => {
  it('matches the ResultsGrid schema, cells exactly as stored, numbers as strings', async () => {
    const plan = await createPlan(t.app, bench);
    const executions = await planExecutions(t.app, bench, plan.id);
    await startExecution(t.app, bench, executions[0].id);
    const res0 = await enterResult(t.app, bench, {
      execution_id: executions[0].id,
      parameter: 'Breaking force',
      value: '150.1',
    });
    expect(res0.statusCode, res0.body).toBe(201);
    const entered = res0.json();

    const res = await t.app.inject({
      url: `/api/v1/projects/${bench.project.id}/results-grid`,
      headers: bench.manager.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const grid = res.json();

    const ajv = new Ajv({ strict: false, allErrors: true });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    const valid = ajv.validate(ResultsGrid, grid);
    expect(ajv.errors ?? [], 'the document follows the declared schema').toEqual([]);
    expect(valid).toBe(true);

    const row = grid.rows.find((r: { id: string }) => r.id === executions[0].sample_id);
    expect(row.executions.map((e: { id: string }) => e.id)).toContain(executions[0].id);
    const [cell] = row.results;
    const [stored] = await t.app.db.select().from(testResults).where(eq(testResults.id, entered.id));
    expect(cell).toEqual({
      id: stored.id,
      execution_id: stored.execution_id,
      method_id: stored.method_id,
      parameter: 'Breaking force',
      value: stored.value_numeric,
      uncertainty: null,
      status: stored.status,
      overall_verdict: stored.overall_verdict,
      verdicts: stored.verdicts,
      version: stored.version,
    });
    expect(typeof cell.value).toBe('string');
    const other = grid.rows.find((r: { id: string }) => r.id !== executions[0].sample_id);
    expect(other.results).toEqual([]);
  });

  it('gives a customer only approved results and no executions or plans', async () => {
    const executions = await planExecutions(t.app, bench, (await createPlan(t.app, bench)).id);
    await startExecution(t.app, bench, executions[1].id);
    const approved = (
      await enterResult(t.app, bench, { execution_id: executions[1].id, parameter: 'Elongation', value: 41 })
    ).json();
    await enterResult(t.app, bench, {
      execution_id: executions[1].id,
      parameter: 'Breaking force',
      value: 151,
    });
    // approval itself is tested with its signature elsewhere; here only the state matters
    await t.app.db.update(testResults).set({ status: 'approved' }).where(eq(testResults.id, approved.id));
    const portal = await signedIn(t.app, 'customer', { customer_id: bench.project.customer_id });

    const res = await t.app.inject({
      url: `/api/v1/projects/${bench.project.id}/results-grid`,
      headers: portal.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const grid = res.json();
    expect(grid.plans).toEqual([]);
    for (const row of grid.rows) expect(row.executions).toEqual([]);
    const cells = grid.rows.flatMap((r: { results: { id: string }[] }) => r.results);
    expect(cells.map((c: { id: string }) => c.id)).toEqual([approved.id]);
  });
});
