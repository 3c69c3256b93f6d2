import {
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { entityColumns } from './columns.ts';
import { customers } from './customers.ts';
import { rfqs } from './rfqs.ts';

/** A priced line: a catalogue method or a free item. Money as exact decimal strings. */
export interface PricedLine {
  method_id?: string | null;
  description: string;
  quantity: string;
  unit_price: string;
  discount_pct: string;
  /** quantity × unit price × (1 − discount), rounded half-up to cents, computed by the server */
  line_total: string;
}

/** `superseded`: a sent quote that was revised; the customer can no longer accept its prices. */
export const ESTIMATION_STATUSES = [
  'draft',
  'sent',
  'accepted',
  'rejected',
  'expired',
  'superseded',
] as const;
export type EstimationStatus = (typeof ESTIMATION_STATUSES)[number];

/** A quote for an RFQ. A revision is a new row; the earlier one stays readable (`previous_id`). */
export const estimations = pgTable(
  'estimations',
  {
    ...entityColumns(),
    number: text('number').notNull(),
    revision: integer('revision').notNull().default(1),
    previous_id: uuid('previous_id'),
    rfq_id: uuid('rfq_id').references(() => rfqs.id),
    customer_id: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    title: text('title'),
    lines: jsonb('lines').$type<PricedLine[]>().notNull().default([]),
    currency: text('currency').notNull().default('USD'),
    tax_rate: numeric('tax_rate', { precision: 6, scale: 3 }).notNull().default('0'),
    subtotal: numeric('subtotal', { precision: 16, scale: 2 }).notNull().default('0'),
    tax_amount: numeric('tax_amount', { precision: 16, scale: 2 }).notNull().default('0'),
    total: numeric('total', { precision: 16, scale: 2 }).notNull().default('0'),
    valid_until: date('valid_until', { mode: 'string' }),
    status: text('status').$type<EstimationStatus>().notNull().default('draft'),
    notes: text('notes'),
    sent_at: timestamp('sent_at', { withTimezone: true, precision: 3 }),
    decided_at: timestamp('decided_at', { withTimezone: true, precision: 3 }),
    decided_by: uuid('decided_by'),
    /** the reason given with `reject` */
    decision_reason: text('decision_reason'),
    project_id: uuid('project_id'),
    sales_order_id: uuid('sales_order_id'),
    created_by: uuid('created_by'),
  },
  (t) => [
    uniqueIndex('estimations_number_revision_key').on(t.number, t.revision),
    index('estimations_rfq_idx').on(t.rfq_id),
    index('estimations_customer_idx').on(t.customer_id, t.created_at),
    index('estimations_status_idx').on(t.status),
    index('estimations_created_at_idx').on(t.created_at, t.id),
  ],
);
