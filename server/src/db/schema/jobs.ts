import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { v7 as uuidv7 } from 'uuid';
import { ts } from './columns.ts';

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * Durable background jobs (reports, …): rows taken with FOR UPDATE SKIP LOCKED, so each runs on
 * one instance at a time; `locked_until` is a heartbeat, and a running job whose heartbeat lapsed
 * (its process died) is taken again. Handlers make their effect idempotent, so a retried job
 * produces its result once.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id')
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status').$type<JobStatus>().notNull().default('queued'),
    progress: integer('progress').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    max_attempts: integer('max_attempts').notNull().default(5),
    run_after: ts('run_after').notNull().defaultNow(),
    locked_until: ts('locked_until'),
    locked_by: text('locked_by'),
    error: text('error'),
    created_at: ts('created_at').notNull().defaultNow(),
    started_at: ts('started_at'),
    finished_at: ts('finished_at'),
  },
  (t) => [
    index('jobs_claim_idx').on(t.status, t.run_after).where(sql`status in ('queued','running')`),
    index('jobs_kind_idx').on(t.kind, t.created_at),
    check('jobs_status_check', sql`${t.status} in ('queued','running','done','failed')`),
    check('jobs_progress_check', sql`${t.progress} between 0 and 100`),
  ],
);
