import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { entityColumns } from './columns.ts';

export interface CustomerContact {
  name: string;
  email?: string | null;
  phone?: string | null;
  role?: string | null;
}

export const customers = pgTable(
  'customers',
  {
    ...entityColumns(),
    company_name: text('company_name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    address: text('address'),
    contact_person: text('contact_person'),
    is_active: boolean('is_active').notNull().default(true),
    notes: text('notes'),
    contacts: jsonb('contacts').$type<CustomerContact[]>().notNull().default([]),
  },
  (t) => [
    uniqueIndex('customers_email_key').on(sql`lower(${t.email})`),
    index('customers_company_name_idx').on(t.company_name, t.id),
    index('customers_email_idx').on(t.email, t.id),
    index('customers_created_at_idx').on(t.created_at, t.id),
    index('customers_updated_at_idx').on(t.updated_at, t.id),
    index('customers_is_active_idx').on(t.is_active),
    index('customers_archived_at_idx').on(t.archived_at),
    // trigram indexes: `q` is a substring search (ILIKE '%…%'), which a b-tree cannot serve
    index('customers_company_name_trgm_idx').using('gin', sql`${t.company_name} gin_trgm_ops`),
    index('customers_email_trgm_idx').using('gin', sql`${t.email} gin_trgm_ops`),
    index('customers_contact_person_trgm_idx').using('gin', sql`${t.contact_person} gin_trgm_ops`),
  ],
);
