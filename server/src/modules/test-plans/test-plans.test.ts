import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { signedIn } from '../../../test/factories/index.ts';
import {
  type Bench,
  createPlan,
  makeBench,
  makeMethod,
  makeProject,
  makeSamples,
  planExecutions,
  startExecution,
} from '../../../test/factories/testing.ts';

let t: TestApp;
let bench: Bench;
const url = '/api/v1/test-plans';

beforeAll(async () => {
  t = await createTestApp();
  bench = await makeBench(t.app, { samples: 3 });
});
afterAll(async () => t?.close());

const post = (payload: Record<string, unknown>, headers = bench.manager.headers) =>
  t.app.inject({ method: 'POST', url, headers, payload });
const basePlan = () => ({
  project_id: bench.project.id,
  method_id: bench.method.id,
  sample_ids: bench.samples.map((s) => s.id),
  specification_ids: [bench.spec.id],
  engineer_id: bench.engineer.user.id,
});
const action = (id: string, name: string, payload?: object, headers = bench.manager.headers) =>
  t.app.inject({ method: 'POST', url: `${url}/${id}/${name}`, headers, payload });

describe('POST /test-plans', () => {
  it('creates the plan with one pending execution per sample, the customer taken from the project', async () => {
    const res = await post({
      ...basePlan(),
      due_date: '2026-03-01',
      priority: 'high',
      decision_rule: 'guarded',
    });
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json();
    expect(res.headers.location).toBe(`${url}/${plan.id}`);
    expect(plan).toMatchObject({
      status: 'planned',
      customer_id: bench.project.customer_id,
      decision_rule: 'guarded',
      priority: 'high',
      project_number: bench.project.number,
      method_code: bench.method.code,
      engineer_name: 'Test User',
      execution_counts: { pending: 3, in_progress: 0, completed: 0, aborted: 0 },
      allowed_actions: ['start', 'complete', 'cancel'].filter((a) => a !== 'complete'),
    });
    const executions = await planExecutions(t.app, bench, plan.id);
    expect(executions.map((e) => e.sample_id).sort()).toEqual(bench.samples.map((s) => s.id).sort());
    expect(executions.every((e) => e.status === 'pending')).toBe(true);
    const history = await t.app.inject({ url: `${url}/${plan.id}/history`, headers: bench.manager.headers });
    expect(history.json().items.map((e: { action: string }) => e.action)).toEqual(['create']);
  });

  it('defaults to simple acceptance, normal priority and no specifications', async () => {
    const { specification_ids: _s, engineer_id: _e, ...rest } = basePlan();
    const res = await post(rest);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      decision_rule: 'simple',
      priority: 'normal',
      specification_ids: [],
      engineer_id: null,
    });
  });

  it('names every bad reference, and writes nothing', async () => {
    const other = await makeProject(t.app);
    const [foreign] = await makeSamples(t.app, other, 1);
    const missing = '01900000-0000-7000-8000-000000000000';
    const before = (await t.app.inject({ url, headers: bench.manager.headers })).json().total;
    const res = await post({
      ...basePlan(),
      sample_ids: [bench.samples[0].id, foreign.id, missing],
      specification_ids: [missing],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { field: 'sample_ids[1]', message: `sample ${foreign.number} belongs to another project` },
      { field: 'sample_ids[2]', message: 'no such sample' },
      { field: 'specification_ids[0]', message: 'no such specification' },
    ]);
    expect((await t.app.inject({ url, headers: bench.manager.headers })).json().total).toBe(before);
  });

  it('refuses an inactive method, a closed project, no samples and duplicates', async () => {
    const inactive = await makeMethod(t.app, { is_active: false });
    const closed = await makeProject(t.app, { status: 'completed' });
    const r1 = await post({ ...basePlan(), method_id: inactive.id });
    expect(r1.statusCode).toBe(422);
    expect(r1.json().errors[0]).toMatchObject({
      field: 'method_id',
      message: `method ${inactive.code} is not active`,
    });
    const r2 = await post({ ...basePlan(), project_id: closed.id });
    expect(r2.json().errors[0]).toMatchObject({ field: 'project_id' });
    expect((await post({ ...basePlan(), sample_ids: [] })).json().errors[0].field).toBe('sample_ids');
    const dup = await post({ ...basePlan(), sample_ids: [bench.samples[0].id, bench.samples[0].id] });
    expect(dup.statusCode).toBe(422);
  });

  it('needs the engineer to be authorised for the method', async () => {
    const res = await post({ ...basePlan(), engineer_id: bench.outsider.user.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { field: 'engineer_id', message: `is not authorised for method ${bench.method.code}` },
    ]);
  });

  it('keeps status out of the body, and lets viewers and customers read or nothing', async () => {
    const res = await post({ ...basePlan(), status: 'completed' });
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('planned');
    const viewer = await signedIn(t.app, 'viewer');
    expect((await post(basePlan(), viewer.headers)).statusCode).toBe(403);
    expect((await t.app.inject({ url, headers: viewer.headers })).statusCode).toBe(200);
    const customer = await signedIn(t.app, 'customer', { customer_id: bench.project.customer_id });
    expect((await t.app.inject({ url, headers: customer.headers })).statusCode).toBe(403);
  });
});

