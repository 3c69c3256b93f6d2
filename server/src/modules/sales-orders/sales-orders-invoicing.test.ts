import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { act } from '../../../test/factories/commercial.ts';
import { makeCustomer, signedIn, uniq } from '../../../test/factories/index.ts';

let t: TestApp;
let manager: Awaited<ReturnType<typeof signedIn>>;
const url = '/api/v1/sales-orders';

beforeAll(async () => {
  t = await createTestApp();
  manager = await signedIn(t.app, 'manager');
});
afterAll(async () => t?.close());

async function confirmedOrder(customerName = `Acme ${uniq()}`, lines?: object[]) {
  const customer = await makeCustomer(t.app, { company_name: customerName });
  const res = await t.app.inject({
    method: 'POST',
    url,
    headers: manager.headers,
    payload: {
      customer_id: customer.id,
      order_date: '2026-03-01',
      tax_rate: '7.5',
      lines: lines ?? [
        { description: 'Colour fastness to washing', quantity: 3, unit_price: '19.99' },
        { description: 'Pilling, Martindale', quantity: 1, unit_price: '45.00' },
      ],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const confirmed = await act(t.app, manager.headers, 'sales-orders', res.json().id, 'confirm');
  expect(confirmed.statusCode).toBe(200);
  return confirmed.json();
}

describe('sales-order states', () => {
  it('runs open → confirmed → in_progress → delivered → closed, listing both kinds of action', async () => {
    const order = await confirmedOrder();
    expect(order.allowed_actions).toEqual(expect.arrayContaining(['start', 'cancel', 'invoice']));
    for (const [action, status] of [
      ['start', 'in_progress'],
      ['deliver', 'delivered'],
      ['close', 'closed'],
    ]) {
      expect((await act(t.app, manager.headers, 'sales-orders', order.id, action)).json().status).toBe(
        status,
      );
    }
    const wrong = await act(t.app, manager.headers, 'sales-orders', order.id, 'deliver');
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().detail).toContain('closed');
  });

  it('cancels with a reason, never once invoiced', async () => {
    const order = await confirmedOrder();
    await act(t.app, manager.headers, 'sales-orders', order.id, 'invoice', {
      invoice_number: `INV-${uniq()}`,
    });
    const res = await act(t.app, manager.headers, 'sales-orders', order.id, 'cancel', {
      reason: 'Customer withdrew',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('invoiced');
  });
});

describe('invoicing', () => {
  it('invoice → mark-paid records number and dates; refuses a reused number and a wrong order', async () => {
    const order = await confirmedOrder();
    const number = `INV-${uniq()}`;
    const invoiced = await act(t.app, manager.headers, 'sales-orders', order.id, 'invoice', {
      invoice_number: number,
      invoice_date: '2026-03-05',
    });
    expect(invoiced.statusCode, invoiced.body).toBe(200);
    expect(invoiced.json()).toMatchObject({
      invoicing_status: 'invoiced',
      invoice_number: number,
      invoice_date: '2026-03-05',
      allowed_actions: expect.arrayContaining(['mark-paid']),
    });
    expect(invoiced.json().allowed_actions).not.toContain('invoice');
    const twice = await act(t.app, manager.headers, 'sales-orders', order.id, 'invoice', {
      invoice_number: 'X',
    });
    expect(twice.statusCode).toBe(409);
    const other = await confirmedOrder();
    const reused = await act(t.app, manager.headers, 'sales-orders', other.id, 'invoice', {
      invoice_number: number,
    });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().detail).toContain(order.number);
    const early = await act(t.app, manager.headers, 'sales-orders', order.id, 'mark-paid', {
      paid_date: '2026-03-01',
    });
    expect(early.json().errors[0].field).toBe('paid_date');
    const paid = await act(t.app, manager.headers, 'sales-orders', order.id, 'mark-paid', {
      paid_date: '2026-03-20',
    });
    expect(paid.json()).toMatchObject({ invoicing_status: 'paid', paid_date: '2026-03-20' });
  });

  it('refuses to invoice an open order and a missing invoice number', async () => {
    const customer = await makeCustomer(t.app);
    const open = (
      await t.app.inject({
        method: 'POST',
        url,
        headers: manager.headers,
        payload: { customer_id: customer.id, lines: [{ description: 'x', quantity: 1, unit_price: '1' }] },
      })
    ).json();
    const res = await act(t.app, manager.headers, 'sales-orders', open.id, 'invoice', {
      invoice_number: 'INV-open',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('confirm it first');
    const noNumber = await act(t.app, manager.headers, 'sales-orders', open.id, 'invoice', {});
    expect(noNumber.statusCode).toBe(422);
  });

  it('only managers invoice; a customer reads its own order but cannot act on it', async () => {
    const order = await confirmedOrder();
    const engineer = await signedIn(t.app, 'engineer');
    expect(
      (await act(t.app, engineer.headers, 'sales-orders', order.id, 'invoice', { invoice_number: 'x' }))
        .statusCode,
    ).toBe(403);
    const portal = await signedIn(t.app, 'customer', { customer_id: order.customer_id });
    const own = await t.app.inject({ url: `${url}/${order.id}`, headers: portal.headers });
    expect(own.json().allowed_actions).toEqual([]);
    expect((await act(t.app, portal.headers, 'sales-orders', order.id, 'mark-paid', {})).statusCode).toBe(
      403,
    );
  });
});

describe('GET /sales-orders/invoice-lines', () => {
  it('exports one CSV row per invoiced line, filtered by invoice date and status', async () => {
    const name = `Lines Co ${uniq()}`;
    const march = await confirmedOrder(name);
    const number = `INV-M-${uniq()}`;
    await act(t.app, manager.headers, 'sales-orders', march.id, 'invoice', {
      invoice_number: number,
      invoice_date: '2026-03-10',
    });
    const april = await confirmedOrder(name);
    await act(t.app, manager.headers, 'sales-orders', april.id, 'invoice', {
      invoice_number: `INV-A-${uniq()}`,
      invoice_date: '2026-04-10',
    });
    await confirmedOrder(name); // not invoiced: no lines

    const res = await t.app.inject({
      url: '/api/v1/sales-orders/invoice-lines?from=2026-03-01&to=2026-03-31',
      headers: { ...manager.headers, accept: 'text/csv' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('invoice-lines.csv');
    const rows = res.body.trim().split('\n');
    expect(rows[0]).toBe(
      'so_number,customer_name,invoice_number,invoice_date,paid_date,invoicing_status,currency,line_no,' +
        'description,quantity,unit_price,discount_pct,line_total,tax_rate,order_subtotal,order_tax_amount,order_total',
    );
    const mine = rows.filter((r) => r.includes(number));
    expect(mine).toEqual([
      `${march.number},${name},${number},2026-03-10,,invoiced,USD,1,Colour fastness to washing,3,19.99,0.00,59.97,7.5,104.97,7.87,112.84`,
      `${march.number},${name},${number},2026-03-10,,invoiced,USD,2,"Pilling, Martindale",1,45.00,0.00,45.00,7.5,104.97,7.87,112.84`,
    ]);
    expect(res.body).not.toContain(april.number);

    const paidOnly = await t.app.inject({
      url: '/api/v1/sales-orders/invoice-lines?status=paid&format=csv',
      headers: manager.headers,
    });
    expect(paidOnly.body).not.toContain(number);
    const json = await t.app.inject({
      url: `/api/v1/sales-orders/invoice-lines?from=2026-04-01&to=2026-04-30&limit=1`,
      headers: manager.headers,
    });
    expect(json.json()).toMatchObject({ items: [expect.objectContaining({ line_no: 1 })], has_more: true });
  });

  it('is for managers only and checks the range', async () => {
    const viewer = await signedIn(t.app, 'viewer');
    const denied = await t.app.inject({ url: '/api/v1/sales-orders/invoice-lines', headers: viewer.headers });
    expect(denied.statusCode).toBe(403);
    const range = await t.app.inject({
      url: '/api/v1/sales-orders/invoice-lines?from=2026-05-01&to=2026-04-01',
      headers: manager.headers,
    });
    expect(range.statusCode).toBe(422);
    expect(range.json().errors[0].field).toBe('to');
  });
});
