import { date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { v7 as uuidv7 } from 'uuid';
import { entityColumns, ts } from './columns.ts';
import { customers } from './customers.ts';
import { projects } from './projects.ts';

export const SAMPLE_CONDITIONS = ['ok', 'damaged', 'insufficient', 'contaminated', 'wet', 'other'] as const;
export const SAMPLE_STATUSES = ['received', 'in_test', 'tested', 'retained', 'disposed', 'returned'] as const;
export type SampleStatus = (typeof SAMPLE_STATUSES)[number];

/** A physical item received for testing; sub-samples (partitions) keep `parent_id`. */
export const samples = pgTable(
  'samples',
  {
    ...entityColumns(),
    number: text('number').notNull(),
    project_id: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    /** denormalised from the project so customer scoping is one indexed condition */
    customer_id: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    trf_id: uuid('trf_id'),
    trf_item_no: integer('trf_item_no'),
    parent_id: uuid('parent_id'),
    description: text('description').notNull(),
    received_date: date('received_date', { mode: 'string' }).notNull(),
    received_by: uuid('received_by'),
    condition: text('condition').$type<(typeof SAMPLE_CONDITIONS)[number]>().notNull().default('ok'),
    condition_notes: text('condition_notes'),
    storage_location: text('storage_location'),
    retention_until: date('retention_until', { mode: 'string' }),
    status: text('status').$type<SampleStatus>().notNull().default('received'),
  },
  (t) => [
    uniqueIndex('samples_number_key').on(t.number),
    index('samples_project_idx').on(t.project_id, t.number),
    index('samples_customer_idx').on(t.customer_id, t.created_at),
    index('samples_parent_idx').on(t.parent_id),
    index('samples_status_idx').on(t.status),
    index('samples_created_at_idx').on(t.created_at, t.id),
    // samples of a TRF (list filter, and the TRF's check that edited items keep their samples)
    index('samples_trf_idx').on(t.trf_id, t.trf_item_no),
    // received_date range filter and sort
    index('samples_received_date_idx').on(t.received_date, t.id),
  ],
);

/** Chain of custody: who handed what to whom and when. Append-only (trigger in the migration). */
export const sampleCustody = pgTable(
  'sample_custody',
  {
    id: uuid('id')
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    sample_id: uuid('sample_id')
      .notNull()
      .references(() => samples.id),
    at: ts('at').notNull().defaultNow(),
    action: text('action').notNull(),
    from_party: text('from_party'),
    to_party: text('to_party'),
    location: text('location'),
    notes: text('notes'),
    recorded_by: uuid('recorded_by'),
  },
  (t) => [index('sample_custody_sample_idx').on(t.sample_id, t.at)],
);
