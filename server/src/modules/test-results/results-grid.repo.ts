import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  type MethodParameter,
  methods,
  projects,
  samples,
  testExecutions,
  testPlans,
  testResults,
} from '../../db/schema/index.ts';
import { notFound } from '../../lib/errors.ts';
import type { CurrentUser } from '../../types.ts';

/**
 * The results grid of a project: every sample × parameter with its latest result and verdicts.
 * Always five queries (project, plans with their methods, samples, latest results, executions),
 * however many samples and results there are; the rows are assembled in memory.
 */
export interface GridFilter {
  plan_id?: string;
  method_id?: string;
}

export async function resultsGrid(db: Db, projectId: string, user: CurrentUser, filter: GridFilter = {}) {
  const customer = user.role === 'customer';
  const [project] = await db
    .select({
      id: projects.id,
      number: projects.number,
      name: projects.name,
      customer_id: projects.customer_id,
    })
    .from(projects)
    .where(
      and(
        eq(projects.id, projectId),
        customer ? eq(projects.customer_id, user.customerId ?? sql`null`) : undefined,
      ),
    );
  if (!project) throw notFound('project', projectId);

  const planWhere = and(
    eq(testPlans.project_id, projectId),
    isNull(testPlans.archived_at),
    filter.plan_id ? eq(testPlans.id, filter.plan_id) : undefined,
    filter.method_id ? eq(testPlans.method_id, filter.method_id) : undefined,
  );
  const plans = await db
    .select({
      id: testPlans.id,
      name: testPlans.name,
      status: testPlans.status,
      decision_rule: testPlans.decision_rule,
      sample_ids: testPlans.sample_ids,
      method_id: testPlans.method_id,
      method_code: methods.code,
      method_title: methods.title,
      parameters: methods.parameters,
    })
    .from(testPlans)
    .innerJoin(methods, eq(methods.id, testPlans.method_id))
    .where(planWhere)
    .orderBy(asc(testPlans.created_at), asc(testPlans.id));

  // A plan filter narrows the rows to its plans' samples; otherwise every sample of the project.
  const narrowed = filter.plan_id !== undefined || filter.method_id !== undefined;
  if (narrowed && !plans.length) return assemble(project, [], [], [], [], customer);
  const planIds = plans.map((p) => p.id);
  const sampleIds = [...new Set(plans.flatMap((p) => p.sample_ids))];
  const sampleRows = await db
    .select({
      id: samples.id,
      number: samples.number,
      description: samples.description,
      status: samples.status,
    })
    .from(samples)
    .where(
      and(
        eq(samples.project_id, projectId),
        isNull(samples.archived_at),
        narrowed ? inArray(samples.id, sampleIds) : undefined,
      ),
    )
    .orderBy(asc(samples.number));

  const resultWhere: (SQL | undefined)[] = [
    eq(testResults.project_id, projectId),
    isNull(testResults.archived_at),
  ];
  // Customers see the latest APPROVED result (a correction counts once it is approved too);
  // staff see the latest current one, whatever its state.
  if (customer) resultWhere.push(eq(testResults.status, 'approved'));
  else resultWhere.push(isNull(testResults.superseded_by_id));
  if (narrowed) resultWhere.push(inArray(testResults.plan_id, planIds));
  const results = await db
    .selectDistinctOn([testResults.sample_id, testResults.method_id, testResults.parameter], {
      id: testResults.id,
      sample_id: testResults.sample_id,
      execution_id: testResults.execution_id,
      plan_id: testResults.plan_id,
      method_id: testResults.method_id,
      parameter: testResults.parameter,
      value_numeric: testResults.value_numeric,
      value_text: testResults.value_text,
      unit: testResults.unit,
      uncertainty: testResults.uncertainty,
      status: testResults.status,
      overall_verdict: testResults.overall_verdict,
      verdicts: testResults.verdicts,
      entered_by: testResults.entered_by,
      version: testResults.version,
      updated_at: testResults.updated_at,
    })
    .from(testResults)
    .where(and(...resultWhere))
    .orderBy(
      testResults.sample_id,
      testResults.method_id,
      testResults.parameter,
      desc(testResults.created_at),
      desc(testResults.id),
    );

  const executions = customer
    ? []
    : await db
        .select({
          id: testExecutions.id,
          plan_id: testExecutions.plan_id,
          sample_id: testExecutions.sample_id,
          method_id: testExecutions.method_id,
          status: testExecutions.status,
          engineer_id: testExecutions.engineer_id,
          version: testExecutions.version,
        })
        .from(testExecutions)
        .where(
          and(
            eq(testExecutions.project_id, projectId),
            isNull(testExecutions.archived_at),
            narrowed ? inArray(testExecutions.plan_id, planIds) : undefined,
          ),
        )
        .orderBy(asc(testExecutions.created_at), asc(testExecutions.id));

  return assemble(project, plans, sampleRows, results, executions, customer);
}

interface GridPlan {
  method_id: string;
  method_code: string;
  parameters: MethodParameter[];
}
type BySample = { sample_id: string };

function groupBySample<T extends BySample>(items: T[]) {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(item.sample_id);
    if (list) list.push(item);
    else map.set(item.sample_id, [item]);
  }
  return map;
}

/** Columns from the plans' methods (each method once, in plan order) and one row per sample. */
function assemble(
  project: Record<string, unknown>,
  plans: GridPlan[],
  sampleRows: { id: string }[],
  results: (BySample & { value_numeric: string | null; value_text: string | null })[],
  executions: BySample[],
  customer: boolean,
) {
  const columns: Record<string, unknown>[] = [];
  const seenMethods = new Set<string>();
  for (const plan of plans) {
    if (seenMethods.has(plan.method_id)) continue;
    seenMethods.add(plan.method_id);
    for (const p of plan.parameters) {
      columns.push({
        method_id: plan.method_id,
        method_code: plan.method_code,
        parameter: p.name,
        unit: p.unit ?? null,
        decimals: p.decimals ?? null,
        kind: p.kind ?? 'numeric',
      });
    }
  }
  const resultsBySample = groupBySample(
    results.map((r) => ({ ...r, value: r.value_numeric ?? r.value_text ?? '' })),
  );
  const executionsBySample = groupBySample(executions);
  return {
    project,
    plans: customer ? [] : plans.map(({ parameters: _p, ...plan }) => plan),
    columns,
    rows: sampleRows.map((s) => ({
      ...s,
      results: resultsBySample.get(s.id) ?? [],
      executions: executionsBySample.get(s.id) ?? [],
    })),
  };
}
