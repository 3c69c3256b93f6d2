import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { makeCommercialProject } from '../../../test/factories/commercial.ts';
import { makeCustomer, signedIn, uniq } from '../../../test/factories/index.ts';

let t: TestApp;
let manager: Awaited<ReturnType<typeof signedIn>>;
const url = '/api/v1/sales-orders';

beforeAll(async () => {
  t = await createTestApp();
  manager = await signedIn(t.app, 'manager');
});
afterAll(async () => t?.close());

const create = (payload: object, headers: Record<string, string> = manager.headers) =>
  t.app.inject({ method: 'POST', url, payload, headers });

describe('POST /sales-orders', () => {
  it('prices lines exactly, numbers SO-000001 and defaults the order date to today', async () => {
    const project = await makeCommercialProject(t.app);
    const res = await create({
      customer_id: project.customer_id,
      project_id: project.id,
      tax_rate: '7.5',
      lines: [{ description: 'Colour fastness', quantity: 3, unit_price: '19.99' }],
      status: 'closed',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      number: 'SO-000001',
      status: 'open',
      subtotal: '59.97',
      tax_amount: '4.50',
      total: '64.47',
      currency: 'USD',
      order_date: new Date().toISOString().slice(0, 10),
    });
  });

  it('refuses a project of another customer and bad lines (422 naming the field)', async () => {
    const project = await makeCommercialProject(t.app);
    const other = await makeCustomer(t.app);
    const res = await create({ customer_id: other.id, project_id: project.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('project_id');
    const bad = await create({
      customer_id: other.id,
      lines: [{ description: 'x', quantity: '0', unit_price: '1' }],
    });
    expect(bad.json().errors[0].field).toBe('lines[0].quantity');
  });

  it('gives consecutive numbers to parallel creates and replays an Idempotency-Key', async () => {
    const customer = await makeCustomer(t.app);
    const answers = await Promise.all(Array.from({ length: 10 }, () => create({ customer_id: customer.id })));
    const numbers = answers.map((r) => Number(r.json().number.slice(3))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 10 }, (_, i) => numbers[0] + i));
    const headers = { ...manager.headers, 'idempotency-key': `so-${uniq()}` };
    const first = await create({ customer_id: customer.id, notes: 'once' }, headers);
    expect((await create({ customer_id: customer.id, notes: 'once' }, headers)).body).toBe(first.body);
  });

  it('re-prices on PATCH and keeps the customer fixed', async () => {
    const customer = await makeCustomer(t.app);
    const order = (await create({ customer_id: customer.id })).json();
    const res = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${order.id}`,
      headers: manager.headers,
      payload: { tax_rate: 20, lines: [{ description: 'Audit', quantity: '1.5', unit_price: '100.01' }] },
    });
    expect(res.json()).toMatchObject({ subtotal: '150.02', tax_amount: '30.00', total: '180.02' });
    const other = await makeCustomer(t.app);
    const move = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${order.id}`,
      headers: manager.headers,
      payload: { customer_id: other.id },
    });
    expect(move.statusCode).toBe(422);
  });
});

describe('portal customers', () => {
  it('read their own orders only and create none', async () => {
    const portal = await signedIn(t.app, 'customer');
    const own = (await create({ customer_id: portal.user.customer_id as string })).json();
    const foreign = (await create({ customer_id: (await makeCustomer(t.app)).id })).json();
    const list = await t.app.inject({ url, headers: portal.headers });
    expect(list.json().items.map((o: { id: string }) => o.id)).toEqual([own.id]);
    expect((await t.app.inject({ url: `${url}/${foreign.id}`, headers: portal.headers })).statusCode).toBe(
      404,
    );
    expect(
      (await create({ customer_id: portal.user.customer_id as string }, portal.headers)).statusCode,
    ).toBe(403);
  });
});
