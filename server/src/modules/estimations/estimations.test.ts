import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { makeMethod } from '../../../test/factories/catalogue.ts';
import {
  act,
  createQuote,
  makePricedMethod,
  makeRfq,
  makeSentQuote,
} from '../../../test/factories/commercial.ts';
import { makeCustomer, signedIn, uniq } from '../../../test/factories/index.ts';
import { closePdfWorkers } from '../../pdf/pool.ts';

let t: TestApp;
let manager: Awaited<ReturnType<typeof signedIn>>;
let viewer: Awaited<ReturnType<typeof signedIn>>;
const url = '/api/v1/estimations';

beforeAll(async () => {
  t = await createTestApp();
  manager = await signedIn(t.app, 'manager');
  viewer = await signedIn(t.app, 'viewer');
});
afterAll(async () => {
  await closePdfWorkers();
  await t?.close();
});

const post = (payload: object, headers: Record<string, string> = manager.headers) =>
  t.app.inject({ method: 'POST', url, payload, headers });
const patch = (id: string, payload: object) =>
  t.app.inject({ method: 'PATCH', url: `${url}/${id}`, payload, headers: manager.headers });

describe('POST /estimations: exact money', () => {
  it('prices 3 × 19.99 at 7.5 % as 59.97 + 4.50 = 64.47, ignoring totals the client sends', async () => {
    const customer = await makeCustomer(t.app);
    const res = await post({
      customer_id: customer.id,
      tax_rate: '7.5',
      lines: [{ description: 'Colour fastness', quantity: 3, unit_price: '19.99', line_total: '1.00' }],
      total: '0.01',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      number: 'EST-000001',
      revision: 1,
      status: 'draft',
      currency: 'USD',
      subtotal: '59.97',
      tax_amount: '4.50',
      total: '64.47',
      lines: [
        { quantity: '3', unit_price: '19.99', discount_pct: '0.00', line_total: '59.97', method_id: null },
      ],
      allowed_actions: ['send'],
    });
  });

  it('rounds each line half-up after discount, then the tax, with no float drift', async () => {
    const customer = await makeCustomer(t.app);
    const res = await post({
      customer_id: customer.id,
      tax_rate: 19,
      lines: [
        { description: 'A', quantity: '0.1', unit_price: '0.70' },
        { description: 'B', quantity: '0.2', unit_price: '0.70' },
        { description: 'C', quantity: 7, unit_price: '33.33', discount_pct: '12.5' },
      ],
    });
    // 0.07 + 0.14 + 7 × 33.33 × 0.875 = 204.146… → 204.15; subtotal 204.36; tax 38.8284 → 38.83
    expect(res.json()).toMatchObject({ subtotal: '204.36', tax_amount: '38.83', total: '243.19' });
    expect(res.json().lines.map((l: { line_total: string }) => l.line_total)).toEqual([
      '0.07',
      '0.14',
      '204.15',
    ]);
  });

  it('rounds a unit price to cents first, so a line is always quantity × the price shown', async () => {
    const customer = await makeCustomer(t.app);
    const res = await post({
      customer_id: customer.id,
      lines: [{ description: 'x', quantity: 3, unit_price: '19.995' }],
    });
    expect(res.json().lines[0]).toMatchObject({ unit_price: '20.00', line_total: '60.00' });
  });

  it('fills description and price from a catalogue method, and takes the RFQ’s customer and title', async () => {
    const method = await makePricedMethod(t.app, '120.00');
    const rfq = await makeRfq(t.app, { title: 'Shrinkage of towels' });
    const res = await post({ rfq_id: rfq.id, lines: [{ method_id: method.id, quantity: 2 }] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      customer_id: rfq.customer_id,
      rfq_id: rfq.id,
      title: 'Shrinkage of towels',
      total: '240.00',
      lines: [
        { method_id: method.id, description: `${method.code} — ${method.title}`, unit_price: '120.00' },
      ],
    });
  });

  it('names every bad line field in one 422 and writes nothing', async () => {
    const customer = await makeCustomer(t.app);
    const unpriced = await makeMethod(t.app, { default_price: null });
    const res = await post({
      customer_id: customer.id,
      tax_rate: '101',
      lines: [
        { description: 'Zero', quantity: 0, unit_price: '1' },
        { description: 'Discount', quantity: 1, unit_price: '1', discount_pct: '100.5' },
        { method_id: unpriced.id, quantity: 1 },
        { quantity: 1, unit_price: '5' },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual([
      'lines[0].quantity',
      'lines[1].discount_pct',
      'lines[2].unit_price',
      'lines[3].description',
      'tax_rate',
    ]);
    const negative = await post({
      customer_id: customer.id,
      lines: [{ description: 'x', quantity: 1, unit_price: '-1' }],
    });
    expect(negative.statusCode).toBe(422);
    expect(negative.json().errors[0].field).toBe('lines[0].unit_price');
    const list = await t.app.inject({ url: `${url}?customer_id=${customer.id}`, headers: manager.headers });
    expect(list.json().total).toBe(0);
  });

  it('refuses an RFQ that is closed, a customer that differs from the RFQ’s, and a past validity', async () => {
    const lost = await makeRfq(t.app, { status: 'lost' });
    expect((await post({ rfq_id: lost.id })).statusCode).toBe(409);
    const rfq = await makeRfq(t.app);
    const other = await makeCustomer(t.app);
    const mismatch = await post({ rfq_id: rfq.id, customer_id: other.id });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().errors[0].field).toBe('customer_id');
    const past = await post({ customer_id: other.id, valid_until: '2020-01-01' });
    expect(past.json().errors[0].field).toBe('valid_until');
  });

  it('replays an Idempotency-Key: one quote, one number', async () => {
    const customer = await makeCustomer(t.app);
    const headers = { ...manager.headers, 'idempotency-key': `q-${uniq()}` };
    const payload = { customer_id: customer.id, lines: [{ description: 'x', quantity: 1, unit_price: '1' }] };
    const first = await post(payload, headers);
    expect((await post(payload, headers)).body).toBe(first.body);
    const list = await t.app.inject({ url: `${url}?customer_id=${customer.id}`, headers: manager.headers });
    expect(list.json().total).toBe(1);
  });
});

describe('editing and sending', () => {
  it('re-prices a draft on PATCH, then refuses edits once sent (409 naming the state); the RFQ becomes quoted', async () => {
    const rfq = await makeRfq(t.app);
    const quote = await createQuote(t.app, manager.headers, { rfq_id: rfq.id, lines: [] });
    const noLines = await act(t.app, manager.headers, 'estimations', quote.id, 'send');
    expect(noLines.statusCode).toBe(409);
    const edited = await patch(quote.id, {
      tax_rate: '10',
      lines: [{ description: 'Pilling', quantity: 2, unit_price: '45.50' }],
    });
    expect(edited.json()).toMatchObject({
      subtotal: '91.00',
      tax_amount: '9.10',
      total: '100.10',
      version: 2,
    });
    const taxOnly = await patch(quote.id, { tax_rate: '0' });
    expect(taxOnly.json()).toMatchObject({ subtotal: '91.00', tax_amount: '0.00', total: '91.00' });

    const sent = await act(t.app, manager.headers, 'estimations', quote.id, 'send');
    expect(sent.json()).toMatchObject({
      status: 'sent',
      allowed_actions: ['accept', 'reject', 'expire', 'revise'],
    });
    expect(sent.json().sent_at).toBeTruthy();
    const rfqNow = await t.app.inject({ url: `/api/v1/rfqs/${rfq.id}`, headers: manager.headers });
    expect(rfqNow.json().status).toBe('quoted');

    const late = await patch(quote.id, { notes: 'too late' });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain('that is sent');
    const again = await act(t.app, manager.headers, 'estimations', quote.id, 'send');
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe(
      'Cannot send a estimation that is sent; allowed from sent: accept, reject, expire, revise',
    );
  });

  it('cannot send a quote for an RFQ that was cancelled meanwhile (nothing changes)', async () => {
    const rfq = await makeRfq(t.app);
    const quote = await createQuote(t.app, manager.headers, {
      rfq_id: rfq.id,
      lines: [{ description: 'x', quantity: 1, unit_price: '1' }],
    });
    await act(t.app, manager.headers, 'rfqs', rfq.id, 'cancel');
    const sent = await act(t.app, manager.headers, 'estimations', quote.id, 'send');
    expect(sent.statusCode).toBe(409);
    const still = await t.app.inject({ url: `${url}/${quote.id}`, headers: manager.headers });
    expect(still.json()).toMatchObject({ status: 'draft', version: 1 });
  });

  it('rejects with a reason and expires; viewers read but act on nothing', async () => {
    const { quote } = await makeSentQuote(t.app, manager.headers);
    expect(
      (await act(t.app, viewer.headers, 'estimations', quote.id, 'reject', { reason: 'x' })).statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ url: `${url}/${quote.id}`, headers: viewer.headers })).json().allowed_actions,
    ).toEqual([]);
    const rejected = await act(t.app, manager.headers, 'estimations', quote.id, 'reject', {
      reason: 'Too dear',
    });
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      decision_reason: 'Too dear',
      decided_by: manager.user.id,
    });
    const expire = await act(t.app, manager.headers, 'estimations', quote.id, 'expire');
    expect(expire.statusCode).toBe(409);
    expect(expire.json().detail).toContain('allowed from rejected: revise');

    const second = await makeSentQuote(t.app, manager.headers);
    const expired = await act(t.app, manager.headers, 'estimations', second.quote.id, 'expire');
    expect(expired.json()).toMatchObject({ status: 'expired', allowed_actions: ['revise'] });
  });
});

