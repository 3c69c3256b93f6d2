import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { signedIn } from '../../../test/factories/index.ts';
import { makeEquipment } from '../../../test/factories/quality.ts';
import {
  type Bench,
  createPlan,
  enterResult,
  makeBench,
  makeSamples,
  planExecutions,
  startExecution,
} from '../../../test/factories/testing.ts';
import { sampleCustody, samples } from '../../db/schema/index.ts';

let t: TestApp;
let bench: Bench;
const url = '/api/v1/test-executions';

beforeAll(async () => {
  t = await createTestApp();
  bench = await makeBench(t.app, { samples: 2 });
});
afterAll(async () => t?.close());

const act = (id: string, name: string, headers: Record<string, string>, payload?: object) =>
  t.app.inject({ method: 'POST', url: `${url}/${id}/${name}`, headers, payload });
const sampleStatus = async (id: string) =>
  (await t.app.db.select({ status: samples.status }).from(samples).where(eq(samples.id, id)))[0].status;

async function freshExecution(overrides: Record<string, unknown> = {}) {
  const plan = await createPlan(t.app, bench, { sample_ids: [bench.samples[0].id], ...overrides });
  const [execution] = await planExecutions(t.app, bench, plan.id);
  return { plan, execution };
}

describe('POST /test-executions', () => {
  it('adds an execution for a sample of the plan, inheriting project, customer, method and engineer', async () => {
    const { plan } = await freshExecution();
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: bench.manager.headers,
      payload: { plan_id: plan.id, sample_id: bench.samples[0].id, temperature_c: 20.5, humidity_pct: 65 },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'pending',
      project_id: bench.project.id,
      customer_id: bench.project.customer_id,
      method_id: bench.method.id,
      engineer_id: bench.engineer.user.id,
      temperature_c: 20.5,
      humidity_pct: 65,
      sample_number: bench.samples[0].number,
      method_code: bench.method.code,
      parameter_count: 3,
      result_count: 0,
      allowed_actions: ['start', 'abort'],
    });
  });

  it('refuses a sample outside the plan and out-of-range conditions, naming the field', async () => {
    const { plan } = await freshExecution();
    const post = (payload: object) =>
      t.app.inject({ method: 'POST', url, headers: bench.manager.headers, payload });
    const outside = await post({ plan_id: plan.id, sample_id: bench.samples[1].id });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors).toEqual([
      { field: 'sample_id', message: 'is not one of the plan’s samples' },
    ]);
    const hot = await post({
      plan_id: plan.id,
      sample_id: bench.samples[0].id,
      temperature_c: 151,
      humidity_pct: -1,
    });
    expect(hot.statusCode).toBe(422);
    expect(
      hot
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['humidity_pct', 'temperature_c']);
    const noPlan = await post({
      plan_id: '01900000-0000-7000-8000-000000000000',
      sample_id: bench.samples[0].id,
    });
    expect(noPlan.json().errors[0].field).toBe('plan_id');
  });
});

describe('start', () => {
  it('lets an authorised engineer start: started_at, the sample in test, the plan in progress', async () => {
    const { plan, execution } = await freshExecution();
    const res = await act(execution.id, 'start', bench.engineer.headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'in_progress',
      engineer_id: bench.engineer.user.id,
      allowed_actions: ['complete', 'abort'],
    });
    expect(res.json().started_at).toMatch(/Z$/);
    expect(await sampleStatus(bench.samples[0].id)).toBe('in_test');
    const custody = await t.app.db
      .select()
      .from(sampleCustody)
      .where(eq(sampleCustody.sample_id, bench.samples[0].id));
    expect(custody).toEqual([
      expect.objectContaining({
        action: 'to_testing',
        to_party: 'Test User',
        recorded_by: bench.engineer.user.id,
      }),
    ]);
    const p = await t.app.inject({ url: `/api/v1/test-plans/${plan.id}`, headers: bench.manager.headers });
    expect(p.json().status).toBe('in_progress');
    const again = await act(execution.id, 'start', bench.engineer.headers);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe(
      'Cannot start a test_execution that is in_progress; allowed from in_progress: complete, abort',
    );
  });

  it('refuses an engineer who is not authorised for the method (403, naming the method)', async () => {
    const { execution } = await freshExecution();
    const res = await act(execution.id, 'start', bench.outsider.headers);
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain(`not authorised for method ${bench.method.code}`);
  });

  it('lets a manager start it for the assigned engineer, and says why not when none is assigned', async () => {
    const assigned = await freshExecution();
    const ok = await act(assigned.execution.id, 'start', bench.manager.headers);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().engineer_id).toBe(bench.engineer.user.id);

    const unassigned = await freshExecution({ engineer_id: null });
    const none = await act(unassigned.execution.id, 'start', bench.manager.headers);
    expect(none.statusCode).toBe(409);
    expect(none.json().detail).toContain('No engineer is assigned');
    const viewer = await signedIn(t.app, 'viewer');
    expect((await act(unassigned.execution.id, 'start', viewer.headers)).statusCode).toBe(403);
  });
});

