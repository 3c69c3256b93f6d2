import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { makeMethod } from '../../../test/factories/catalogue.ts';
import { act, makeRfq } from '../../../test/factories/commercial.ts';
import { makeCustomer, signedIn, uniq } from '../../../test/factories/index.ts';

let t: TestApp;
let manager: Awaited<ReturnType<typeof signedIn>>;
let engineer: Awaited<ReturnType<typeof signedIn>>;
const url = '/api/v1/rfqs';

beforeAll(async () => {
  t = await createTestApp();
  manager = await signedIn(t.app, 'manager');
  engineer = await signedIn(t.app, 'engineer');
});
afterAll(async () => t?.close());

const create = (payload: object, headers: Record<string, string> = manager.headers) =>
  t.app.inject({ method: 'POST', url, payload, headers });

describe('POST /rfqs', () => {
  it('numbers 30 parallel creates RFQ-000001…000030, distinct and without a gap', async () => {
    const customer = await makeCustomer(t.app);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => create({ customer_id: customer.id, title: `Parallel ${i}` })),
    );
    expect(answers.map((r) => r.statusCode)).toEqual(Array(30).fill(201));
    const numbers = answers.map((r) => r.json().number).sort();
    expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => `RFQ-${String(i + 1).padStart(6, '0')}`));
  });

  it('creates with 201, today as the received date, the creator, and status received', async () => {
    const customer = await makeCustomer(t.app);
    const method = await makeMethod(t.app);
    const res = await create({
      customer_id: customer.id,
      title: 'Pilling on knitted jersey',
      requested_method_ids: [method.id],
      quantity: 4,
      due_date: '2999-01-01',
      status: 'won',
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(res.headers.location).toBe(`${url}/${body.id}`);
    expect(body).toMatchObject({
      customer_id: customer.id,
      status: 'received',
      requested_method_ids: [method.id],
      requested_methods: [{ id: method.id, code: method.code, title: method.title }],
      received_date: new Date().toISOString().slice(0, 10),
      created_by: manager.user.id,
      allowed_actions: ['review', 'lose', 'cancel'],
    });
  });

  it('names the field for a missing customer, an unknown or retired method, and a due date before receipt', async () => {
    const customer = await makeCustomer(t.app);
    const retired = await makeMethod(t.app, { is_active: false });
    const cases: [object, string][] = [
      [{ title: 'No customer' }, 'customer_id'],
      [{ customer_id: '01900000-0000-7000-8000-000000000000', title: 'Ghost' }, 'customer_id'],
      [
        { customer_id: customer.id, title: 'Retired', requested_method_ids: [retired.id] },
        'requested_method_ids',
      ],
      [
        { customer_id: customer.id, title: 'Backwards', received_date: '2026-03-10', due_date: '2026-03-09' },
        'due_date',
      ],
      [{ customer_id: customer.id, title: '' }, 'title'],
    ];
    for (const [payload, field] of cases) {
      const res = await create(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(422);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('replays an Idempotency-Key without a second RFQ', async () => {
    const customer = await makeCustomer(t.app);
    const headers = { ...manager.headers, 'idempotency-key': `rfq-${uniq()}` };
    const payload = { customer_id: customer.id, title: `Idem ${uniq()}` };
    const first = await create(payload, headers);
    const second = await create(payload, headers);
    expect(second.body).toBe(first.body);
    const list = await t.app.inject({ url: `${url}?customer_id=${customer.id}`, headers: manager.headers });
    expect(list.json().total).toBe(1);
  });

  it('lets engineers read but not write', async () => {
    const customer = await makeCustomer(t.app);
    expect((await create({ customer_id: customer.id, title: 'x' }, engineer.headers)).statusCode).toBe(403);
    expect((await t.app.inject({ url, headers: engineer.headers })).statusCode).toBe(200);
  });
});

describe('portal customers', () => {
  it('file RFQs for their own company only and never see another customer’s', async () => {
    const portal = await signedIn(t.app, 'customer');
    const other = await makeCustomer(t.app);
    const res = await create({ customer_id: other.id, title: 'Mine, really' }, portal.headers);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().customer_id).toBe(portal.user.customer_id);
    expect(res.json()).toMatchObject({ allowed_actions: ['cancel'], customer_name: expect.any(String) });

    const foreign = await makeRfq(t.app, { customer_id: other.id });
    for (const path of [`${url}/${foreign.id}`, `${url}/${foreign.id}/history`]) {
      expect((await t.app.inject({ url: path, headers: portal.headers })).statusCode, path).toBe(404);
    }
    const foreignCancel = await act(t.app, portal.headers, 'rfqs', foreign.id, 'cancel');
    expect(foreignCancel.statusCode, foreignCancel.body).toBe(404);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${foreign.id}`,
      headers: portal.headers,
      payload: { title: 'hijack' },
    });
    expect(patch.statusCode).toBe(404);
    const list = await t.app.inject({ url, headers: portal.headers });
    expect(list.json().items.map((r: { id: string }) => r.id)).toEqual([res.json().id]);
  });

  it('edit their RFQ while received, not once the lab reviews it, and may cancel it', async () => {
    const portal = await signedIn(t.app, 'customer');
    const rfq = (await create({ title: 'Editable' }, portal.headers)).json();
    const edit = (headers: Record<string, string>) =>
      t.app.inject({ method: 'PATCH', url: `${url}/${rfq.id}`, headers, payload: { notes: 'more detail' } });
    expect((await edit(portal.headers)).statusCode).toBe(200);
    expect((await act(t.app, portal.headers, 'rfqs', rfq.id, 'review')).statusCode).toBe(403);
    expect((await act(t.app, manager.headers, 'rfqs', rfq.id, 'review')).statusCode).toBe(200);
    const late = await edit(portal.headers);
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain('under_review');
    expect((await edit(manager.headers)).statusCode).toBe(200);
    const cancelled = await act(t.app, portal.headers, 'rfqs', rfq.id, 'cancel', { reason: 'Budget cut' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({
      status: 'cancelled',
      status_reason: 'Budget cut',
      allowed_actions: [],
    });
  });
});

describe('RFQ state machine', () => {
  it('reviews, refuses a second review with 409 naming the state and allowed actions, loses with a reason', async () => {
    const rfq = await makeRfq(t.app);
    const reviewed = await act(t.app, manager.headers, 'rfqs', rfq.id, 'review');
    expect(reviewed.json()).toMatchObject({ status: 'under_review', allowed_actions: ['lose', 'cancel'] });
    const again = await act(t.app, manager.headers, 'rfqs', rfq.id, 'review');
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe(
      'Cannot review a rfq that is under_review; allowed from under_review: lose, cancel',
    );
    expect((await act(t.app, manager.headers, 'rfqs', rfq.id, 'lose', {})).statusCode).toBe(422);
    const lost = await act(t.app, manager.headers, 'rfqs', rfq.id, 'lose', { reason: 'Price' });
    expect(lost.json()).toMatchObject({ status: 'lost', status_reason: 'Price', allowed_actions: [] });
    const cancel = await act(t.app, manager.headers, 'rfqs', rfq.id, 'cancel');
    expect(cancel.statusCode, cancel.body).toBe(409);
    expect(cancel.json().detail).toContain('allowed from lost: none');
    const history = await t.app.inject({ url: `${url}/${rfq.id}/history`, headers: manager.headers });
    expect(history.json().items.map((e: { action: string }) => e.action)).toEqual(['lose', 'review']);
  });

  it('cannot be edited once quoted, and the status is never a writable field', async () => {
    const rfq = await makeRfq(t.app, { status: 'quoted' });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${rfq.id}`,
      headers: manager.headers,
      payload: { title: 'Late change' },
    });
    expect(res.statusCode).toBe(409);
    const open = await makeRfq(t.app);
    const sneaky = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${open.id}`,
      headers: manager.headers,
      payload: { status: 'won', title: 'Renamed' },
    });
    expect(sneaky.statusCode).toBe(200);
    expect(sneaky.json()).toMatchObject({ status: 'received', title: 'Renamed' });
  });
});
