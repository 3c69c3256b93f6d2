import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { signedIn, TEST_PASSWORD } from '../../../test/factories/index.ts';
import {
  type Bench,
  createPlan,
  enterResult,
  makeBench,
  makeMethod,
  makeProject,
  makeSamples,
  planExecutions,
  startExecution,
} from '../../../test/factories/testing.ts';
import { testExecutions, testPlans, testResults } from '../../db/schema/index.ts';
import type { CurrentUser } from '../../types.ts';
import { resultsGrid } from './results-grid.repo.ts';

let t: TestApp;
let bench: Bench;
const gridUrl = (projectId: string, qs = '') => `/api/v1/projects/${projectId}/results-grid${qs}`;

beforeAll(async () => {
  t = await createTestApp();
  bench = await makeBench(t.app, { samples: 3 });
});
afterAll(async () => t?.close());

const act = (path: string, headers: Record<string, string>, payload?: object) =>
  t.app.inject({ method: 'POST', url: `/api/v1/${path}`, headers, payload });

describe('GET /projects/{id}/results-grid', () => {
  it('gives every sample × parameter its latest current result, with verdicts and executions', async () => {
    const plan = await createPlan(t.app, bench);
    const executions = await planExecutions(t.app, bench, plan.id);
    const first = executions.find((e) => e.sample_id === bench.samples[0].id)!;
    await startExecution(t.app, bench, first.id);
    const old = (
      await enterResult(t.app, bench, { execution_id: first.id, parameter: 'Elongation', value: 45 })
    ).json();
    await act(`test-results/${old.id}/review`, bench.engineer.headers);
    await act(`test-results/${old.id}/approve`, bench.manager.headers, {
      password: TEST_PASSWORD,
      meaning: 'approved',
    });
    const corrected = await act(`test-results/${old.id}/correct`, bench.engineer.headers, {
      value: 35,
      reason: 'misread',
    });
    expect(corrected.statusCode, corrected.body).toBe(201);
    await enterResult(t.app, bench, { execution_id: first.id, parameter: 'Breaking force', value: '150.0' });

    const res = await t.app.inject({ url: gridUrl(bench.project.id), headers: bench.manager.headers });
    expect(res.statusCode, res.body).toBe(200);
    const grid = res.json();
    expect(grid.project).toMatchObject({ id: bench.project.id, number: bench.project.number });
    expect(grid.columns.map((c: { parameter: string }) => c.parameter)).toEqual([
      'Breaking force',
      'Elongation',
      'Appearance',
    ]);
    expect(grid.columns[0]).toMatchObject({
      method_code: bench.method.code,
      unit: 'N',
      decimals: 1,
      kind: 'numeric',
    });
    expect(grid.plans).toEqual([expect.objectContaining({ id: plan.id, status: 'in_progress' })]);
    expect(grid.rows.map((r: { number: string }) => r.number)).toEqual(bench.samples.map((s) => s.number));
    const row = grid.rows[0];
    const cell = (parameter: string) =>
      row.results.find((r: { parameter: string }) => r.parameter === parameter);
    expect(cell('Elongation')).toMatchObject({ id: corrected.json().id, value: '35', status: 'entered' });
    expect(cell('Breaking force')).toMatchObject({ overall_verdict: 'fail', value: '150.0' });
    expect(cell('Breaking force').verdicts[0].reason).toBe('150.0 N < min 200.0 N');
    expect(cell('Appearance')).toBeUndefined();
    expect(row.executions).toEqual([expect.objectContaining({ id: first.id, status: 'in_progress' })]);
    expect(grid.rows[1].results).toEqual([]);

    // a customer sees its own project with approved results only: here the approved, superseded one
    const portal = await signedIn(t.app, 'customer', { customer_id: bench.project.customer_id });
    const theirs = (await t.app.inject({ url: gridUrl(bench.project.id), headers: portal.headers })).json();
    expect(theirs.plans).toEqual([]);
    expect(theirs.rows[0].executions).toEqual([]);
    expect(theirs.rows[0].results).toEqual([
      expect.objectContaining({ id: old.id, status: 'approved', value: '45' }),
    ]);
    const stranger = await signedIn(t.app, 'customer', {
      customer_id: (await makeProject(t.app)).customer_id,
    });
    expect(
      (await t.app.inject({ url: gridUrl(bench.project.id), headers: stranger.headers })).statusCode,
    ).toBe(404);
  });

  it('narrows to one plan (its samples and results) with ?plan_id=', async () => {
    const [extra] = await makeSamples(t.app, bench.project, 1);
    const plan = await createPlan(t.app, bench, { sample_ids: [extra.id] });
    const grid = (
      await t.app.inject({
        url: gridUrl(bench.project.id, `?plan_id=${plan.id}`),
        headers: bench.engineer.headers,
      })
    ).json();
    expect(grid.rows.map((r: { id: string }) => r.id)).toEqual([extra.id]);
    expect(grid.rows[0].executions).toHaveLength(1);
    const none = await t.app.inject({
      url: gridUrl(bench.project.id, '?plan_id=01900000-0000-7000-8000-000000000000'),
      headers: bench.engineer.headers,
    });
    expect(none.json()).toMatchObject({ rows: [], columns: [], plans: [] });
  });
});

