import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { act, createQuote, makeRfq, makeSentQuote } from '../../../test/factories/commercial.ts';
import { signedIn } from '../../../test/factories/index.ts';

let t: TestApp;
let manager: Awaited<ReturnType<typeof signedIn>>;
const url = '/api/v1/estimations';

beforeAll(async () => {
  t = await createTestApp();
  manager = await signedIn(t.app, 'manager');
});
afterAll(async () => t?.close());

const get = (path: string, headers = manager.headers) => t.app.inject({ url: `/api/v1/${path}`, headers });
const count = async (table: string) =>
  Number(
    (
      (await t.app.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as {
        rows: { n: number }[];
      }
    ).rows[0].n,
  );

describe('accept: project + sales order + RFQ won in one transaction', () => {
  it('rolls everything back when any step fails, numbers included', async () => {
    const { rfq, quote } = await makeSentQuote(t.app, manager.headers);
    // A real database failure in the last step (the RFQ becoming won), after the project and the
    // sales order rows were written inside the transaction.
    await t.app.db.execute(sql`create function refuse_won() returns trigger language plpgsql as $$
      begin if new.status = 'won' then raise exception 'injected failure'; end if; return new; end $$`);
    await t.app.db.execute(
      sql`create trigger refuse_won before update on rfqs for each row execute function refuse_won()`,
    );
    const failed = await act(t.app, manager.headers, 'estimations', quote.id, 'accept');
    expect(failed.statusCode).toBe(500);
    expect(await count('projects')).toBe(0);
    expect(await count('sales_orders')).toBe(0);
    expect((await get(`estimations/${quote.id}`)).json()).toMatchObject({ status: 'sent', project_id: null });
    expect((await get(`rfqs/${rfq.id}`)).json().status).toBe('quoted');

    await t.app.db.execute(sql`drop trigger refuse_won on rfqs`);
    await t.app.db.execute(sql`drop function refuse_won()`);
    const accepted = await act(t.app, manager.headers, 'estimations', quote.id, 'accept');
    expect(accepted.statusCode, accepted.body).toBe(200);
    const body = accepted.json();
    expect(body).toMatchObject({
      status: 'accepted',
      decided_by: manager.user.id,
      rfq_number: rfq.number,
      allowed_actions: [],
    });

    const project = (await get(`projects/${body.project_id}`)).json();
    expect(project).toMatchObject({
      number: 'PRJ-000001', // the failed attempt gave its number back
      name: quote.title,
      customer_id: rfq.customer_id,
      rfq_id: rfq.id,
      estimation_id: quote.id,
      status: 'planned',
      manager_id: manager.user.id,
    });
    const order = (await get(`sales-orders/${body.sales_order_id}`)).json();
    expect(order).toMatchObject({
      number: 'SO-000001',
      customer_id: rfq.customer_id,
      project_number: 'PRJ-000001',
      project_id: project.id,
      estimation_id: quote.id,
      lines: quote.lines,
      tax_rate: quote.tax_rate,
      subtotal: '59.97',
      tax_amount: '4.50',
      total: '64.47',
      order_date: new Date().toISOString().slice(0, 10),
    });
    expect((await get(`rfqs/${rfq.id}`)).json().status).toBe('won');
    const rfqHistory = (await get(`rfqs/${rfq.id}/history`)).json();
    expect(rfqHistory.items.map((e: { action: string }) => e.action)).toEqual(['win', 'quote']);
  });

  it('refuses with 409 when the RFQ was cancelled meanwhile, and creates nothing', async () => {
    const { rfq, quote } = await makeSentQuote(t.app, manager.headers);
    const before = [await count('projects'), await count('sales_orders')];
    await act(t.app, manager.headers, 'rfqs', rfq.id, 'cancel');
    const res = await act(t.app, manager.headers, 'estimations', quote.id, 'accept');
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('cancelled');
    expect([await count('projects'), await count('sales_orders')]).toEqual(before);
  });

  it('refuses a quote whose validity has passed, naming the date and what is allowed', async () => {
    const { quote } = await makeSentQuote(t.app, manager.headers);
    await t.app.db.execute(sql`update estimations set valid_until = '2020-01-31' where id = ${quote.id}`);
    const res = await act(t.app, manager.headers, 'estimations', quote.id, 'accept');
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('expired on 2020-01-31; allowed: expire, revise');
  });

  it('lets a portal customer accept its own sent quote, with the same project and order', async () => {
    const portal = await signedIn(t.app, 'customer');
    const { rfq, quote } = await makeSentQuote(t.app, manager.headers, {
      customer_id: portal.user.customer_id,
    });
    const res = await act(t.app, portal.headers, 'estimations', quote.id, 'accept');
    expect(res.statusCode, res.body).toBe(200);
    const project = (await get(`projects/${res.json().project_id}`, portal.headers)).json();
    expect(project).toMatchObject({ customer_id: portal.user.customer_id, manager_id: null, rfq_id: rfq.id });
    const order = await get(`sales-orders/${res.json().sales_order_id}`, portal.headers);
    expect(order.json().total).toBe('64.47');
  });

  it('accepts a standalone quote (no RFQ) and names the project after it', async () => {
    const rfq = await makeRfq(t.app);
    const quote = await createQuote(t.app, manager.headers, {
      customer_id: rfq.customer_id,
      lines: [{ description: 'Audit day', quantity: 1, unit_price: '900' }],
    });
    await act(t.app, manager.headers, 'estimations', quote.id, 'send');
    const res = await act(t.app, manager.headers, 'estimations', quote.id, 'accept');
    const project = (await get(`projects/${res.json().project_id}`)).json();
    expect(project).toMatchObject({ name: `Work quoted in ${quote.number}`, rfq_id: null });
  });
});

describe('revisions', () => {
  it('revise makes revision n+1 as a draft, supersedes the sent one, and keeps every revision readable', async () => {
    const { rfq, quote } = await makeSentQuote(t.app, manager.headers);
    const res = await t.app.inject({
      method: 'POST',
      url: `${url}/${quote.id}/revise`,
      headers: manager.headers,
    });
    expect(res.statusCode, res.body).toBe(201);
    const rev2 = res.json();
    expect(res.headers.location).toBe(`${url}/${rev2.id}`);
    expect(rev2).toMatchObject({
      number: quote.number,
      revision: 2,
      previous_id: quote.id,
      status: 'draft',
      rfq_id: rfq.id,
      lines: quote.lines,
      total: '64.47',
      allowed_actions: ['send'],
    });
    const old = (await get(`estimations/${quote.id}`)).json();
    expect(old).toMatchObject({ status: 'superseded', total: '64.47', allowed_actions: [] });
    const accept = await act(t.app, manager.headers, 'estimations', quote.id, 'accept');
    expect(accept.statusCode).toBe(409);
    expect(accept.json().detail).toContain('superseded');

    const edited = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${rev2.id}`,
      headers: manager.headers,
      payload: { lines: [{ description: 'Colour fastness', quantity: 3, unit_price: '17.50' }] },
    });
    expect(edited.json().total).toBe('56.44'); // 52.50 + 7.5 % (3.9375 → 3.94)
    await act(t.app, manager.headers, 'estimations', rev2.id, 'send');
    const rejected = await act(t.app, manager.headers, 'estimations', rev2.id, 'reject', {
      reason: 'Still high',
    });
    expect(rejected.json().allowed_actions).toEqual(['revise']);
    const rev3 = (
      await t.app.inject({ method: 'POST', url: `${url}/${rev2.id}/revise`, headers: manager.headers })
    ).json();
    expect(rev3.revision).toBe(3);

    const revisions = (await get(`estimations/${rev2.id}/revisions`)).json();
    expect(
      revisions.items.map((r: { revision: number; status: string; total: string }) => [
        r.revision,
        r.status,
        r.total,
      ]),
    ).toEqual([
      [1, 'superseded', '64.47'],
      [2, 'rejected', '56.44'],
      [3, 'draft', '56.44'],
    ]);
    const stale = await t.app.inject({
      method: 'POST',
      url: `${url}/${rev2.id}/revise`,
      headers: manager.headers,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toContain('already has revision 3');
    const fromDraft = await t.app.inject({
      method: 'POST',
      url: `${url}/${rev3.id}/revise`,
      headers: manager.headers,
    });
    expect(fromDraft.statusCode).toBe(409);
    expect(fromDraft.json().detail).toBe(
      'Cannot revise a estimation that is draft; allowed from draft: send',
    );
  });

  it('shows a portal customer the revisions it was sent, never the draft', async () => {
    const portal = await signedIn(t.app, 'customer');
    const { quote } = await makeSentQuote(t.app, manager.headers, { customer_id: portal.user.customer_id });
    const rev2 = (
      await t.app.inject({ method: 'POST', url: `${url}/${quote.id}/revise`, headers: manager.headers })
    ).json();
    const seen = (await get(`estimations/${quote.id}/revisions`, portal.headers)).json();
    expect(seen.items.map((r: { revision: number }) => r.revision)).toEqual([1]);
    expect((await get(`estimations/${rev2.id}`, portal.headers)).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'POST', url: `${url}/${quote.id}/revise`, headers: portal.headers }))
        .statusCode,
    ).toBe(403);
  });

  it('honours If-Match on revise (412 when stale)', async () => {
    const { quote } = await makeSentQuote(t.app, manager.headers);
    const res = await t.app.inject({
      method: 'POST',
      url: `${url}/${quote.id}/revise`,
      headers: { ...manager.headers, 'if-match': '"1"' },
    });
    expect(res.statusCode).toBe(412);
  });
});
