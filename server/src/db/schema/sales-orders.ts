import { sql } from 'drizzle-orm';
import { date, index, jsonb, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { entityColumns } from './columns.ts';
import { customers } from './customers.ts';
import type { PricedLine } from './estimations.ts';

export const SALES_ORDER_STATUSES = [
  'open',
  'confirmed',
  'in_progress',
  'delivered',
  'closed',
  'cancelled',
] as const;
export type SalesOrderStatus = (typeof SALES_ORDER_STATUSES)[number];
export const INVOICING_STATUSES = ['not_invoiced', 'invoiced', 'paid'] as const;
export type InvoicingStatus = (typeof INVOICING_STATUSES)[number];

/** What the customer ordered: created when a quote is accepted (lines copied), or by hand. */
export const salesOrders = pgTable(
  'sales_orders',
  {
    ...entityColumns(),
    number: text('number').notNull(),
    customer_id: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    project_id: uuid('project_id'),
    estimation_id: uuid('estimation_id'),
    lines: jsonb('lines').$type<PricedLine[]>().notNull().default([]),
    currency: text('currency').notNull().default('USD'),
    tax_rate: numeric('tax_rate', { precision: 6, scale: 3 }).notNull().default('0'),
    subtotal: numeric('subtotal', { precision: 16, scale: 2 }).notNull().default('0'),
    tax_amount: numeric('tax_amount', { precision: 16, scale: 2 }).notNull().default('0'),
    total: numeric('total', { precision: 16, scale: 2 }).notNull().default('0'),
    order_date: date('order_date', { mode: 'string' }).notNull(),
    status: text('status').$type<SalesOrderStatus>().notNull().default('open'),
    invoicing_status: text('invoicing_status').$type<InvoicingStatus>().notNull().default('not_invoiced'),
    /** set by the `invoice` action: the accounting system's invoice number and date */
    invoice_number: text('invoice_number'),
    invoice_date: date('invoice_date', { mode: 'string' }),
    /** set by `mark-paid` */
    paid_date: date('paid_date', { mode: 'string' }),
    /** the reason given with `cancel` */
    status_reason: text('status_reason'),
    notes: text('notes'),
  },
  (t) => [
    uniqueIndex('sales_orders_number_key').on(t.number),
    index('sales_orders_customer_idx').on(t.customer_id, t.created_at),
    index('sales_orders_created_at_idx').on(t.created_at, t.id),
    index('sales_orders_status_idx').on(t.status),
    index('sales_orders_project_idx').on(t.project_id),
    uniqueIndex('sales_orders_invoice_number_key')
      .on(t.invoice_number)
      .where(sql`${t.invoice_number} is not null`),
    index('sales_orders_invoice_date_idx').on(t.invoice_date, t.id),
    index('sales_orders_invoicing_status_idx').on(t.invoicing_status),
  ],
);
