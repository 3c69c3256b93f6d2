import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.ts';
import { login } from '../../../../test/factories/index.ts';
import { priceLines } from '../../../lib/money.ts';
import { estimations, projects, rfqs, salesOrders } from '../../schema/index.ts';
import { loadDemoData } from '../demo.ts';
import { DEMO_PASSWORD } from './users.ts';

/** The demo's commercial year: every state present, links consistent, money exact, loaded once. */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoData(t.app.db, t.app.passwords);
  await loadDemoData(t.app.db, t.app.passwords);
});
afterAll(async () => t?.close());

describe('demo commercial data', () => {
  it('has RFQs in every state and quotes in every state, with revisions', async () => {
    const allRfqs = await t.app.db.select().from(rfqs);
    expect(new Set(allRfqs.map((r) => r.status))).toEqual(
      new Set(['received', 'under_review', 'quoted', 'won', 'lost', 'cancelled']),
    );
    expect(allRfqs.map((r) => r.number).sort()).toEqual(
      allRfqs.map((_, i) => `RFQ-${String(i + 1).padStart(6, '0')}`),
    );
    const quotes = await t.app.db.select().from(estimations);
    expect(new Set(quotes.map((q) => q.status))).toEqual(
      new Set(['draft', 'sent', 'accepted', 'rejected', 'expired', 'superseded']),
    );
    expect(Math.max(...quotes.map((q) => q.revision))).toBe(3);
    for (const q of quotes) {
      const priced = priceLines(q.lines, q.tax_rate);
      expect([priced.subtotal, priced.tax_amount, priced.total], q.number).toEqual([
        q.subtotal,
        q.tax_amount,
        q.total,
      ]);
    }
  });

  it('gives every accepted quote its project and sales order with the same totals', async () => {
    const accepted = (await t.app.db.select().from(estimations)).filter((q) => q.status === 'accepted');
    const allProjects = await t.app.db.select().from(projects);
    const orders = await t.app.db.select().from(salesOrders);
    expect(accepted.length).toBe(allProjects.length);
    expect(new Set(allProjects.map((p) => p.status))).toEqual(
      new Set(['planned', 'active', 'on_hold', 'completed', 'cancelled']),
    );
    for (const q of accepted) {
      const project = allProjects.find((p) => p.id === q.project_id);
      const order = orders.find((o) => o.id === q.sales_order_id);
      expect(project?.estimation_id, q.number).toBe(q.id);
      expect(order).toMatchObject({ project_id: project?.id, total: q.total, customer_id: q.customer_id });
    }
  });

  it('shows the portal user a quote it can accept', async () => {
    const portal = await login(t.app, 'portal@nordicthreads.example', DEMO_PASSWORD);
    const res = await t.app.inject({ url: '/api/v1/estimations?status=sent', headers: portal.headers });
    expect(res.json().items[0].allowed_actions).toEqual(['accept', 'reject']);
    const mine = await t.app.inject({ url: '/api/v1/projects', headers: portal.headers });
    expect(mine.json().total).toBeGreaterThan(2);
  });
});