describe('GET /test-plans filters', () => {
  it('filters by project, engineer, method and status', async () => {
    const project = await makeProject(t.app);
    const samples = await makeSamples(t.app, project, 1);
    const local = { ...bench, project, samples };
    const a = await createPlan(t.app, local);
    const b = await createPlan(t.app, local, { engineer_id: null });
    const list = (qs: string) =>
      t.app.inject({ url: `${url}?${qs}`, headers: bench.manager.headers }).then((r) => r.json());
    expect((await list(`project_id=${project.id}`)).items.map((p: { id: string }) => p.id).sort()).toEqual(
      [a.id, b.id].sort(),
    );
    const mine = await list(`project_id=${project.id}&engineer_id=${bench.engineer.user.id}`);
    expect(mine.items.map((p: { id: string }) => p.id)).toEqual([a.id]);
    expect((await list(`project_id=${project.id}&method_id=${bench.method.id}`)).total).toBe(2);
    await action(a.id, 'start');
    expect((await list(`project_id=${project.id}&status=in_progress`)).items[0].id).toBe(a.id);
    expect((await list('status=bogus')).errors?.[0]?.field ?? 'status').toBe('status');
  });
});

describe('PATCH /test-plans', () => {
  it('adds and removes samples while planned, keeping the executions in step', async () => {
    const plan = await createPlan(t.app, bench, { sample_ids: [bench.samples[0].id, bench.samples[1].id] });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${plan.id}`,
      headers: { ...bench.manager.headers, 'if-match': '"1"' },
      payload: { sample_ids: [bench.samples[1].id, bench.samples[2].id] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().execution_counts.pending).toBe(2);
    const executions = await planExecutions(t.app, bench, plan.id);
    expect(executions.map((e) => e.sample_id).sort()).toEqual(
      [bench.samples[1].id, bench.samples[2].id].sort(),
    );
  });

  it('moves pending executions to a newly assigned engineer', async () => {
    const second = await signedIn(t.app, 'engineer');
    const method = await makeMethod(t.app, {
      authorised_engineer_ids: [bench.engineer.user.id, second.user.id],
    });
    const plan = await createPlan(t.app, bench, { method_id: method.id });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${plan.id}`,
      headers: bench.manager.headers,
      payload: { engineer_id: second.user.id },
    });
    expect(res.statusCode, res.body).toBe(200);
    const executions = await t.app.inject({
      url: `/api/v1/test-executions?plan_id=${plan.id}&engineer_id=${second.user.id}`,
      headers: bench.manager.headers,
    });
    expect(executions.json().total).toBe(bench.samples.length);
  });

  it('fixes project and method, and what is judged once work has started', async () => {
    const plan = await createPlan(t.app, bench);
    const other = await makeMethod(t.app);
    const patch = (payload: object) =>
      t.app.inject({ method: 'PATCH', url: `${url}/${plan.id}`, headers: bench.manager.headers, payload });
    const fixed = await patch({ method_id: other.id });
    expect(fixed.statusCode).toBe(422);
    expect(fixed.json().errors[0].field).toBe('method_id');
    const [first] = await planExecutions(t.app, bench, plan.id);
    await startExecution(t.app, bench, first.id);
    const locked = await patch({ decision_rule: 'guarded' });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().detail).toBe(
      'decision_rule can change only while the plan is planned; it is in_progress',
    );
    const notes = await patch({ due_date: '2026-12-31', notes: 'rush' });
    expect(notes.statusCode).toBe(200);
    // an omitted field keeps its value: no create default sneaks into a PATCH
    expect(notes.json()).toMatchObject({
      specification_ids: [bench.spec.id],
      priority: 'normal',
      decision_rule: 'simple',
    });
  });
});