/** Counts the statements the database client runs while `work` runs (the real client, only counted). */
async function countQueries(work: () => Promise<unknown>) {
  const client = (t.app.db as unknown as { $client: { query: (...args: unknown[]) => unknown } }).$client;
  const spy = vi.spyOn(client, 'query');
  try {
    await work();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

/** A project with `samples` samples × `parameters` parameters, all with a result, written in bulk. */
async function bigProject(samples: number, parameters: number) {
  const project = await makeProject(t.app);
  const sampleRows = await makeSamples(t.app, project, samples);
  const params = Array.from({ length: parameters }, (_, i) => ({ name: `P${i}`, unit: 'mm', decimals: 2 }));
  const method = await makeMethod(t.app, { parameters: params });
  const common = { project_id: project.id, customer_id: project.customer_id, method_id: method.id };
  const [plan] = await t.app.db
    .insert(testPlans)
    .values({ ...common, sample_ids: sampleRows.map((s) => s.id), status: 'in_progress' })
    .returning();
  const executions = await t.app.db
    .insert(testExecutions)
    .values(
      sampleRows.map((s) => ({
        ...common,
        plan_id: plan.id,
        sample_id: s.id,
        status: 'in_progress' as const,
      })),
    )
    .returning();
  const results = executions.flatMap((e) =>
    params.map((p, i) => ({
      ...common,
      execution_id: e.id,
      plan_id: plan.id,
      sample_id: e.sample_id,
      parameter: p.name,
      value_numeric: `${i}.5`,
      unit: 'mm',
      decision_rule: 'simple' as const,
      overall_verdict: 'pass' as const,
    })),
  );
  for (let i = 0; i < results.length; i += 1000)
    await t.app.db.insert(testResults).values(results.slice(i, i + 1000));
  return project;
}

describe('results grid cost', () => {
  // the size only has to be large enough to show growth; bench/ measures 500 samples × 10 parameters
  it('runs the same fixed number of queries for 2 samples and for 150 samples × 10 parameters (1,500 results)', async () => {
    const staff: CurrentUser = {
      id: bench.manager.user.id,
      sessionId: 'x',
      role: 'manager',
      customerId: null,
    };
    const small = await bigProject(2, 2);
    const big = await bigProject(150, 10);
    let bigGrid: Awaited<ReturnType<typeof resultsGrid>> | undefined;
    const smallCount = await countQueries(() => resultsGrid(t.app.db, small.id, staff));
    const bigCount = await countQueries(async () => {
      bigGrid = await resultsGrid(t.app.db, big.id, staff);
    });
    expect(bigGrid!.rows).toHaveLength(150);
    expect(bigGrid!.rows.reduce((n, r) => n + r.results.length, 0)).toBe(1500);
    expect(smallCount).toBe(3); // project, plans, and the rows as one JSON document
    expect(bigCount).toBe(smallCount);
    const customer: CurrentUser = { id: 'c', sessionId: 'x', role: 'customer', customerId: big.customer_id };
    expect(await countQueries(() => resultsGrid(t.app.db, big.id, customer))).toBe(3);
  });
});
