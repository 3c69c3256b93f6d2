import { boolean, date, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { entityColumns } from './columns.ts';
import { customers } from './customers.ts';
import { projects } from './projects.ts';

export interface TrfApplicant {
  name: string;
  company?: string | null;
  address?: string | null;
  email?: string | null;
  phone?: string | null;
}

/** One item the customer sends for testing, with what to test it for. */
export interface TrfItem {
  item_no: number;
  description: string;
  composition?: string | null;
  colour?: string | null;
  quantity?: number | null;
  end_use?: string | null;
  method_ids: string[];
  specification_ids: string[];
}

export const TRF_STATUSES = ['submitted', 'accepted', 'returned'] as const;
export type TrfStatus = (typeof TRF_STATUSES)[number];

/** Test request form: the customer's signed instructions for a project. */
export const trfs = pgTable(
  'trfs',
  {
    ...entityColumns(),
    number: text('number').notNull(),
    project_id: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    customer_id: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    applicant: jsonb('applicant').$type<TrfApplicant>().notNull(),
    items: jsonb('items').$type<TrfItem[]>().notNull().default([]),
    special_instructions: text('special_instructions'),
    declaration_accepted: boolean('declaration_accepted').notNull().default(false),
    signature_name: text('signature_name'),
    signature_date: date('signature_date', { mode: 'string' }),
    status: text('status').$type<TrfStatus>().notNull().default('submitted'),
    review_note: text('review_note'),
    reviewed_by: uuid('reviewed_by'),
    submitted_by: uuid('submitted_by'),
  },
  (t) => [
    uniqueIndex('trfs_number_key').on(t.number),
    index('trfs_project_idx').on(t.project_id),
    index('trfs_customer_idx').on(t.customer_id, t.created_at),
    index('trfs_status_idx').on(t.status),
    index('trfs_created_at_idx').on(t.created_at, t.id),
  ],
);
