import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { act } from '../../../test/factories/commercial.ts';
import { signedIn, uniq } from '../../../test/factories/index.ts';
import { createPurchaseOrder, makeSupplier, poBody } from '../../../test/factories/orders.ts';

let t: TestApp;
let manager: Awaited<ReturnType<typeof signedIn>>;
let approver: Awaited<ReturnType<typeof signedIn>>;
const url = '/api/v1/purchase-orders';

beforeAll(async () => {
  t = await createTestApp();
  manager = await signedIn(t.app, 'manager');
  approver = await signedIn(t.app, 'manager');
});
afterAll(async () => t?.close());

const create = (payload: object, headers = manager.headers) =>
  t.app.inject({ method: 'POST', url, payload, headers });

/** A PO taken to `ordered`: submitted by `manager`, approved by `approver`. */
async function orderedPo(lines: object[]) {
  const supplier = await makeSupplier(t.app);
  const po = await createPurchaseOrder(t.app, manager.headers, poBody(supplier.id, { lines }));
  for (const [who, action] of [
    [manager, 'submit'],
    [approver, 'approve'],
    [manager, 'order'],
  ] as const) {
    const res = await act(t.app, who.headers, 'purchase-orders', po.id, action);
    expect(res.statusCode, res.body).toBe(200);
  }
  return po;
}

const receive = (id: string, lines: object[], headers = manager.headers) =>
  t.app.inject({ method: 'POST', url: `${url}/${id}/receipts`, headers, payload: { lines } });

describe('POST /purchase-orders', () => {
  it('prices exactly: 3 × 19.99 at 7.5 % is 59.97 + 4.50 = 64.47, numbered PO-…', async () => {
    const supplier = await makeSupplier(t.app, { approval_status: 'pending' });
    const res = await create({ ...poBody(supplier.id), status: 'received', subtotal: '1.00' });
    expect(res.statusCode, res.body).toBe(201);
    const po = res.json();
    expect(po).toMatchObject({
      status: 'draft',
      subtotal: '59.97',
      tax_amount: '4.50',
      total: '64.47',
      currency: 'USD',
      supplier_name: supplier.name,
      allowed_actions: expect.arrayContaining(['submit', 'cancel']),
    });
    expect(po.number).toMatch(/^PO-\d{6}$/);
    expect(po.lines[0]).toMatchObject({
      item_code: 'GS-105',
      unit: 'set',
      quantity: '3',
      unit_price: '19.99',
      line_total: '59.97',
      received_quantity: '0',
    });
    expect(res.headers.location).toBe(`${url}/${po.id}`);
  });

  it('rounds the tax once per document, half-up (3 × 0.10 at 5 % → 0.30 + 0.02)', async () => {
    const supplier = await makeSupplier(t.app);
    const po = await createPurchaseOrder(
      t.app,
      manager.headers,
      poBody(supplier.id, {
        tax_rate: 5,
        lines: [
          { description: 'Pipette tips', quantity: 1, unit_price: '0.10' },
          { description: 'Pipette tips', quantity: 1, unit_price: '0.10' },
          { description: 'Pipette tips', quantity: 1, unit_price: '0.10' },
        ],
      }),
    );
    // per line 0.005 each would round to 0.01 × 3 = 0.03; per document 0.015 → 0.02
    expect(po).toMatchObject({ subtotal: '0.30', tax_amount: '0.02', total: '0.32' });
  });

  it('refuses a due date before the order date (422 naming due_date)', async () => {
    const supplier = await makeSupplier(t.app);
    const res = await create(poBody(supplier.id, { order_date: '2026-03-10', due_date: '2026-03-09' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'due_date' })]);
  });

  it('names bad lines and unknown suppliers (422), never a 500', async () => {
    const supplier = await makeSupplier(t.app);
    const bad = await create(
      poBody(supplier.id, { lines: [{ description: 'x', quantity: '0', unit_price: '1' }], tax_rate: 101 }),
    );
    expect(bad.statusCode).toBe(422);
    const fields = bad.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['lines[0].quantity', 'tax_rate']));
    const unknown = await create(poBody('01900000-0000-7000-8000-000000000000'));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].field).toBe('supplier_id');
  });

  it('gives 30 parallel creates 30 distinct, gapless numbers', async () => {
    const supplier = await makeSupplier(t.app);
    const answers = await Promise.all(Array.from({ length: 30 }, () => create(poBody(supplier.id))));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(30).fill(201));
    const numbers = answers.map((r) => Number(r.json().number.slice(3))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(30);
    expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => numbers[0] + i));
  });

  it('replays an Idempotency-Key instead of creating twice', async () => {
    const supplier = await makeSupplier(t.app);
    const headers = { ...manager.headers, 'idempotency-key': `po-${uniq()}` };
    const first = await create(poBody(supplier.id), headers);
    const again = await create(poBody(supplier.id), headers);
    expect(again.body).toBe(first.body);
  });
});

