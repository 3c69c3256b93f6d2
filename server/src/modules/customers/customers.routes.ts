import { eq, sql } from 'drizzle-orm';
import { customers } from '../../db/schema/index.ts';
import { registerResource } from '../../lib/resource.ts';
import { MANAGERS, STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import {
  CUSTOMER_CSV_COLUMNS,
  CustomerCreate,
  CustomerPublic,
  CustomerUpdate,
  customerListSpec,
} from './customers.schemas.ts';

/**
 * Customers: the first complete resource and the template the others copy. Staff read them,
 * managers and admins change them, and a `customer` user sees only the customer it is bound to.
 */
export default async function customersRoutes(app: App) {
  registerResource(app, {
    name: 'customer',
    path: 'customers',
    tag: 'customers',
    table: customers,
    schemas: { public: CustomerPublic, create: CustomerCreate, update: CustomerUpdate },
    list: customerListSpec,
    csvColumns: CUSTOMER_CSV_COLUMNS,
    roles: { read: [...STAFF, 'customer'], write: MANAGERS },
    scope: (user) => (user.role === 'customer' ? eq(customers.id, user.customerId ?? sql`null`) : undefined),
    toInsert: (_tx, body) => ({ ...body, email: String(body.email).trim() }),
  });
}
