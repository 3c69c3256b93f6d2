import { sql } from 'drizzle-orm';
import { date, index, jsonb, numeric, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { entityColumns, ts } from './columns.ts';
import { customers } from './customers.ts';
import { methods } from './methods.ts';
import { projects } from './projects.ts';
import { samples } from './samples.ts';

export const DECISION_RULES = ['simple', 'guarded'] as const;
export type DecisionRule = (typeof DECISION_RULES)[number];
export const PLAN_STATUSES = ['planned', 'in_progress', 'completed', 'cancelled'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/** What to test: a method on some samples of a project, judged against specifications. */
export const testPlans = pgTable(
  'test_plans',
  {
    ...entityColumns(),
    project_id: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    customer_id: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    method_id: uuid('method_id')
      .notNull()
      .references(() => methods.id),
    name: text('name'),
    sample_ids: uuid('sample_ids').array().notNull().default(sql`'{}'::uuid[]`),
    specification_ids: uuid('specification_ids').array().notNull().default(sql`'{}'::uuid[]`),
    decision_rule: text('decision_rule').$type<DecisionRule>().notNull().default('simple'),
    engineer_id: uuid('engineer_id'),
    due_date: date('due_date', { mode: 'string' }),
    priority: text('priority').$type<(typeof PRIORITIES)[number]>().notNull().default('normal'),
    status: text('status').$type<(typeof PLAN_STATUSES)[number]>().notNull().default('planned'),
    notes: text('notes'),
  },
  (t) => [
    index('test_plans_project_idx').on(t.project_id, t.created_at),
    index('test_plans_customer_idx').on(t.customer_id),
    index('test_plans_engineer_idx').on(t.engineer_id, t.status),
    index('test_plans_method_idx').on(t.method_id),
    index('test_plans_due_date_idx').on(t.due_date),
    index('test_plans_created_at_idx').on(t.created_at, t.id),
  ],
);

export const EXECUTION_STATUSES = ['pending', 'in_progress', 'completed', 'aborted'] as const;

/** One run of a plan's method on one sample, at the bench. */
export const testExecutions = pgTable(
  'test_executions',
  {
    ...entityColumns(),
    plan_id: uuid('plan_id')
      .notNull()
      .references(() => testPlans.id),
    sample_id: uuid('sample_id')
      .notNull()
      .references(() => samples.id),
    project_id: uuid('project_id').notNull(),
    customer_id: uuid('customer_id').notNull(),
    method_id: uuid('method_id').notNull(),
    engineer_id: uuid('engineer_id'),
    equipment_ids: uuid('equipment_ids').array().notNull().default(sql`'{}'::uuid[]`),
    temperature_c: numeric('temperature_c', { precision: 6, scale: 2 }),
    humidity_pct: numeric('humidity_pct', { precision: 5, scale: 2 }),
    status: text('status').$type<(typeof EXECUTION_STATUSES)[number]>().notNull().default('pending'),
    started_at: ts('started_at'),
    completed_at: ts('completed_at'),
    abort_reason: text('abort_reason'),
    notes: text('notes'),
  },
  (t) => [
    index('test_executions_plan_idx').on(t.plan_id),
    index('test_executions_sample_idx').on(t.sample_id),
    index('test_executions_project_idx').on(t.project_id),
    index('test_executions_engineer_idx').on(t.engineer_id, t.status),
    index('test_executions_status_idx').on(t.status),
    index('test_executions_created_at_idx').on(t.created_at, t.id),
    // "which executions used this instrument" (a failed calibration's impact): equipment_ids @> {id}
    index('test_executions_equipment_idx').using('gin', t.equipment_ids),
  ],
);

export type Verdict = 'pass' | 'fail' | 'warn' | 'inconclusive';

/** The verdict against one specification, with the limit and rule it was judged by. */
export interface SpecVerdict {
  specification_id: string;
  verdict: Verdict;
  rule: DecisionRule;
  limit: Record<string, unknown> | null;
  reason: string;
}

export const RESULT_STATUSES = ['entered', 'reviewed', 'approved', 'rejected'] as const;

/** A measured value for one parameter of an execution, with its verdicts. */
export const testResults = pgTable(
  'test_results',
  {
    ...entityColumns(),
    execution_id: uuid('execution_id')
      .notNull()
      .references(() => testExecutions.id),
    plan_id: uuid('plan_id').notNull(),
    sample_id: uuid('sample_id').notNull(),
    project_id: uuid('project_id').notNull(),
    customer_id: uuid('customer_id').notNull(),
    method_id: uuid('method_id').notNull(),
    parameter: text('parameter').notNull(),
    value_numeric: numeric('value_numeric'),
    value_text: text('value_text'),
    unit: text('unit'),
    uncertainty: numeric('uncertainty'),
    decision_rule: text('decision_rule').$type<DecisionRule>().notNull(),
    verdicts: jsonb('verdicts').$type<SpecVerdict[]>().notNull().default([]),
    overall_verdict: text('overall_verdict').$type<Verdict>(),
    status: text('status').$type<(typeof RESULT_STATUSES)[number]>().notNull().default('entered'),
    entered_by: uuid('entered_by'),
    reviewed_by: uuid('reviewed_by'),
    reviewed_at: ts('reviewed_at'),
    approved_by: uuid('approved_by'),
    approved_at: ts('approved_at'),
    rejection_reason: text('rejection_reason'),
    supersedes_id: uuid('supersedes_id'),
    superseded_by_id: uuid('superseded_by_id'),
    correction_reason: text('correction_reason'),
  },
  (t) => [
    index('test_results_execution_idx').on(t.execution_id),
    index('test_results_plan_idx').on(t.plan_id),
    index('test_results_sample_idx').on(t.sample_id),
    index('test_results_project_idx').on(t.project_id, t.created_at),
    index('test_results_customer_idx').on(t.customer_id),
    index('test_results_status_idx').on(t.status),
    index('test_results_method_idx').on(t.method_id, t.created_at),
    index('test_results_created_at_idx').on(t.created_at, t.id),
  ],
);
