import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import {
  type Bench,
  createPlan,
  enterResult,
  makeBench,
  makeSamples,
  makeSpecification,
  planExecutions,
  startExecution,
} from '../../../test/factories/testing.ts';

let t: TestApp;
let bench: Bench;
const url = '/api/v1/test-results';

beforeAll(async () => {
  t = await createTestApp();
  bench = await makeBench(t.app, { samples: 1 });
});
afterAll(async () => t?.close());

/** A started execution on a fresh sample, under a plan with these overrides. */
async function running(overrides: Record<string, unknown> = {}) {
  const [sample] = await makeSamples(t.app, bench.project, 1);
  const plan = await createPlan(t.app, bench, { sample_ids: [sample.id], ...overrides });
  const [execution] = await planExecutions(t.app, bench, plan.id);
  await startExecution(t.app, bench, execution.id);
  return { plan, execution, sample };
}

describe('POST /test-results', () => {
  it('judges the value against every spec of the plan and records the rule', async () => {
    const regulation = await makeSpecification(
      t.app,
      [{ parameter: 'Breaking force', unit: 'N', max: '300' }],
      'Regulation',
    );
    const { execution, sample } = await running({ specification_ids: [bench.spec.id, regulation.id] });
    const res = await enterResult(t.app, bench, {
      execution_id: execution.id,
      parameter: 'Breaking force',
      value: '312.5',
    });
    expect(res.statusCode, res.body).toBe(201);
    const result = res.json();
    expect(result).toMatchObject({
      parameter: 'Breaking force',
      value: '312.5',
      value_numeric: '312.5',
      value_text: null,
      unit: 'N',
      status: 'entered',
      decision_rule: 'simple',
      overall_verdict: 'fail',
      entered_by: bench.engineer.user.id,
      entered_by_name: 'Test User',
      sample_id: sample.id,
      sample_number: sample.number,
      customer_id: bench.project.customer_id,
      superseded: false,
      allowed_actions: ['review', 'reject'],
    });
    expect(result.verdicts).toEqual([
      expect.objectContaining({
        specification_id: bench.spec.id,
        specification_code: bench.spec.code,
        verdict: 'pass',
        rule: 'simple',
        reason: '312.5 N ≥ min 200.0 N',
      }),
      expect.objectContaining({
        specification_id: regulation.id,
        specification_name: 'Regulation',
        verdict: 'fail',
        reason: '312.5 N > max 300 N',
        limit: { parameter: 'Breaking force', unit: 'N', max: '300' },
      }),
    ]);
  });

  it('uses the plan’s guarded rule: inconclusive without an uncertainty, a band straddling a limit', async () => {
    const { execution } = await running({ decision_rule: 'guarded' });
    const a = await enterResult(t.app, bench, {
      execution_id: execution.id,
      parameter: 'Elongation',
      value: 39.5,
    });
    expect(a.json()).toMatchObject({ decision_rule: 'guarded', overall_verdict: 'inconclusive' });
    expect(a.json().verdicts[0].reason).toMatch(/needs the measurement uncertainty/);
    const b = await enterResult(t.app, bench, {
      execution_id: execution.id,
      parameter: 'Breaking force',
      value: '260.0',
      uncertainty: '5.5',
    });
    expect(b.json()).toMatchObject({ overall_verdict: 'pass', uncertainty: '5.5', value_numeric: '260.0' });
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${a.json().id}`,
      headers: bench.engineer.headers,
      payload: { uncertainty: 1 },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ overall_verdict: 'inconclusive', uncertainty: '1' });
    expect(patched.json().verdicts[0].reason).toBe('39.5 ± 1 (38.5 … 40.5 %) straddles max 40.0');
  });

  it('warns inside the limit but outside the warning band; text parameters compare text', async () => {
    const { execution } = await running();
    const warn = await enterResult(t.app, bench, {
      execution_id: execution.id,
      parameter: 'breaking FORCE',
      value: 240,
    });
    expect(warn.json()).toMatchObject({ parameter: 'Breaking force', overall_verdict: 'warn' });
    const text = await enterResult(t.app, bench, {
      execution_id: execution.id,
      parameter: 'Appearance',
      value: ' Slight  change ',
    });
    expect(text.json()).toMatchObject({
      value: 'Slight change',
      value_text: 'Slight change',
      overall_verdict: 'fail',
    });
  });

  it('names what is wrong with the value, the parameter, the uncertainty', async () => {
    const { execution } = await running();
    const post = (payload: object) => enterResult(t.app, bench, { execution_id: execution.id, ...payload });
    const cases: [object, string, RegExp][] = [
      [{ parameter: 'Colour', value: 1 }, 'parameter', /one of: Breaking force, Elongation, Appearance/],
      [{ parameter: 'Elongation', value: '12.34' }, 'value', /at most 1/],
      [{ parameter: 'Elongation', value: '12,3' }, 'value', /must be a number/],
      [{ parameter: 'Elongation', value: '12', uncertainty: -1 }, 'uncertainty', /./],
      [{ parameter: 'Appearance', value: 'ok', uncertainty: 1 }, 'uncertainty', /numeric parameters only/],
    ];
    for (const [payload, field, message] of cases) {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(422);
      expect(res.json().errors[0].field).toBe(field);
      expect(res.json().errors[0].message).toMatch(message);
    }
  });

  it('takes results only on an execution in progress, one current result per parameter', async () => {
    const [sample] = await makeSamples(t.app, bench.project, 1);
    const plan = await createPlan(t.app, bench, { sample_ids: [sample.id] });
    const [pending] = await planExecutions(t.app, bench, plan.id);
    const early = await enterResult(t.app, bench, {
      execution_id: pending.id,
      parameter: 'Elongation',
      value: 20,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('pending: start it before entering results');
    await startExecution(t.app, bench, pending.id);
    const first = await enterResult(t.app, bench, {
      execution_id: pending.id,
      parameter: 'Elongation',
      value: 20,
    });
    expect(first.statusCode).toBe(201);
    const second = await enterResult(t.app, bench, {
      execution_id: pending.id,
      parameter: 'Elongation',
      value: 21,
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().detail).toContain(first.json().id);
  });

  it('lets only engineers authorised for the method enter results', async () => {
    const { execution } = await running();
    const res = await enterResult(
      t.app,
      bench,
      { execution_id: execution.id, parameter: 'Elongation', value: 20 },
      bench.outsider.headers,
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain(bench.method.code);
  });
});

describe('PATCH /test-results', () => {
  it('recomputes the verdicts and sends a reviewed result back to entered', async () => {
    const { execution } = await running();
    const r = (
      await enterResult(t.app, bench, { execution_id: execution.id, parameter: 'Elongation', value: 45 })
    ).json();
    expect(r.overall_verdict).toBe('fail');
    const reviewed = await t.app.inject({
      method: 'POST',
      url: `${url}/${r.id}/review`,
      headers: bench.engineer.headers,
    });
    expect(reviewed.json().status).toBe('reviewed');
    const res = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${r.id}`,
      headers: { ...bench.engineer.headers, 'if-match': `"${reviewed.json().version}"` },
      payload: { value: '25.0' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      value: '25.0',
      overall_verdict: 'pass',
      status: 'entered',
      reviewed_by: null,
    });
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${r.id}`,
      headers: { ...bench.engineer.headers, 'if-match': '"1"' },
      payload: { value: '26.0' },
    });
    expect(stale.statusCode).toBe(412);
    const moved = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${r.id}`,
      headers: bench.engineer.headers,
      payload: { parameter: 'Breaking force' },
    });
    expect(moved.statusCode).toBe(422);
    expect(moved.json().errors[0].field).toBe('parameter');
  });
});

