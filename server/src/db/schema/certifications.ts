import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { entityColumns, ts } from './columns.ts';
import { customers } from './customers.ts';
import { specifications } from './specifications.ts';

export const CERTIFICATION_STATUSES = ['draft', 'issued', 'suspended', 'revoked', 'expired'] as const;
export type CertificationStatus = (typeof CERTIFICATION_STATUSES)[number];

/**
 * Certificates of conformity (`CERT-000001`): a product of a customer conforms to a standard,
 * based on approved results that pass the named specification. draft → issued (signed; the PDF
 * and its SHA-256 fixed) → suspended (→ reinstated to issued) | revoked | expired (by the daily
 * sweep once expiry_date has passed).
 */
export const certifications = pgTable(
  'certifications',
  {
    ...entityColumns(),
    number: text('number').notNull(),
    customer_id: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    project_id: uuid('project_id'),
    product: text('product').notNull(),
    standard: text('standard').notNull(),
    scope: text('scope').notNull(),
    specification_id: uuid('specification_id')
      .notNull()
      .references(() => specifications.id),
    result_ids: uuid('result_ids').array().notNull().default(sql`'{}'::uuid[]`),
    expiry_date: date('expiry_date', { mode: 'string' }).notNull(),
    issue_date: date('issue_date', { mode: 'string' }),
    status: text('status').$type<CertificationStatus>().notNull().default('draft'),
    verify_code: text('verify_code').notNull(),
    notes: text('notes'),
    pdf_key: text('pdf_key'),
    pdf_sha256: text('pdf_sha256'),
    pdf_size: integer('pdf_size'),
    issued_at: ts('issued_at'),
    issued_by: uuid('issued_by'),
    suspended_at: ts('suspended_at'),
    suspend_reason: text('suspend_reason'),
    revoked_at: ts('revoked_at'),
    revoke_reason: text('revoke_reason'),
    expired_at: ts('expired_at'),
  },
  (t) => [
    uniqueIndex('certifications_number_key').on(t.number),
    uniqueIndex('certifications_verify_code_key').on(t.verify_code),
    index('certifications_customer_idx').on(t.customer_id, t.status),
    index('certifications_status_expiry_idx').on(t.status, t.expiry_date),
    index('certifications_expiry_idx').on(t.expiry_date, t.id),
    index('certifications_created_at_idx').on(t.created_at, t.id),
    check(
      'certifications_status_check',
      sql`${t.status} in ('draft','issued','suspended','revoked','expired')`,
    ),
  ],
);
