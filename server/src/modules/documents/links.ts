import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { invalidField } from '../../lib/errors.ts';

/**
 * The records a document can be attached to: entity_type → table. Tables are looked up by name at
 * run time, so a module whose table arrives later (reports, certifications) is linkable as soon as
 * its migration exists, without this module importing it. Its `customer_id` column, when it has
 * one, is copied onto the link: that is what lets a portal customer see the document.
 */
export const LINK_TARGETS: Record<string, string> = {
  customer: 'customers',
  project: 'projects',
  sample: 'samples',
  trf: 'trfs',
  rfq: 'rfqs',
  estimation: 'estimations',
  sales_order: 'sales_orders',
  test_plan: 'test_plans',
  test_execution: 'test_executions',
  test_result: 'test_results',
  ncr: 'ncrs',
  audit: 'audits',
  equipment: 'equipment',
  calibration: 'calibration_records',
  certification: 'certifications',
  report: 'reports',
  purchase_order: 'purchase_orders',
  supplier: 'suppliers',
  work_order: 'work_orders',
  task: 'tasks',
  method: 'methods',
  specification: 'specifications',
};

export const LINK_ENTITY_TYPES = Object.keys(LINK_TARGETS);

/** Which columns a target table has; asked once per table and process (migrations run at boot). */
const shapes = new Map<string, Promise<{ exists: boolean; hasCustomer: boolean }>>();

async function tableShape(db: Db, table: string) {
  let shape = shapes.get(table);
  if (!shape) {
    shape = (async () => {
      const result = (await db.execute(
        sql`select column_name from information_schema.columns
            where table_schema = current_schema() and table_name = ${table}
              and column_name in ('id', 'customer_id')`,
      )) as unknown as { rows: { column_name: string }[] };
      const names = new Set(result.rows.map((r) => r.column_name));
      return { exists: names.has('id'), hasCustomer: names.has('customer_id') };
    })();
    shapes.set(table, shape);
    // a missing table may appear after a migration: do not remember that answer
    shape.then((s) => !s.exists && shapes.delete(table)).catch(() => shapes.delete(table));
  }
  return shape;
}

/**
 * Checks that the record exists and returns its customer (null for records that belong to no
 * customer, such as equipment). 422 naming the field otherwise.
 */
export async function resolveLinkTarget(
  db: Db,
  entityType: string,
  entityId: string,
): Promise<{ customerId: string | null }> {
  const table = LINK_TARGETS[entityType];
  if (!table) {
    throw invalidField('entity_type', `must be one of ${LINK_ENTITY_TYPES.join(', ')}`);
  }
  const shape = await tableShape(db, table);
  if (!shape.exists) throw invalidField('entity_type', `${entityType} records are not available here`);
  const customerColumn =
    entityType === 'customer' ? sql`id` : shape.hasCustomer ? sql`customer_id` : sql`null`;
  const result = (await db.execute(
    sql`select ${customerColumn}::text as customer_id from ${sql.identifier(table)} where id = ${entityId} limit 1`,
  )) as unknown as { rows: { customer_id: string | null }[] };
  const row = result.rows[0];
  if (!row) throw invalidField('entity_id', `no ${entityType.replace(/_/g, ' ')} ${entityId}`);
  return { customerId: row.customer_id ?? null };
}