describe('POST /test-results/bulk', () => {
  it('enters every item in one go', async () => {
    const { execution } = await running();
    const res = await t.app.inject({
      method: 'POST',
      url: `${url}/bulk`,
      headers: bench.engineer.headers,
      payload: {
        execution_id: execution.id,
        items: [
          { parameter: 'Breaking force', value: '180.0' },
          { parameter: 'Elongation', value: 30, uncertainty: '0.5' },
          { parameter: 'Appearance', value: 'No change' },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items.map((r: { overall_verdict: string }) => r.overall_verdict)).toEqual([
      'fail',
      'pass',
      'pass',
    ]);
    const done = await t.app.inject({
      method: 'POST',
      url: `/api/v1/test-executions/${execution.id}/complete`,
      headers: bench.engineer.headers,
    });
    expect(done.statusCode, done.body).toBe(200);
  });

  it('replays a retry with the same Idempotency-Key instead of entering twice', async () => {
    const { execution } = await running();
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `${url}/bulk`,
        headers: { ...bench.engineer.headers, 'idempotency-key': `bulk-${execution.id}` },
        payload: { execution_id: execution.id, items: [{ parameter: 'Elongation', value: 20 }] },
      });
    const first = await send();
    const again = await send();
    expect(first.statusCode, first.body).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    const stored = await t.app.inject({
      url: `${url}?execution_id=${execution.id}`,
      headers: bench.manager.headers,
    });
    expect(stored.json().total).toBe(1);
  });

  it('is all or nothing, naming items[i].field for every bad item', async () => {
    const { execution } = await running();
    await enterResult(t.app, bench, { execution_id: execution.id, parameter: 'Appearance', value: 'ok' });
    const res = await t.app.inject({
      method: 'POST',
      url: `${url}/bulk`,
      headers: bench.engineer.headers,
      payload: {
        execution_id: execution.id,
        items: [
          { parameter: 'Breaking force', value: '250.0' },
          { parameter: 'Elongation', value: 'lots' },
          { parameter: 'Breaking force', value: '251.0' },
          { parameter: 'Appearance', value: 'again' },
          { parameter: 'Weight', value: 1 },
        ],
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'items[1].value',
      'items[2].parameter',
      'items[3].parameter',
      'items[4].parameter',
    ]);
    expect(res.json().detail).toMatch(/nothing was saved/);
    const stored = await t.app.inject({
      url: `${url}?execution_id=${execution.id}`,
      headers: bench.manager.headers,
    });
    expect(stored.json().total).toBe(1);
    const schemaError = await t.app.inject({
      method: 'POST',
      url: `${url}/bulk`,
      headers: bench.engineer.headers,
      payload: { execution_id: execution.id, items: [{ parameter: 'Elongation', value: true }] },
    });
    expect(schemaError.statusCode).toBe(422);
    expect(schemaError.json().errors[0].field).toBe('items[0].value');
  });
});

describe('GET /test-results filters', () => {
  it('filters by execution, plan, sample, project, status and verdict', async () => {
    const { execution, plan, sample } = await running();
    await enterResult(t.app, bench, { execution_id: execution.id, parameter: 'Elongation', value: 50 });
    await enterResult(t.app, bench, { execution_id: execution.id, parameter: 'Breaking force', value: 400 });
    const list = (qs: string) =>
      t.app.inject({ url: `${url}?${qs}`, headers: bench.manager.headers }).then((r) => r.json());
    expect((await list(`execution_id=${execution.id}`)).total).toBe(2);
    expect((await list(`plan_id=${plan.id}&overall_verdict=fail`)).items[0].parameter).toBe('Elongation');
    expect((await list(`sample_id=${sample.id}&overall_verdict=pass`)).total).toBe(1);
    expect((await list(`project_id=${bench.project.id}&status=entered`)).total).toBeGreaterThanOrEqual(2);
    expect((await list(`sample_id=${sample.id}&status=approved`)).total).toBe(0);
  });
});
