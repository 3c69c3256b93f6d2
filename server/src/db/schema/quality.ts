import { sql } from 'drizzle-orm';
import { check, date, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { entityColumns, ts } from './columns.ts';

/**
 * Quality system (issue 5): audits with their findings, and non-conformance reports (NCRs) with
 * root cause, CAPA actions and an effectiveness check. Users are referenced without foreign keys
 * (as elsewhere: a user is archived, never deleted).
 */
export const AUDIT_TYPES = ['internal', 'external'] as const;
export const AUDIT_STATUSES = ['planned', 'in_progress', 'completed', 'cancelled'] as const;
export const FINDING_KINDS = ['observation', 'minor', 'major'] as const;

export const audits = pgTable(
  'audits',
  {
    ...entityColumns(),
    number: text('number').notNull(),
    type: text('type').$type<(typeof AUDIT_TYPES)[number]>().notNull(),
    title: text('title').notNull(),
    scope: text('scope'),
    clauses: text('clauses').array().notNull().default(sql`'{}'::text[]`),
    planned_start: date('planned_start', { mode: 'string' }).notNull(),
    planned_end: date('planned_end', { mode: 'string' }).notNull(),
    actual_start: date('actual_start', { mode: 'string' }),
    actual_end: date('actual_end', { mode: 'string' }),
    lead_auditor_id: uuid('lead_auditor_id'),
    auditor_ids: uuid('auditor_ids').array().notNull().default(sql`'{}'::uuid[]`),
    auditee: text('auditee'),
    summary: text('summary'),
    cancel_reason: text('cancel_reason'),
    status: text('status').$type<(typeof AUDIT_STATUSES)[number]>().notNull().default('planned'),
  },
  (t) => [
    uniqueIndex('audits_number_key').on(t.number),
    index('audits_status_idx').on(t.status, t.planned_start),
    index('audits_planned_start_idx').on(t.planned_start, t.id),
    index('audits_lead_auditor_idx').on(t.lead_auditor_id),
    index('audits_created_at_idx').on(t.created_at, t.id),
    check('audits_dates_check', sql`${t.planned_end} >= ${t.planned_start}`),
  ],
);

export const auditFindings = pgTable(
  'audit_findings',
  {
    ...entityColumns(),
    audit_id: uuid('audit_id')
      .notNull()
      .references(() => audits.id),
    kind: text('kind').$type<(typeof FINDING_KINDS)[number]>().notNull(),
    clause: text('clause'),
    description: text('description').notNull(),
    evidence: text('evidence'),
    ncr_id: uuid('ncr_id'),
    recorded_by: uuid('recorded_by'),
  },
  (t) => [
    index('audit_findings_audit_idx').on(t.audit_id, t.created_at),
    // one NCR per finding, enforced by the database as well as the service
    uniqueIndex('audit_findings_ncr_key').on(t.ncr_id),
  ],
);

export const NCR_SOURCES = [
  'audit_finding',
  'failed_result',
  'customer_complaint',
  'equipment',
  'other',
] as const;
export type NcrSource = (typeof NCR_SOURCES)[number];
export const NCR_SEVERITIES = ['minor', 'major', 'critical'] as const;
export const NCR_STATUSES = ['open', 'investigating', 'action_pending', 'verification', 'closed'] as const;
export const EFFECTIVENESS_RESULTS = ['effective', 'not_effective'] as const;

/** One answer of the 5 whys. */
export interface Why {
  why: string;
  answer: string;
}

/** One step of an NCR's life: who moved it, from where to where, when. */
export interface NcrStep {
  action: string;
  from: string;
  to: string;
  at: string;
  by: string;
  by_name: string | null;
  note: string | null;
}

export const ncrs = pgTable(
  'ncrs',
  {
    ...entityColumns(),
    number: text('number').notNull(),
    source: text('source').$type<NcrSource>().notNull(),
    /** The record it comes from: an audit finding, a test result, equipment, a customer… */
    source_entity_type: text('source_entity_type'),
    source_entity_id: uuid('source_entity_id'),
    title: text('title').notNull(),
    description: text('description').notNull(),
    severity: text('severity').$type<(typeof NCR_SEVERITIES)[number]>().notNull(),
    owner_id: uuid('owner_id'),
    containment: text('containment'),
    whys: jsonb('whys').$type<Why[]>().notNull().default([]),
    root_cause: text('root_cause'),
    effectiveness_check: text('effectiveness_check'),
    effectiveness_result: text('effectiveness_result').$type<(typeof EFFECTIVENESS_RESULTS)[number]>(),
    /** Results measured with failed equipment (source equipment): the impact to assess. */
    impacted_result_ids: uuid('impacted_result_ids').array().notNull().default(sql`'{}'::uuid[]`),
    steps: jsonb('steps').$type<NcrStep[]>().notNull().default([]),
    status: text('status').$type<(typeof NCR_STATUSES)[number]>().notNull().default('open'),
    closed_at: ts('closed_at'),
    closed_by: uuid('closed_by'),
    signature_id: uuid('signature_id'),
  },
  (t) => [
    uniqueIndex('ncrs_number_key').on(t.number),
    index('ncrs_status_idx').on(t.status, t.created_at),
    index('ncrs_source_idx').on(t.source_entity_type, t.source_entity_id),
    index('ncrs_owner_idx').on(t.owner_id),
    index('ncrs_created_at_idx').on(t.created_at, t.id),
    check('ncrs_whys_check', sql`jsonb_array_length(${t.whys}) <= 5`),
  ],
);

export const NCR_ACTION_KINDS = ['corrective', 'preventive'] as const;
export const NCR_ACTION_STATUSES = ['open', 'done'] as const;

/** A CAPA action of an NCR: who does what by when. */
export const ncrActions = pgTable(
  'ncr_actions',
  {
    ...entityColumns(),
    ncr_id: uuid('ncr_id')
      .notNull()
      .references(() => ncrs.id),
    description: text('description').notNull(),
    kind: text('kind').$type<(typeof NCR_ACTION_KINDS)[number]>().notNull(),
    owner_id: uuid('owner_id').notNull(),
    due_date: date('due_date', { mode: 'string' }).notNull(),
    status: text('status').$type<(typeof NCR_ACTION_STATUSES)[number]>().notNull().default('open'),
    completed_at: ts('completed_at'),
    completed_by: uuid('completed_by'),
    evidence: text('evidence'),
  },
  (t) => [
    index('ncr_actions_ncr_idx').on(t.ncr_id, t.created_at),
    // overdue lists: open actions by due date, per owner
    index('ncr_actions_due_idx').on(t.status, t.due_date, t.id),
    index('ncr_actions_owner_idx').on(t.owner_id, t.status, t.due_date),
    index('ncr_actions_created_at_idx').on(t.created_at, t.id),
  ],
);
