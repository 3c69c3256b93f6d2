import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { entityColumns } from './columns.ts';

/**
 * One limit of a specification, for one parameter (optionally of one method): a numeric range
 * (min/max, either may be open) with an optional warning band inside it, or an expected text value.
 * Numbers are kept as decimal strings so "3.50" stays exactly that.
 */
export interface SpecLimit {
  parameter: string;
  method_id?: string | null;
  unit?: string | null;
  min?: string | null;
  max?: string | null;
  warn_min?: string | null;
  warn_max?: string | null;
  expected_text?: string | null;
}

/** Named limit sets (a buyer protocol, a regulation, a grade), revised as new rows. */
export const specifications = pgTable(
  'specifications',
  {
    ...entityColumns(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    source: text('source'),
    revision: integer('revision').notNull().default(1),
    /** the revision this one replaces; the old one stays readable */
    previous_id: uuid('previous_id'),
    status: text('status').$type<'active' | 'superseded'>().notNull().default('active'),
    limits: jsonb('limits').$type<SpecLimit[]>().notNull().default([]),
  },
  (t) => [
    uniqueIndex('specifications_code_revision_key').on(sql`lower(${t.code})`, t.revision),
    index('specifications_created_at_idx').on(t.created_at, t.id),
    index('specifications_name_idx').on(t.name, t.id),
  ],
);
