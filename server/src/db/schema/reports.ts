import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { entityColumns, ts } from './columns.ts';
import { customers } from './customers.ts';
import { projects } from './projects.ts';

export const REPORT_STATUSES = [
  'queued',
  'generating',
  'draft',
  'failed',
  'issued',
  'superseded',
  'revoked',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/**
 * Test reports (ISO/IEC 17025 §7.8), one row per version: `RPT-000001` revision 1, and each
 * amendment a new row with the same number and revision n+1 that supersedes the previous one when
 * it is issued. The PDF is produced by a durable job (queued → generating → draft); issuing
 * renders the final PDF with the signatory and fixes its SHA-256; an issued report never changes.
 */
export const reports = pgTable(
  'reports',
  {
    ...entityColumns(),
    number: text('number').notNull(),
    revision: integer('revision').notNull().default(1),
    project_id: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    customer_id: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    /** The samples reported (all of the project's samples with approved results when none were chosen). */
    sample_ids: uuid('sample_ids').array().notNull().default(sql`'{}'::uuid[]`),
    title: text('title'),
    status: text('status').$type<ReportStatus>().notNull().default('queued'),
    job_id: uuid('job_id'),
    error: text('error'),
    /** Unguessable code for the public verification page (QR code on the PDF). */
    verify_code: text('verify_code').notNull(),
    /** What the PDF shows, as gathered by the job (sent to the template again at issue). */
    content: jsonb('content').$type<Record<string, unknown>>(),
    pdf_key: text('pdf_key'),
    pdf_sha256: text('pdf_sha256'),
    pdf_size: integer('pdf_size'),
    page_count: integer('page_count'),
    generated_at: ts('generated_at'),
    issue_date: date('issue_date', { mode: 'string' }),
    issued_at: ts('issued_at'),
    issued_by: uuid('issued_by'),
    supersedes_id: uuid('supersedes_id'),
    superseded_by_id: uuid('superseded_by_id'),
    superseded_at: ts('superseded_at'),
    amendment_reason: text('amendment_reason'),
    what_changed: text('what_changed'),
    revoked_at: ts('revoked_at'),
    revoke_reason: text('revoke_reason'),
  },
  (t) => [
    uniqueIndex('reports_number_revision_key').on(t.number, t.revision),
    uniqueIndex('reports_verify_code_key').on(t.verify_code),
    index('reports_project_idx').on(t.project_id, t.created_at),
    index('reports_customer_idx').on(t.customer_id, t.status),
    index('reports_status_idx').on(t.status),
    index('reports_job_idx').on(t.job_id),
    index('reports_created_at_idx').on(t.created_at, t.id),
    check(
      'reports_status_check',
      sql`${t.status} in ('queued','generating','draft','failed','issued','superseded','revoked')`,
    ),
  ],
);
