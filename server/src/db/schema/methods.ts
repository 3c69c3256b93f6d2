import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { entityColumns } from './columns.ts';

/** A parameter a method measures: what the bench enters a value for. */
export interface MethodParameter {
  name: string;
  unit?: string | null;
  decimals?: number | null;
  /** text parameters take a text value (e.g. "no change"); numeric ones a number */
  kind?: 'numeric' | 'text';
}

/** The test catalogue: what the lab can do, to which standard, at what price, by whom. */
export const methods = pgTable(
  'methods',
  {
    ...entityColumns(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    standard_reference: text('standard_reference'),
    method_version: text('method_version'),
    description: text('description'),
    parameters: jsonb('parameters').$type<MethodParameter[]>().notNull().default([]),
    default_price: numeric('default_price', { precision: 14, scale: 2 }),
    currency: text('currency').notNull().default('USD'),
    tat_days: integer('tat_days'),
    accredited: boolean('accredited').notNull().default(false),
    authorised_engineer_ids: uuid('authorised_engineer_ids').array().notNull().default(sql`'{}'::uuid[]`),
    is_active: boolean('is_active').notNull().default(true),
  },
  (t) => [
    uniqueIndex('methods_code_key').on(sql`lower(${t.code})`),
    index('methods_code_idx').on(t.code, t.id),
    index('methods_created_at_idx').on(t.created_at, t.id),
    index('methods_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
  ],
);
