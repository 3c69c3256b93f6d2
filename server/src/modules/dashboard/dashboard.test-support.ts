import { randomBytes } from 'node:crypto';
import {
  methods,
  projects,
  rfqs,
  samples,
  testExecutions,
  testPlans,
  testResults,
} from '../../db/schema/index.ts';
import type { App } from '../../types.ts';

/**
 * Test support: lab records written straight to the database with exact dates, so the dashboard
 * tests can state the figures they expect (the modules that write them are tested elsewhere).
 */
const tag = () => randomBytes(4).toString('hex');

export async function makeMethodRow(app: App, code: string, tatDays: number | null = null) {
  const [row] = await app.db
    .insert(methods)
    .values({ code: `${code}-${tag()}`, title: `Method ${code}`, tat_days: tatDays })
    .returning();
  return row;
}

export async function makeRfqRow(app: App, customerId: string, status: string, receivedDate: string) {
  const [row] = await app.db
    .insert(rfqs)
    .values({
      number: `RFQ-T${tag()}`,
      customer_id: customerId,
      title: 'Dashboard RFQ',
      received_date: receivedDate,
      status: status as 'received',
    })
    .returning();
  return row;
}

export interface WorkSpec {
  customerId: string;
  methodId: string;
  receivedDate: string;
  /** the plan's due date */
  dueDate?: string | null;
  engineerId?: string | null;
  executionStatus?: 'pending' | 'in_progress' | 'completed';
  /** one result per entry: its verdict and approval instant (null: entered, not approved) */
  results?: { verdict: 'pass' | 'fail' | 'warn'; approvedAt: string | null }[];
}

/** A project, one sample, a plan, one execution and its results, as the bench would leave them. */
export async function makeWork(app: App, spec: WorkSpec) {
  const [project] = await app.db
    .insert(projects)
    .values({
      number: `PRJ-T${tag()}`,
      name: 'Dashboard project',
      customer_id: spec.customerId,
      status: 'active',
    })
    .returning();
  const [sample] = await app.db
    .insert(samples)
    .values({
      number: `SMP-T${tag()}`,
      project_id: project.id,
      customer_id: spec.customerId,
      description: 'Swatch',
      received_date: spec.receivedDate,
    })
    .returning();
  const [plan] = await app.db
    .insert(testPlans)
    .values({
      project_id: project.id,
      customer_id: spec.customerId,
      method_id: spec.methodId,
      sample_ids: [sample.id],
      engineer_id: spec.engineerId ?? null,
      due_date: spec.dueDate ?? null,
      status: 'in_progress',
    })
    .returning();
  const [execution] = await app.db
    .insert(testExecutions)
    .values({
      plan_id: plan.id,
      sample_id: sample.id,
      project_id: project.id,
      customer_id: spec.customerId,
      method_id: spec.methodId,
      engineer_id: spec.engineerId ?? null,
      status: spec.executionStatus ?? 'completed',
    })
    .returning();
  const results = spec.results?.length
    ? await app.db
        .insert(testResults)
        .values(
          spec.results.map((r, i) => ({
            execution_id: execution.id,
            plan_id: plan.id,
            sample_id: sample.id,
            project_id: project.id,
            customer_id: spec.customerId,
            method_id: spec.methodId,
            parameter: `P${i + 1}`,
            value_numeric: '1',
            decision_rule: 'simple' as const,
            overall_verdict: r.verdict,
            status: r.approvedAt ? ('approved' as const) : ('entered' as const),
            approved_at: r.approvedAt ? new Date(r.approvedAt) : null,
          })),
        )
        .returning()
    : [];
  return { project, sample, plan, execution, results };
}

/** `n` results of one verdict, all approved at the same instant. */
export const approved = (n: number, verdict: 'pass' | 'fail' | 'warn', at: string) =>
  Array.from({ length: n }, () => ({ verdict, approvedAt: at }));
