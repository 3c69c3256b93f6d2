import { samples, suppliers, testExecutions, testPlans } from '../../src/db/schema/index.ts';
import type { App } from '../../src/types.ts';
import { makeMethod } from './catalogue.ts';
import { uniq } from './index.ts';

/**
 * Operations factories: suppliers straight into the table (in the approval state a test needs),
 * purchase orders through the API (their pricing and numbering are what is tested), and test
 * executions of given statuses for work-order progress.
 */
type Headers = Record<string, string>;

export async function makeSupplier(app: App, overrides: Partial<typeof suppliers.$inferInsert> = {}) {
  const [row] = await app.db
    .insert(suppliers)
    .values({
      name: `Supplier ${uniq()}`,
      category: 'consumables',
      approval_status: 'approved',
      ...overrides,
    })
    .returning();
  return row;
}

/** 3 × 19.99 grey-scale sets at 7.5 % tax (64.47) and 2 × 5.00 strips, unless `body` says otherwise. */
export const poBody = (supplierId: string, body: Record<string, unknown> = {}) => ({
  supplier_id: supplierId,
  tax_rate: '7.5',
  order_date: '2026-03-02',
  due_date: '2026-03-20',
  lines: [
    {
      item_code: 'GS-105',
      description: 'Grey scale for staining',
      quantity: 3,
      unit: 'set',
      unit_price: '19.99',
    },
  ],
  ...body,
});

export async function createPurchaseOrder(app: App, headers: Headers, body: Record<string, unknown>) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/purchase-orders', headers, payload: body });
  if (res.statusCode !== 201) throw new Error(`purchase order create failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Test executions of `statuses` on a project (one plan, one sample each), straight into the tables. */
export async function makeExecutions(
  app: App,
  project: { id: string; customer_id: string },
  statuses: ('pending' | 'in_progress' | 'completed' | 'aborted')[],
) {
  const method = await makeMethod(app);
  const tag = uniq();
  const base = { project_id: project.id, customer_id: project.customer_id };
  const sampleRows = await app.db
    .insert(samples)
    .values(
      statuses.map((_, i) => ({
        ...base,
        number: `SMP-W${tag}-${i}`,
        description: `Swatch ${i}`,
        received_date: '2026-02-01',
      })),
    )
    .returning();
  const [plan] = await app.db
    .insert(testPlans)
    .values({ ...base, method_id: method.id, name: 'Pilling', sample_ids: sampleRows.map((s) => s.id) })
    .returning();
  return app.db
    .insert(testExecutions)
    .values(
      statuses.map((status, i) => ({
        ...base,
        plan_id: plan.id,
        sample_id: sampleRows[i].id,
        method_id: method.id,
        status,
      })),
    )
    .returning();
}
