import { inArray } from 'drizzle-orm';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import { purchaseOrders, suppliers } from '../../db/schema/index.ts';
import { allowedActions } from '../../lib/actions.ts';
import { etag, expectedVersion } from '../../lib/concurrency.ts';
import { findVisible, type Row } from '../../lib/crud.ts';
import { registerResource } from '../../lib/resource.ts';
import { IdempotencyHeaders, IdParams, IfMatchHeaders } from '../../lib/schemas.ts';
import { MANAGERS, STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { listReceipts, purchaseOrderRef, receiveGoods } from './purchase-orders.receipts.ts';
import {
  PURCHASE_ORDER_CSV_COLUMNS,
  PurchaseOrderCreate,
  PurchaseOrderPublic,
  PurchaseOrderUpdate,
  purchaseOrderListSpec,
  ReceiptCreate,
  ReceiptPublic,
} from './purchase-orders.schemas.ts';
import {
  purchaseOrderMachine,
  purchaseOrderToInsert,
  purchaseOrderToPatch,
} from './purchase-orders.service.ts';

/** The supplier's name and approval status for a page of orders: one query. */
async function expandPurchaseOrders(db: Db, rows: Row[]): Promise<Row[]> {
  const ids = [...new Set(rows.map((r) => String(r.supplier_id)))];
  const found = await db
    .select({ id: suppliers.id, name: suppliers.name, status: suppliers.approval_status })
    .from(suppliers)
    .where(inArray(suppliers.id, ids));
  const byId = new Map(found.map((s) => [s.id, s]));
  return rows.map((r) => ({
    ...r,
    supplier_name: byId.get(String(r.supplier_id))?.name ?? '',
    supplier_approval_status: byId.get(String(r.supplier_id))?.status ?? '',
  }));
}

/**
 * /purchase-orders (PO-000001): what the lab buys, from approved suppliers. Staff read, managers
 * write, approve and receive. Rules in purchase-orders.service.ts, receiving in .receipts.ts.
 */
export default async function purchaseOrdersRoutes(app: App) {
  const Public = Type.Object(
    {
      ...PurchaseOrderPublic.properties,
      allowed_actions: Type.Array(Type.String(), { description: 'Actions the caller may take now' }),
    },
    { title: 'PurchaseOrder' },
  );
  registerResource(app, {
    name: 'purchase_order',
    path: 'purchase-orders',
    tag: 'purchase-orders',
    table: purchaseOrders,
    schemas: { public: PurchaseOrderPublic, create: PurchaseOrderCreate, update: PurchaseOrderUpdate },
    list: purchaseOrderListSpec,
    csvColumns: PURCHASE_ORDER_CSV_COLUMNS,
    roles: { read: STAFF, write: MANAGERS },
    numbering: { prefix: 'PO', column: 'number' },
    toInsert: purchaseOrderToInsert,
    toPatch: purchaseOrderToPatch,
    expand: expandPurchaseOrders,
    machine: purchaseOrderMachine,
  });

  app.post(
    '/api/v1/purchase-orders/:id/receipts',
    {
      config: { roles: MANAGERS, idempotent: true },
      schema: {
        operationId: 'purchase-orders-receive',
        tags: ['purchase-orders'],
        summary: 'Record goods received per line (from ordered or partially_received)',
        description:
          'Adds each quantity to its line; the order becomes partially_received, or received when ' +
          'every line is complete. Receiving more than is outstanding on a line is 422 naming it.',
        params: IdParams,
        headers: Type.Intersect([IfMatchHeaders, IdempotencyHeaders]),
        body: ReceiptCreate,
        response: { 200: Public },
      },
    },
    async (req, reply) => {
      const expected = expectedVersion(req.headers['if-match'], req.body.version);
      const row = await app.db.transaction((tx) =>
        receiveGoods(tx, req, req.params.id, req.body.lines, expected),
      );
      const [full] = await expandPurchaseOrders(app.db, [row]);
      reply.header('etag', etag(row.version));
      return { ...full, allowed_actions: allowedActions(purchaseOrderMachine, row, req.user) } as never;
    },
  );

  app.get(
    '/api/v1/purchase-orders/:id/receipts',
    {
      config: { roles: STAFF },
      schema: {
        operationId: 'purchase-orders-receipts',
        tags: ['purchase-orders'],
        summary: 'Goods received against this order, oldest first',
        params: IdParams,
        response: {
          200: Type.Object({ items: Type.Array(ReceiptPublic) }, { title: 'PurchaseOrderReceipts' }),
        },
      },
    },
    async (req) => {
      await findVisible(app.db, purchaseOrderRef, req.params.id);
      return { items: await listReceipts(app.db, req.params.id) };
    },
  );
}