describe('complete and abort', () => {
  it('completes only with a result for every parameter, listing the missing ones', async () => {
    // a sample of its own: the sample is `tested` only when none of its executions is open
    const [sample] = await makeSamples(t.app, bench.project, 1);
    const { execution } = await freshExecution({ sample_ids: [sample.id] });
    await startExecution(t.app, bench, execution.id);
    const r = await enterResult(t.app, bench, {
      execution_id: execution.id,
      parameter: 'Breaking force',
      value: '310.5',
    });
    expect(r.statusCode, r.body).toBe(201);
    const blocked = await act(execution.id, 'complete', bench.engineer.headers);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().detail).toBe(
      `Cannot complete test execution ${execution.id}: no result yet for Elongation, Appearance`,
    );
    for (const [parameter, value] of [
      ['Elongation', 22],
      ['Appearance', 'No change'],
    ] as const) {
      expect(
        (await enterResult(t.app, bench, { execution_id: execution.id, parameter, value })).statusCode,
      ).toBe(201);
    }
    const one = await t.app.inject({ url: `${url}/${execution.id}`, headers: bench.manager.headers });
    expect(one.json().result_count).toBe(3);
    const done = await act(execution.id, 'complete', bench.engineer.headers);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().completed_at).toMatch(/Z$/);
    // finishing testing moves the sample back to storage: the lab's own act on the sample
    expect(await sampleStatus(sample.id)).toBe('in_test');
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${execution.id}`,
      headers: bench.engineer.headers,
      payload: { temperature_c: 21 },
    });
    expect(patch.statusCode).toBe(409);
  });

  it('aborts with a reason (required)', async () => {
    const plan = await createPlan(t.app, bench, { sample_ids: [bench.samples[1].id] });
    const [execution] = await planExecutions(t.app, bench, plan.id);
    await startExecution(t.app, bench, execution.id);
    expect(await sampleStatus(bench.samples[1].id)).toBe('in_test');
    expect((await act(execution.id, 'abort', bench.engineer.headers, {})).statusCode).toBe(422);
    const res = await act(execution.id, 'abort', bench.engineer.headers, { reason: 'jaws slipped' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'aborted',
      abort_reason: 'jaws slipped',
      allowed_actions: [],
    });
  });
});

describe('PATCH and filters', () => {
  it('records conditions and equipment while running; the engineer is fixed once started', async () => {
    const { execution } = await freshExecution();
    await startExecution(t.app, bench, execution.id);
    const equipment = (await makeEquipment(t.app)).id;
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${execution.id}`,
      headers: bench.engineer.headers,
      payload: { temperature_c: 20, humidity_pct: 65.5, equipment_ids: [equipment] },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ temperature_c: 20, humidity_pct: 65.5, equipment_ids: [equipment] });
    const swap = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${execution.id}`,
      headers: bench.manager.headers,
      payload: { engineer_id: bench.outsider.user.id },
    });
    expect(swap.statusCode).toBe(409);
  });

  it('filters by plan, sample, status and engineer', async () => {
    const { plan, execution } = await freshExecution();
    const list = (qs: string) =>
      t.app.inject({ url: `${url}?${qs}`, headers: bench.manager.headers }).then((r) => r.json());
    expect((await list(`plan_id=${plan.id}`)).items.map((e: { id: string }) => e.id)).toEqual([execution.id]);
    expect((await list(`plan_id=${plan.id}&status=in_progress`)).total).toBe(0);
    await startExecution(t.app, bench, execution.id);
    expect((await list(`plan_id=${plan.id}&status=in_progress`)).total).toBe(1);
    expect(
      (await list(`sample_id=${bench.samples[0].id}&engineer_id=${bench.engineer.user.id}`)).total,
    ).toBeGreaterThan(0);
    expect((await list(`engineer_id=${bench.outsider.user.id}`)).total).toBe(0);
  });
});
