import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import {
  act,
  makeCommercialProject,
  makeProjectWork,
  makeSentQuote,
} from '../../../test/factories/commercial.ts';
import { makeCustomer, makeUser, signedIn } from '../../../test/factories/index.ts';

let t: TestApp;
let manager: Awaited<ReturnType<typeof signedIn>>;
const url = '/api/v1/projects';

beforeAll(async () => {
  t = await createTestApp();
  manager = await signedIn(t.app, 'manager');
});
afterAll(async () => t?.close());

const create = (payload: object, headers = manager.headers) =>
  t.app.inject({ method: 'POST', url, payload, headers });

describe('POST /projects', () => {
  it('creates a planned project with the next PRJ code and a manager', async () => {
    const customer = await makeCustomer(t.app);
    const res = await create({
      name: 'Spring collection',
      customer_id: customer.id,
      start_date: '2026-03-01',
      due_date: '2026-03-31',
      manager_id: manager.user.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      number: 'PRJ-000001',
      status: 'planned',
      manager_id: manager.user.id,
      allowed_actions: ['activate', 'cancel'],
    });
  });

  it('names the field for a non-manager manager, a due date before the start, an unknown customer', async () => {
    const customer = await makeCustomer(t.app);
    const engineer = await makeUser(t.app, { role: 'engineer' });
    const cases: [object, string][] = [
      [{ name: 'x', customer_id: customer.id, manager_id: engineer.id }, 'manager_id'],
      [{ name: 'x', customer_id: customer.id, start_date: '2026-03-02', due_date: '2026-03-01' }, 'due_date'],
      [{ name: 'x', customer_id: '01900000-0000-7000-8000-000000000000' }, 'customer_id'],
    ];
    for (const [payload, field] of cases) {
      const res = await create(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(422);
      expect(res.json().errors[0].field).toBe(field);
    }
    const engineerSession = await signedIn(t.app, 'engineer');
    expect((await create({ name: 'x', customer_id: customer.id }, engineerSession.headers)).statusCode).toBe(
      403,
    );
  });
});

describe('project state machine', () => {
  it('walks planned → active → on_hold → active → completed and refuses the rest with 409', async () => {
    const project = await makeCommercialProject(t.app);
    const step = async (action: string, status: string, allowed: string[]) => {
      const res = await act(t.app, manager.headers, 'projects', project.id, action);
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
      expect(res.json()).toMatchObject({ status, allowed_actions: allowed });
    };
    const refused = async (action: string, detail: string) => {
      const res = await act(t.app, manager.headers, 'projects', project.id, action);
      expect(res.statusCode).toBe(409);
      expect(res.json().detail).toBe(detail);
    };
    await refused(
      'complete',
      'Cannot complete a project that is planned; allowed from planned: activate, cancel',
    );
    await step('activate', 'active', ['hold', 'complete', 'cancel']);
    await step('hold', 'on_hold', ['resume', 'cancel']);
    await refused(
      'complete',
      'Cannot complete a project that is on_hold; allowed from on_hold: resume, cancel',
    );
    await step('resume', 'active', ['hold', 'complete', 'cancel']);
    await step('complete', 'completed', []);
    await refused('cancel', 'Cannot cancel a project that is completed; allowed from completed: none');
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${project.id}`,
      headers: manager.headers,
      payload: { name: 'Late' },
    });
    expect(edit.statusCode).toBe(409);
  });

  it('cancels from planned', async () => {
    const project = await makeCommercialProject(t.app);
    const res = await act(t.app, manager.headers, 'projects', project.id, 'cancel');
    expect(res.json()).toMatchObject({ status: 'cancelled', allowed_actions: [] });
  });
});

/** Counts the SQL statements the app runs (drizzle's logger sees every one). */
function countQueries() {
  const session = (t.app.db as unknown as { session: { logger: { logQuery(): void } } }).session;
  const original = session.logger;
  let n = 0;
  session.logger = { logQuery: () => void n++ };
  return {
    stop() {
      session.logger = original;
      return n;
    },
  };
}

describe('GET /projects/{id}/overview', () => {
  it('gathers the chain and the lab work, in the same number of queries for 1 or 40 samples', async () => {
    const { quote } = await makeSentQuote(t.app, manager.headers);
    const accepted = (await act(t.app, manager.headers, 'estimations', quote.id, 'accept')).json();
    const small = await makeCommercialProject(t.app);
    await makeProjectWork(t.app, small, 1);
    await makeProjectWork(t.app, { id: accepted.project_id, customer_id: accepted.customer_id }, 40);
    const overview = (id: string, headers = manager.headers) =>
      t.app.inject({ url: `${url}/${id}/overview`, headers });
    await overview(small.id); // warm the caller's session cache

    const smallCount = countQueries();
    expect((await overview(small.id)).statusCode).toBe(200);
    const smallQueries = smallCount.stop();
    const bigCount = countQueries();
    const big = await overview(accepted.project_id);
    const bigQueries = bigCount.stop();
    expect(bigQueries).toBe(smallQueries);
    expect(bigQueries).toBeGreaterThanOrEqual(2); // the project, then the one aggregate statement
    expect(bigQueries).toBeLessThanOrEqual(3);

    const body = big.json();
    expect(body.project).toMatchObject({ id: accepted.project_id, allowed_actions: ['activate', 'cancel'] });
    expect(body.rfq).toMatchObject({ id: quote.rfq_id, status: 'won' });
    expect(body.estimations).toEqual([
      expect.objectContaining({ id: quote.id, status: 'accepted', total: '64.47', revision: 1 }),
    ]);
    expect(body.sales_orders).toEqual([
      expect.objectContaining({ id: accepted.sales_order_id, total: '64.47' }),
    ]);
    expect(body.trfs.total).toBe(1);
    expect(body.samples).toMatchObject({ total: 40, by_status: { in_test: 1, received: 39 } });
    expect(body.samples.latest).toHaveLength(5);
    expect(body.test_plans.total).toBe(1);
    expect(body.test_executions).toEqual({ total: 40, by_status: { completed: 40 } });
    expect(body.test_results).toEqual({
      total: 80,
      by_status: { approved: 2, entered: 78 },
      by_verdict: { pass: 40, fail: 40 },
    });
  });

  it('shows a portal customer its own project without the lab’s internal work, and 404 for another’s', async () => {
    const portal = await signedIn(t.app, 'customer');
    const own = await makeCommercialProject(t.app, { customer_id: portal.user.customer_id ?? undefined });
    await makeProjectWork(t.app, own, 3);
    const foreign = await makeCommercialProject(t.app);
    const res = await t.app.inject({ url: `${url}/${own.id}/overview`, headers: portal.headers });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.project.allowed_actions).toEqual([]);
    expect(body.test_plans).toBeNull();
    expect(body.test_executions).toBeNull();
    expect(body.test_results).toEqual({
      total: 2,
      by_status: { approved: 2 },
      by_verdict: { pass: 1, fail: 1 },
    });
    for (const suffix of ['', '/overview', '/history']) {
      const denied = await t.app.inject({ url: `${url}/${foreign.id}${suffix}`, headers: portal.headers });
      expect(denied.statusCode, suffix).toBe(404);
    }
    const list = await t.app.inject({ url, headers: portal.headers });
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([own.id]);
  });
});