describe('GET /estimations/{id}/pdf', () => {
  it('serves the quote as a PDF with its number, as an attachment with a safe name', async () => {
    const { quote } = await makeSentQuote(t.app, manager.headers);
    const res = await t.app.inject({ url: `${url}/${quote.id}/pdf`, headers: viewer.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${quote.number}-rev1.pdf"`);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.rawPayload.toString('latin1')).toContain(`Quotation ${quote.number} revision 1`);
  });

  it('lays out a long quote over several pages', async () => {
    const customer = await makeCustomer(t.app);
    const lines = Array.from({ length: 80 }, (_, i) => ({
      description: `Line ${i}: ${'a long description of the work '.repeat(3)}`,
      quantity: 1,
      unit_price: '10',
    }));
    const quote = await createQuote(t.app, manager.headers, { customer_id: customer.id, lines });
    const res = await t.app.inject({ url: `${url}/${quote.id}/pdf`, headers: manager.headers });
    expect(res.rawPayload.toString('latin1').match(/\/Type \/Page\b/g)?.length).toBeGreaterThan(2);
  });
});

describe('portal customers', () => {
  it('see their own sent quotes only: drafts and other customers’ quotes are 404', async () => {
    const portal = await signedIn(t.app, 'customer');
    const own = await makeSentQuote(t.app, manager.headers, { customer_id: portal.user.customer_id });
    const draft = await createQuote(t.app, manager.headers, { customer_id: portal.user.customer_id });
    const foreign = await makeSentQuote(t.app, manager.headers);
    const get = (id: string, suffix = '') =>
      t.app.inject({ url: `${url}/${id}${suffix}`, headers: portal.headers });
    expect((await get(own.quote.id)).json().allowed_actions).toEqual(['accept', 'reject']);
    expect((await get(own.quote.id, '/pdf')).statusCode).toBe(200);
    for (const id of [draft.id, foreign.quote.id]) {
      for (const suffix of ['', '/pdf', '/revisions', '/history'])
        expect((await get(id, suffix)).statusCode, suffix).toBe(404);
      expect(
        (await act(t.app, portal.headers, 'estimations', id, 'reject', { reason: 'x' })).statusCode,
      ).toBe(404);
    }
    const list = await t.app.inject({ url, headers: portal.headers });
    expect(list.json().items.map((q: { id: string }) => q.id)).toEqual([own.quote.id]);
    expect((await post({ customer_id: portal.user.customer_id }, portal.headers)).statusCode).toBe(403);
    const rejected = await act(t.app, portal.headers, 'estimations', own.quote.id, 'reject', {
      reason: 'Found cheaper',
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decided_by: portal.user.id });
  });
});
