import { sql } from 'drizzle-orm';
import { date, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { entityColumns } from './columns.ts';
import type { CustomerContact } from './customers.ts';

/**
 * ISO/IEC 17025 §6.6: externally provided products and services come only from suppliers the lab
 * has evaluated. `pending` until evaluated; `approved`, `conditional` (usable with restrictions
 * named in the evaluation notes) or `rejected`; `re-evaluate` takes it back to pending.
 */
export const SUPPLIER_STATUSES = ['pending', 'approved', 'conditional', 'rejected'] as const;
export type SupplierStatus = (typeof SUPPLIER_STATUSES)[number];

export const SUPPLIER_CATEGORIES = [
  'reagents',
  'consumables',
  'equipment',
  'calibration',
  'reference_materials',
  'proficiency_testing',
  'subcontracting',
  'services',
  'other',
] as const;

export type SupplierContact = CustomerContact;

export const suppliers = pgTable(
  'suppliers',
  {
    ...entityColumns(),
    name: text('name').notNull(),
    category: text('category').$type<(typeof SUPPLIER_CATEGORIES)[number]>().notNull().default('other'),
    /** What they supply, in words ("ISO 105 grey scales, multifibre strips"). */
    supplies: text('supplies'),
    email: text('email'),
    phone: text('phone'),
    address: text('address'),
    website: text('website'),
    contacts: jsonb('contacts').$type<SupplierContact[]>().notNull().default([]),
    approval_status: text('approval_status').$type<SupplierStatus>().notNull().default('pending'),
    evaluation_notes: text('evaluation_notes'),
    evaluation_date: date('evaluation_date', { mode: 'string' }),
    next_evaluation_due: date('next_evaluation_due', { mode: 'string' }),
    evaluated_by: uuid('evaluated_by'),
    notes: text('notes'),
  },
  (t) => [
    index('suppliers_name_idx').on(t.name, t.id),
    index('suppliers_created_at_idx').on(t.created_at, t.id),
    index('suppliers_updated_at_idx').on(t.updated_at, t.id),
    index('suppliers_status_idx').on(t.approval_status),
    index('suppliers_category_idx').on(t.category),
    index('suppliers_next_evaluation_idx').on(t.next_evaluation_due),
    index('suppliers_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);
