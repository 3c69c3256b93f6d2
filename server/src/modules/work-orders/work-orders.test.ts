import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { act, makeCommercialProject } from '../../../test/factories/commercial.ts';
import { makeCustomer, signedIn } from '../../../test/factories/index.ts';
import { makeExecutions } from '../../../test/factories/orders.ts';

let t: TestApp;
let manager: Awaited<ReturnType<typeof signedIn>>;
let engineer: Awaited<ReturnType<typeof signedIn>>;
const url = '/api/v1/work-orders';

beforeAll(async () => {
  t = await createTestApp();
  manager = await signedIn(t.app, 'manager');
  engineer = await signedIn(t.app, 'engineer');
});
afterAll(async () => t?.close());

const create = (payload: object, headers = manager.headers) =>
  t.app.inject({ method: 'POST', url, payload, headers });
const get = async (id: string) =>
  (await t.app.inject({ url: `${url}/${id}`, headers: manager.headers })).json();

describe('POST /work-orders', () => {
  it('needs a project or a sales order that exists (422 naming the field)', async () => {
    const none = await create({ title: 'Condition samples' });
    expect(none.statusCode).toBe(422);
    expect(none.json().errors[0].field).toBe('project_id');
    const missing = await create({ title: 'x', sales_order_id: '01900000-0000-7000-8000-000000000000' });
    expect(missing.json().errors[0].field).toBe('sales_order_id');
    const badAssignee = await create({
      title: 'x',
      project_id: (await makeCommercialProject(t.app)).id,
      assignee_id: (await signedIn(t.app, 'viewer')).user.id,
    });
    expect(badAssignee.json().errors[0].field).toBe('assignee_id');
  });

  it('numbers WO-…, opens it, and takes the project of a sales order', async () => {
    const project = await makeCommercialProject(t.app);
    const order = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sales-orders',
      headers: manager.headers,
      payload: { customer_id: project.customer_id, project_id: project.id },
    });
    const res = await create({
      title: 'Condition and cut specimens',
      sales_order_id: order.json().id,
      assignee_id: engineer.user.id,
      due_date: '2026-04-01',
      priority: 'high',
      status: 'done',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'open',
      priority: 'high',
      progress: 0,
      progress_source: 'manual',
      sales_order_number: order.json().number,
      assignee_id: engineer.user.id,
      allowed_actions: expect.arrayContaining(['start', 'set-progress', 'cancel']),
    });
    expect(res.json().number).toMatch(/^WO-\d{6}$/);
  });
});

describe('progress', () => {
  it('is set by hand while the project has no executions', async () => {
    const project = await makeCommercialProject(t.app);
    const wo = (await create({ title: 'Hand tracked', project_id: project.id, progress: 30 })).json();
    expect(wo).toMatchObject({ progress: 30, progress_source: 'manual' });
    const set = await act(t.app, manager.headers, 'work-orders', wo.id, 'set-progress', { progress: 55 });
    expect(set.json().progress).toBe(55);
    const tooMuch = await act(t.app, manager.headers, 'work-orders', wo.id, 'set-progress', {
      progress: 101,
    });
    expect(tooMuch.statusCode).toBe(422);
  });

  it('is derived from the project’s executions (completed ÷ all but aborted) and refuses hand writes', async () => {
    const project = await makeCommercialProject(t.app);
    const wo = (await create({ title: 'Derived', project_id: project.id })).json();
    await makeExecutions(t.app, project, ['completed', 'completed', 'in_progress', 'pending', 'aborted']);
    expect(await get(wo.id)).toMatchObject({
      progress: 50,
      progress_source: 'executions',
      executions_total: 4,
      executions_completed: 2,
    });
    const hand = await act(t.app, manager.headers, 'work-orders', wo.id, 'set-progress', { progress: 90 });
    expect(hand.statusCode).toBe(409);
    expect(hand.json().detail).toMatch(/derived from the project's test executions \(2 of 4/);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${wo.id}`,
      headers: manager.headers,
      payload: { progress: 90 },
    });
    expect(patch.statusCode).toBe(409);
    // other fields stay editable, and a PUT that omits progress is not a progress write
    const put = await t.app.inject({
      method: 'PUT',
      url: `${url}/${wo.id}`,
      headers: manager.headers,
      payload: { title: 'Derived, renamed', project_id: project.id },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ title: 'Derived, renamed', progress: 50 });
    const list = await t.app.inject({ url: `${url}?project_id=${project.id}`, headers: manager.headers });
    expect(list.json().items[0]).toMatchObject({ progress: 50, progress_source: 'executions' });
  });
});

describe('actions and roles', () => {
  it('lets the assigned engineer move it and set progress; other engineers get 403', async () => {
    const project = await makeCommercialProject(t.app);
    const wo = (
      await create({ title: 'Bench job', project_id: project.id, assignee_id: engineer.user.id })
    ).json();
    const other = await signedIn(t.app, 'engineer');
    const refused = await act(t.app, other.headers, 'work-orders', wo.id, 'start');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/not assigned to you/);
    expect((await act(t.app, engineer.headers, 'work-orders', wo.id, 'start')).json().status).toBe(
      'in_progress',
    );
    expect(
      (await act(t.app, engineer.headers, 'work-orders', wo.id, 'hold', { reason: 'Chamber down' })).json(),
    ).toMatchObject({ status: 'on_hold', status_reason: 'Chamber down' });
    await act(t.app, engineer.headers, 'work-orders', wo.id, 'resume');
    expect(
      (await act(t.app, engineer.headers, 'work-orders', wo.id, 'set-progress', { progress: 80 })).json()
        .progress,
    ).toBe(80);
    const done = await act(t.app, engineer.headers, 'work-orders', wo.id, 'complete');
    expect(done.json()).toMatchObject({ status: 'done', progress: 100, allowed_actions: [] });
    expect(done.json().completed_at).toBeTruthy();
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${wo.id}`,
      headers: manager.headers,
      payload: { title: 'late' },
    });
    expect(edit.statusCode).toBe(409);
  });

  it('keeps engineers from creating, editing and cancelling; customers see nothing', async () => {
    const project = await makeCommercialProject(t.app);
    const wo = (
      await create({ title: 'Mine', project_id: project.id, assignee_id: engineer.user.id })
    ).json();
    expect((await create({ title: 'x', project_id: project.id }, engineer.headers)).statusCode).toBe(403);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${wo.id}`,
      headers: engineer.headers,
      payload: { title: 'x' },
    });
    expect(patch.statusCode).toBe(403);
    expect((await act(t.app, engineer.headers, 'work-orders', wo.id, 'cancel')).statusCode).toBe(403);
    expect((await t.app.inject({ url: `${url}/${wo.id}`, headers: engineer.headers })).statusCode).toBe(200);
    const portal = await signedIn(t.app, 'customer', { customer_id: (await makeCustomer(t.app)).id });
    expect((await t.app.inject({ url, headers: portal.headers })).statusCode).toBe(403);
  });
});