describe('PATCH /purchase-orders/{id}', () => {
  it('re-prices a draft, keeps line ids, and refuses edits once submitted', async () => {
    const supplier = await makeSupplier(t.app);
    const po = await createPurchaseOrder(t.app, manager.headers, poBody(supplier.id));
    const lineId = po.lines[0].id;
    const res = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${po.id}`,
      headers: { ...manager.headers, 'if-match': `"${po.version}"` },
      payload: {
        tax_rate: 20,
        lines: [
          { id: lineId, description: 'Grey scale for staining', quantity: 2, unit_price: '19.99' },
          { description: 'Multifibre strip', quantity: '1.5', unit_price: '100.01' },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ subtotal: '190.00', tax_amount: '38.00', total: '228.00' });
    expect(res.json().lines[0].id).toBe(lineId);
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${po.id}`,
      headers: { ...manager.headers, 'if-match': `"${po.version}"` },
      payload: { notes: 'late' },
    });
    expect(stale.statusCode).toBe(412);
    expect((await act(t.app, manager.headers, 'purchase-orders', po.id, 'submit')).statusCode).toBe(200);
    const locked = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${po.id}`,
      headers: manager.headers,
      payload: { notes: 'too late' },
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().detail).toMatch(/submitted/);
  });
});

describe('the supplier approval gate', () => {
  it.each(['pending', 'rejected'] as const)(
    'refuses to submit to a %s supplier (409 naming why)',
    async (status) => {
      const supplier = await makeSupplier(t.app, { approval_status: status });
      const po = await createPurchaseOrder(t.app, manager.headers, poBody(supplier.id));
      const res = await act(t.app, manager.headers, 'purchase-orders', po.id, 'submit');
      expect(res.statusCode).toBe(409);
      expect(res.json().detail).toContain(`approval status is ${status}`);
    },
  );

  it('accepts a conditionally approved supplier', async () => {
    const supplier = await makeSupplier(t.app, { approval_status: 'conditional' });
    const po = await createPurchaseOrder(t.app, manager.headers, poBody(supplier.id));
    expect((await act(t.app, manager.headers, 'purchase-orders', po.id, 'submit')).json().status).toBe(
      'submitted',
    );
  });

  it('refuses to submit an order without lines (422 naming lines)', async () => {
    const supplier = await makeSupplier(t.app);
    const po = await createPurchaseOrder(t.app, manager.headers, poBody(supplier.id, { lines: [] }));
    const res = await act(t.app, manager.headers, 'purchase-orders', po.id, 'submit');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('lines');
  });
});

describe('approval', () => {
  it('is four-eyes: the submitter may not approve (403), another manager may', async () => {
    const supplier = await makeSupplier(t.app);
    const po = await createPurchaseOrder(t.app, manager.headers, poBody(supplier.id));
    await act(t.app, manager.headers, 'purchase-orders', po.id, 'submit');
    const own = await act(t.app, manager.headers, 'purchase-orders', po.id, 'approve');
    expect(own.statusCode).toBe(403);
    expect(own.json().detail).toMatch(/four-eyes/);
    const other = await act(t.app, approver.headers, 'purchase-orders', po.id, 'approve');
    expect(other.statusCode).toBe(200);
    expect(other.json()).toMatchObject({ status: 'approved', approved_by: approver.user.id });
  });

  it('lets an admin approve an order they submitted', async () => {
    const admin = await signedIn(t.app, 'admin');
    const supplier = await makeSupplier(t.app);
    const po = await createPurchaseOrder(t.app, admin.headers, poBody(supplier.id));
    await act(t.app, admin.headers, 'purchase-orders', po.id, 'submit');
    expect((await act(t.app, admin.headers, 'purchase-orders', po.id, 'approve')).statusCode).toBe(200);
  });

  it('refuses engineers, viewers and customers; staff may read', async () => {
    const supplier = await makeSupplier(t.app);
    const po = await createPurchaseOrder(t.app, manager.headers, poBody(supplier.id));
    await act(t.app, manager.headers, 'purchase-orders', po.id, 'submit');
    for (const role of ['engineer', 'viewer', 'auditor', 'customer'] as const) {
      const user = await signedIn(t.app, role);
      expect((await act(t.app, user.headers, 'purchase-orders', po.id, 'approve')).statusCode).toBe(403);
      expect((await create(poBody(supplier.id), user.headers)).statusCode).toBe(403);
      const read = await t.app.inject({ url: `${url}/${po.id}`, headers: user.headers });
      expect(read.statusCode).toBe(role === 'customer' ? 403 : 200);
      if (role !== 'customer') expect(read.json().allowed_actions).toEqual([]);
    }
  });

  it('can send a submitted order back to draft with a reason', async () => {
    const supplier = await makeSupplier(t.app);
    const po = await createPurchaseOrder(t.app, manager.headers, poBody(supplier.id));
    await act(t.app, manager.headers, 'purchase-orders', po.id, 'submit');
    const noReason = await act(t.app, approver.headers, 'purchase-orders', po.id, 'return', {});
    expect(noReason.statusCode).toBe(422);
    const back = await act(t.app, approver.headers, 'purchase-orders', po.id, 'return', {
      reason: 'Quote a cheaper grey scale',
    });
    expect(back.json()).toMatchObject({ status: 'draft', status_reason: 'Quote a cheaper grey scale' });
  });
});

describe('POST /purchase-orders/{id}/receipts', () => {
  const lines = [
    { item_code: 'GS-105', description: 'Grey scale', quantity: 3, unit: 'set', unit_price: '19.99' },
    { item_code: 'MF-1', description: 'Multifibre strip', quantity: '2.5', unit: 'm', unit_price: '4.00' },
  ];

  it('moves to partially_received, then received, and keeps every receipt', async () => {
    const po = await orderedPo(lines);
    const [a, b] = po.lines.map((l: { id: string }) => l.id);
    const first = await receive(po.id, [{ line_id: a, quantity: 2, note: 'one box dented' }]);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'partially_received', received_at: null });
    expect(first.json().lines.map((l: { received_quantity: string }) => l.received_quantity)).toEqual([
      '2',
      '0',
    ]);
    expect(first.json().allowed_actions).toEqual(expect.arrayContaining(['receive']));
    const rest = await receive(po.id, [
      { line_id: a, quantity: 1 },
      { line_id: b, quantity: '2.5' },
    ]);
    expect(rest.json()).toMatchObject({ status: 'received', allowed_actions: ['close'] });
    expect(rest.json().received_at).toBeTruthy();
    const receipts = await t.app.inject({ url: `${url}/${po.id}/receipts`, headers: manager.headers });
    expect(receipts.json().items).toEqual([
      expect.objectContaining({
        line_id: a,
        quantity: '2',
        note: 'one box dented',
        received_by: manager.user.id,
      }),
      expect.objectContaining({ line_id: a, quantity: '1' }),
      expect.objectContaining({ line_id: b, quantity: '2.5' }),
    ]);
    const closed = await act(t.app, manager.headers, 'purchase-orders', po.id, 'close');
    expect(closed.json().status).toBe('closed');
    const history = await t.app.inject({ url: `${url}/${po.id}/history`, headers: manager.headers });
    const actions = history.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['close', 'receive', 'receive', 'order', 'approve', 'submit', 'create']);
  });

  it('refuses over-receiving, naming the line, and changes nothing', async () => {
    const po = await orderedPo(lines);
    const [a, b] = po.lines.map((l: { id: string }) => l.id);
    const res = await receive(po.id, [
      { line_id: a, quantity: 1 },
      { line_id: b, quantity: 3 },
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { field: 'lines[1].quantity', message: expect.stringContaining('line 2 (MF-1 Multifibre strip)') },
    ]);
    // the same line twice in one request counts both
    const twice = await receive(po.id, [
      { line_id: a, quantity: 2 },
      { line_id: a, quantity: 2 },
    ]);
    expect(twice.statusCode).toBe(422);
    const after = (await t.app.inject({ url: `${url}/${po.id}`, headers: manager.headers })).json();
    expect(after.status).toBe('ordered');
    expect(after.lines.map((l: { received_quantity: string }) => l.received_quantity)).toEqual(['0', '0']);
    const none = await t.app.inject({ url: `${url}/${po.id}/receipts`, headers: manager.headers });
    expect(none.json().items).toEqual([]);
  });

  it('refuses unknown lines (422) and receiving before the order is placed (409)', async () => {
    const po = await orderedPo(lines);
    const unknown = await receive(po.id, [{ line_id: 'nope', quantity: 1 }]);
    expect(unknown.json().errors[0]).toMatchObject({ field: 'lines[0].line_id' });
    const supplier = await makeSupplier(t.app);
    const draft = await createPurchaseOrder(t.app, manager.headers, poBody(supplier.id));
    const early = await receive(draft.id, [{ line_id: draft.lines[0].id, quantity: 1 }]);
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toMatch(/draft/);
  });

  it('refuses cancelling once goods have arrived', async () => {
    const po = await orderedPo(lines);
    await receive(po.id, [{ line_id: po.lines[0].id, quantity: 1 }]);
    const res = await act(t.app, manager.headers, 'purchase-orders', po.id, 'cancel', { reason: 'x' });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('partially_received');
  });
});
