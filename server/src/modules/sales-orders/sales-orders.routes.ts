import { salesOrders } from '../../db/schema/index.ts';
import { registerResource } from '../../lib/resource.ts';
import { ownCustomer } from '../../lib/scoping.ts';
import { MANAGERS, STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { expandLinks } from '../commercial/expand.ts';
import { registerInvoiceLines } from './sales-orders.invoice-lines.ts';
import { salesOrderMachine } from './sales-orders.machine.ts';
import {
  SALES_ORDER_CSV_COLUMNS,
  SalesOrderCreate,
  SalesOrderPublic,
  SalesOrderUpdate,
  salesOrderListSpec,
} from './sales-orders.schemas.ts';
import { salesOrderToInsert, salesOrderToPatch } from './sales-orders.service.ts';

/**
 * /sales-orders: what customers ordered. Staff read, managers write and run the delivery and
 * invoicing actions, a customer reads its own. /sales-orders/invoice-lines feeds accounting.
 */
export default async function salesOrdersRoutes(app: App) {
  registerResource(app, {
    name: 'sales_order',
    path: 'sales-orders',
    tag: 'sales-orders',
    table: salesOrders,
    schemas: { public: SalesOrderPublic, create: SalesOrderCreate, update: SalesOrderUpdate },
    list: salesOrderListSpec,
    csvColumns: SALES_ORDER_CSV_COLUMNS,
    roles: { read: [...STAFF, 'customer'], write: MANAGERS },
    scope: ownCustomer(salesOrders.customer_id),
    numbering: { prefix: 'SO', column: 'number' },
    toInsert: salesOrderToInsert,
    toPatch: salesOrderToPatch,
    expand: expandLinks({ customer: true, project: true }),
    machine: salesOrderMachine,
  });
  registerInvoiceLines(app);
}
