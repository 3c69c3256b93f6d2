import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { entityColumns } from './columns.ts';
import { customers } from './customers.ts';

export const RFQ_STATUSES = ['received', 'under_review', 'quoted', 'won', 'lost', 'cancelled'] as const;
export type RfqStatus = (typeof RFQ_STATUSES)[number];

/** A customer's request for quotation. */
export const rfqs = pgTable(
  'rfqs',
  {
    ...entityColumns(),
    number: text('number').notNull(),
    customer_id: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    title: text('title').notNull(),
    product_description: text('product_description'),
    requested_tests: text('requested_tests'),
    requested_method_ids: uuid('requested_method_ids').array().notNull().default(sql`'{}'::uuid[]`),
    quantity: integer('quantity'),
    received_date: date('received_date', { mode: 'string' }).notNull(),
    due_date: date('due_date', { mode: 'string' }),
    status: text('status').$type<RfqStatus>().notNull().default('received'),
    notes: text('notes'),
    /** why it was lost or cancelled (the reason sent with `lose` / `cancel`) */
    status_reason: text('status_reason'),
    created_by: uuid('created_by'),
  },
  (t) => [
    uniqueIndex('rfqs_number_key').on(t.number),
    index('rfqs_customer_idx').on(t.customer_id, t.created_at),
    index('rfqs_status_idx').on(t.status),
    index('rfqs_created_at_idx').on(t.created_at, t.id),
    index('rfqs_due_date_idx').on(t.due_date),
  ],
);
