import { type Column, eq, type SQL, sql } from 'drizzle-orm';
import type { CurrentUser } from '../types.ts';

/**
 * Row-level scoping for records that belong to a customer: a `customer` user sees only its own
 * customer's rows (and a missing binding sees nothing); staff see all. Pass the result as a
 * resource's `scope`.
 */
export const ownCustomer =
  (customerIdColumn: Column) =>
  (user: CurrentUser): SQL | undefined =>
    user.role === 'customer' ? eq(customerIdColumn, user.customerId ?? sql`null`) : undefined;
