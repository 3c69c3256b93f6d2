import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { customers, methods, users } from '../../db/schema/index.ts';
import { conflict, invalidField } from '../../lib/errors.ts';

/**
 * Checks on the records a commercial document points at (customer, catalogue methods, manager),
 * shared by RFQs, quotes, projects and sales orders. A reference that does not exist is the
 * caller's 422 naming the field (never a foreign-key 409 or a 500); an archived customer is a 409,
 * as API.md says for a referenced record that is archived.
 */

export { today } from '../../lib/dates.ts';

export async function requireCustomer(tx: Db, id: unknown, field = 'customer_id') {
  if (typeof id !== 'string') throw invalidField(field, 'is required');
  const [row] = await tx
    .select({ id: customers.id, archived_at: customers.archived_at })
    .from(customers)
    .where(eq(customers.id, id));
  if (!row) throw invalidField(field, `customer ${id} does not exist`);
  if (row.archived_at) throw conflict(`Customer ${id} is archived; restore it first`);
  return row;
}

/** Active, unarchived catalogue methods by id; any other id is a 422 naming `field`. */
export async function requireActiveMethods(tx: Db, ids: readonly string[], field: string) {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map<string, typeof methods.$inferSelect>();
  const rows = await tx
    .select()
    .from(methods)
    .where(and(inArray(methods.id, unique), eq(methods.is_active, true), isNull(methods.archived_at)));
  const found = new Map(rows.map((m) => [m.id, m]));
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length) throw invalidField(field, `not an active method: ${missing.join(', ')}`);
  return found;
}

/** A project manager must be an active manager or admin. */
export async function requireManager(tx: Db, id: unknown, field = 'manager_id') {
  if (id === null || id === undefined) return;
  const [row] = await tx
    .select({ role: users.role })
    .from(users)
    .where(and(eq(users.id, String(id)), eq(users.is_active, true), isNull(users.archived_at)));
  if (!row || (row.role !== 'manager' && row.role !== 'admin')) {
    throw invalidField(field, 'must be an active manager or admin');
  }
}

/** `later` may not be before `earlier` (both YYYY-MM-DD, so text order is date order). */
export function notBefore(earlier: unknown, later: unknown, field: string, earlierName: string) {
  if (typeof earlier === 'string' && typeof later === 'string' && later < earlier) {
    throw invalidField(field, `must not be before ${earlierName} (${earlier})`);
  }
}
