import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.ts';
import { login } from '../../../../test/factories/index.ts';
import { Decimal } from '../../../lib/money.ts';
import {
  purchaseOrderReceipts,
  purchaseOrders,
  salesOrders,
  suppliers,
  workOrders,
} from '../../schema/index.ts';
import { loadDemoData } from '../demo.ts';
import { DEMO_PASSWORD } from './users.ts';

/** The demo's operations: suppliers in every approval state, POs in every state, invoicing, work orders. */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoData(t.app.db, t.app.passwords);
  await loadDemoData(t.app.db, t.app.passwords);
});
afterAll(async () => t?.close());

describe('demo operations data', () => {
  it('has suppliers in every approval state and POs in every state, numbered without gaps', async () => {
    const all = await t.app.db.select().from(suppliers);
    expect(new Set(all.map((s) => s.approval_status))).toEqual(
      new Set(['pending', 'approved', 'conditional', 'rejected']),
    );
    const pos = await t.app.db.select().from(purchaseOrders);
    expect(new Set(pos.map((p) => p.status))).toEqual(
      new Set([
        'draft',
        'submitted',
        'approved',
        'ordered',
        'partially_received',
        'received',
        'closed',
        'cancelled',
      ]),
    );
    expect(pos.map((p) => p.number).sort()).toEqual(
      pos.map((_, i) => `PO-${String(i + 1).padStart(6, '0')}`),
    );
    for (const po of pos) {
      const subtotal = po.lines.reduce((sum, l) => sum.plus(l.line_total), new Decimal(0));
      expect(subtotal.toFixed(2)).toBe(po.subtotal);
      expect(new Decimal(po.subtotal).plus(po.tax_amount).toFixed(2)).toBe(po.total);
    }
  });

  it('keeps receipts and received quantities consistent', async () => {
    const receipts = await t.app.db.select().from(purchaseOrderReceipts);
    const pos = await t.app.db.select().from(purchaseOrders);
    for (const po of pos) {
      for (const line of po.lines) {
        const sum = receipts
          .filter((r) => r.purchase_order_id === po.id && r.line_id === line.id)
          .reduce((s, r) => s.plus(r.quantity), new Decimal(0));
        expect(sum.eq(line.received_quantity)).toBe(true);
      }
    }
  });

  it('invoices older sales orders and opens work orders the API serves', async () => {
    const orders = await t.app.db.select().from(salesOrders);
    const invoiced = orders.filter((o) => o.invoicing_status !== 'not_invoiced');
    expect(invoiced.length).toBeGreaterThan(0);
    expect(invoiced.every((o) => o.invoice_number && o.invoice_date)).toBe(true);
    expect(orders.some((o) => o.invoicing_status === 'paid')).toBe(true);
    const wos = await t.app.db.select().from(workOrders);
    expect(new Set(wos.map((w) => w.status))).toEqual(new Set(['open', 'in_progress', 'on_hold', 'done']));
    const manager = await login(t.app, 'manager@demo.labline.local', DEMO_PASSWORD);
    const list = await t.app.inject({ url: '/api/v1/work-orders?limit=100', headers: manager.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(wos.length);
    const lines = await t.app.inject({
      url: '/api/v1/sales-orders/invoice-lines?format=csv',
      headers: manager.headers,
    });
    expect(lines.body.trim().split('\n').length).toBeGreaterThan(invoiced.length);
  });
});
