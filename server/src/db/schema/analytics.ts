import { date, index, integer, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';

/**
 * Pre-aggregated approved results, one row per (approval day, customer, method, verdict,
 * turnaround days, due status), so the dashboard reads a few hundred rows a day instead of every
 * result. Maintained incrementally by a trigger on `test_results` (hand-written in the migration
 * `analytics`): a result counts here while it is approved, current (not superseded) and not
 * archived; any write that changes that moves its count from the old key to the new one in the
 * same transaction, so the figures are never stale. `analytics_result_rollup_rebuild()` recomputes
 * the whole table (after a bulk load with the trigger disabled, or a restore).
 *
 * - `tat_days`: turnaround, the approval date minus the sample's received date (days, ≥ 0).
 * - `due_state`: 1 approved on or before the due date, 0 late, -1 no due date known. The due date
 *   is the plan's `due_date`, else the sample's received date + the method's `tat_days`, as they
 *   were when the result was approved.
 */
export const analyticsResultDaily = pgTable(
  'analytics_result_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    customer_id: uuid('customer_id').notNull(),
    method_id: uuid('method_id').notNull(),
    verdict: text('verdict').notNull(),
    tat_days: integer('tat_days').notNull(),
    due_state: smallint('due_state').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [
    primaryKey({
      name: 'analytics_result_daily_pkey',
      columns: [t.day, t.customer_id, t.method_id, t.verdict, t.tat_days, t.due_state],
    }),
    index('analytics_result_daily_customer_idx').on(t.customer_id, t.day),
    index('analytics_result_daily_method_idx').on(t.method_id, t.day),
  ],
);

/**
 * The same figures for the whole lab (no customer or method): a few hundred rows a day whatever
 * the volume, so the unfiltered morning summary reads little. Kept by the same trigger.
 */
export const analyticsResultLabDaily = pgTable(
  'analytics_result_lab_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    verdict: text('verdict').notNull(),
    tat_days: integer('tat_days').notNull(),
    due_state: smallint('due_state').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [
    primaryKey({
      name: 'analytics_result_lab_daily_pkey',
      columns: [t.day, t.verdict, t.tat_days, t.due_state],
    }),
  ],
);

/**
 * Monthly totals for the per-method and per-customer breakdowns of the whole lab, so a year reads
 * a few thousand rows; the partial months at the edges of a period come from the daily rollup.
 * `kind` says which breakdown a row belongs to (unused key columns hold a fixed filler):
 * 1 = (method, verdict, due state), 2 = (method, TAT days), 3 = (customer, verdict).
 * Kept by the same trigger.
 */
export const analyticsResultMonthly = pgTable(
  'analytics_result_monthly',
  {
    month: date('month', { mode: 'string' }).notNull(),
    kind: smallint('kind').notNull(),
    key_id: uuid('key_id').notNull(),
    verdict: text('verdict').notNull(),
    due_state: smallint('due_state').notNull(),
    tat_days: integer('tat_days').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [
    primaryKey({
      name: 'analytics_result_monthly_pkey',
      columns: [t.month, t.kind, t.key_id, t.verdict, t.due_state, t.tat_days],
    }),
  ],
);
