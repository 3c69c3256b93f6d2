import { date, index, jsonb, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { entityColumns, ts } from './columns.ts';
import { suppliers } from './suppliers.ts';

export const PURCHASE_ORDER_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'ordered',
  'partially_received',
  'received',
  'closed',
  'cancelled',
] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

/** One ordered item. `id` is stable across edits so receipts can point at it. */
export interface PurchaseOrderLine {
  id: string;
  item_code: string | null;
  description: string;
  quantity: string;
  unit: string | null;
  unit_price: string;
  /** quantity × unit price, rounded half-up to cents by the server */
  line_total: string;
  /** sum of this line's receipts */
  received_quantity: string;
}

export const purchaseOrders = pgTable(
  'purchase_orders',
  {
    ...entityColumns(),
    number: text('number').notNull(),
    supplier_id: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    lines: jsonb('lines').$type<PurchaseOrderLine[]>().notNull().default([]),
    currency: text('currency').notNull().default('USD'),
    tax_rate: numeric('tax_rate', { precision: 6, scale: 3 }).notNull().default('0'),
    subtotal: numeric('subtotal', { precision: 16, scale: 2 }).notNull().default('0'),
    tax_amount: numeric('tax_amount', { precision: 16, scale: 2 }).notNull().default('0'),
    total: numeric('total', { precision: 16, scale: 2 }).notNull().default('0'),
    order_date: date('order_date', { mode: 'string' }).notNull(),
    due_date: date('due_date', { mode: 'string' }),
    status: text('status').$type<PurchaseOrderStatus>().notNull().default('draft'),
    submitted_by: uuid('submitted_by'),
    submitted_at: ts('submitted_at'),
    approved_by: uuid('approved_by'),
    approved_at: ts('approved_at'),
    ordered_at: ts('ordered_at'),
    received_at: ts('received_at'),
    /** the reason given with `cancel` or `return` */
    status_reason: text('status_reason'),
    notes: text('notes'),
  },
  (t) => [
    uniqueIndex('purchase_orders_number_key').on(t.number),
    index('purchase_orders_supplier_idx').on(t.supplier_id, t.created_at),
    index('purchase_orders_created_at_idx').on(t.created_at, t.id),
    index('purchase_orders_updated_at_idx').on(t.updated_at, t.id),
    index('purchase_orders_number_idx').on(t.number, t.id),
    index('purchase_orders_status_idx').on(t.status),
    index('purchase_orders_due_date_idx').on(t.due_date),
    index('purchase_orders_order_date_idx').on(t.order_date, t.id),
  ],
);

/** Goods received against a line: append-only, the line's received_quantity is their sum. */
export const purchaseOrderReceipts = pgTable(
  'purchase_order_receipts',
  {
    ...entityColumns(),
    purchase_order_id: uuid('purchase_order_id')
      .notNull()
      .references(() => purchaseOrders.id),
    line_id: text('line_id').notNull(),
    quantity: numeric('quantity', { precision: 16, scale: 4 }).notNull(),
    note: text('note'),
    received_by: uuid('received_by'),
  },
  (t) => [index('purchase_order_receipts_po_idx').on(t.purchase_order_id, t.created_at)],
);
