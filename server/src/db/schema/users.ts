import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { entityColumns, ts } from './columns.ts';
import { customers } from './customers.ts';

export const ROLES = ['admin', 'manager', 'engineer', 'auditor', 'viewer', 'customer'] as const;
export type Role = (typeof ROLES)[number];

export const users = pgTable(
  'users',
  {
    ...entityColumns(),
    email: text('email').notNull(),
    full_name: text('full_name').notNull().default(''),
    password_hash: text('password_hash').notNull(),
    role: text('role').$type<Role>().notNull().default('viewer'),
    customer_id: uuid('customer_id').references(() => customers.id),
    is_active: boolean('is_active').notNull().default(true),
    email_verified_at: ts('email_verified_at'),
    failed_login_count: integer('failed_login_count').notNull().default(0),
    locked_until: ts('locked_until'),
    last_login_at: ts('last_login_at'),
    password_changed_at: ts('password_changed_at'),
  },
  (t) => [
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    index('users_created_at_idx').on(t.created_at, t.id),
    index('users_role_idx').on(t.role),
    index('users_customer_id_idx').on(t.customer_id),
    check('users_role_check', sql`${t.role} in ('admin','manager','engineer','auditor','viewer','customer')`),
    check('users_customer_binding', sql`(${t.role} = 'customer') = (${t.customer_id} is not null)`),
  ],
);