describe('plan actions', () => {
  it('starts by itself when an execution starts', async () => {
    const plan = await createPlan(t.app, bench);
    const [first] = await planExecutions(t.app, bench, plan.id);
    await startExecution(t.app, bench, first.id);
    const now = (await t.app.inject({ url: `${url}/${plan.id}`, headers: bench.manager.headers })).json();
    expect(now.status).toBe('in_progress');
    expect(now.allowed_actions).toEqual(['complete', 'cancel']);
  });

  it('completes only when every execution is completed or aborted, naming the open ones', async () => {
    const plan = await createPlan(t.app, bench, { sample_ids: [bench.samples[0].id, bench.samples[1].id] });
    expect((await action(plan.id, 'start')).statusCode).toBe(200);
    const blocked = await action(plan.id, 'complete');
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().detail).toContain('2 execution(s) still open');
    expect(blocked.json().detail).toContain(`${bench.samples[0].number} (pending)`);
    for (const e of await planExecutions(t.app, bench, plan.id)) {
      const abort = await t.app.inject({
        method: 'POST',
        url: `/api/v1/test-executions/${e.id}/abort`,
        headers: bench.engineer.headers,
        payload: { reason: 'sample too small' },
      });
      expect(abort.statusCode, abort.body).toBe(200);
    }
    const done = await action(plan.id, 'complete');
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', allowed_actions: [] });
    const again = await action(plan.id, 'cancel', { reason: 'x' });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe(
      'Cannot cancel a test_plan that is completed; allowed from completed: none',
    );
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${plan.id}`,
      headers: bench.manager.headers,
      payload: { notes: 'late' },
    });
    expect(edit.statusCode).toBe(409);
  });

  it('cancels (managers only, with a reason), aborting the open executions', async () => {
    const plan = await createPlan(t.app, bench);
    expect((await action(plan.id, 'cancel', { reason: 'x' }, bench.engineer.headers)).statusCode).toBe(403);
    expect((await action(plan.id, 'cancel', { reason: '  ' })).statusCode).toBe(422);
    const res = await action(plan.id, 'cancel', { reason: 'customer withdrew' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', notes: 'Cancelled: customer withdrew' });
    const executions = await planExecutions(t.app, bench, plan.id);
    expect(executions.every((e) => e.status === 'aborted')).toBe(true);
    const one = await t.app.inject({
      url: `/api/v1/test-executions/${executions[0].id}`,
      headers: bench.manager.headers,
    });
    expect(one.json().abort_reason).toBe('plan cancelled: customer withdrew');
    const startLate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test-executions',
      headers: bench.manager.headers,
      payload: { plan_id: plan.id, sample_id: bench.samples[0].id },
    });
    expect(startLate.statusCode).toBe(409);
  });
});
