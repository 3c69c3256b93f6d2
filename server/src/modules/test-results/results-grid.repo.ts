import { and, asc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type MethodParameter, methods, projects, testPlans } from '../../db/schema/index.ts';
import { notFound } from '../../lib/errors.ts';
import type { CurrentUser } from '../../types.ts';

/**
 * The results grid of a project: every sample × parameter with its latest result and verdicts.
 * Always three queries (project, plans with their methods, the rows as JSON built by PostgreSQL),
 * however many samples and results there are.
 */
export interface GridFilter {
  plan_id?: string;
  method_id?: string;
}

/** The grid as JSON text, sent by the route as it is (the rows never become JS objects). */
export async function resultsGridJson(
  db: Db,
  projectId: string,
  user: CurrentUser,
  filter: GridFilter = {},
): Promise<string> {
  const { head, rows } = await gridParts(db, projectId, user, filter);
  return `${JSON.stringify(head).slice(0, -1)},"rows":${rows}}`;
}

/** The grid as objects, for code that reads it rather than sends it. */
export async function resultsGrid(db: Db, projectId: string, user: CurrentUser, filter: GridFilter = {}) {
  return JSON.parse(await resultsGridJson(db, projectId, user, filter)) as ResultsGridData;
}

export interface GridCellData {
  id: string;
  execution_id: string;
  method_id: string;
  parameter: string;
  value: string;
  uncertainty: string | null;
  status: string;
  overall_verdict: string | null;
  verdicts: unknown[];
  version: number;
}

export type ResultsGridData = ReturnType<typeof head> & {
  rows: {
    id: string;
    number: string;
    description: string;
    status: string;
    results: GridCellData[];
    executions: { id: string; plan_id: string; sample_id: string; method_id: string; status: string }[];
  }[];
};

interface GridProject {
  id: string;
  number: string;
  name: string;
  customer_id: string;
}

interface GridColumn {
  method_id: string;
  method_code: string;
  parameter: string;
  unit: string | null;
  decimals: number | null;
  kind: string;
}

async function gridParts(db: Db, projectId: string, user: CurrentUser, filter: GridFilter) {
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
  if (narrowed && !plans.length) return { head: head(project, [], customer), rows: '[]' };
  const planIds = plans.map((p) => p.id);
  const sampleIds = [...new Set(plans.flatMap((p) => p.sample_ids))];
  const rows = await gridRows(db, projectId, {
    customer,
    samples: narrowed ? sampleIds : undefined,
    plans: narrowed ? planIds : undefined,
  });
  return { head: head(project, plans, customer), rows };
}

/**
 * The rows as JSON text built by PostgreSQL in one statement: samples, each with its latest result
 * per parameter and its executions. Mapping and serializing 5,000 result objects in Node cost
 * 200–400 ms for a 500-sample project; PostgreSQL assembles the same document in a few ms.
 * Numbers travel as strings, as the other endpoints send them. A cell carries what the grid shows and
 * edits (value, verdicts, state, version for If-Match); the full result is GET /test-results/{id}.
 */
async function gridRows(
  db: Db,
  projectId: string,
  scope: { customer: boolean; samples?: string[]; plans?: string[] },
): Promise<string> {
  // ids come from the database (plans' sample and plan ids): one array parameter, however many
  const inList = (column: SQL, ids: string[] | undefined) =>
    ids === undefined ? sql`true` : sql`${column} = any(${`{${ids.join(',')}}`}::uuid[])`;
  // Customers see the latest APPROVED result (a correction counts once it is approved too);
  // staff see the latest current one, whatever its state.
  const resultState = scope.customer ? sql`r.status = 'approved'` : sql`r.superseded_by_id is null`;
  const query = sql`
    with cells as (
      -- the latest result per cell; each cell a row record, which json_agg writes with its column
      -- names (a third faster than json_build_object over the same fields)
      select t.sample_id, json_agg(t.cell order by t.method_id, t.parameter) as results
        from (
          select distinct on (r.sample_id, r.method_id, r.parameter) r.sample_id, r.method_id, r.parameter,
                 (select c from (select r.id, r.execution_id, r.method_id, r.parameter,
                                        coalesce(r.value_numeric::text, r.value_text, '') as value,
                                        r.uncertainty::text as uncertainty, r.status, r.overall_verdict,
                                        r.verdicts, r.version) c) as cell
            from test_results r
           where r.project_id = ${projectId} and r.archived_at is null and ${resultState}
             and ${inList(sql`r.plan_id`, scope.plans)}
           order by r.sample_id, r.method_id, r.parameter, r.created_at desc, r.id desc
        ) t
       group by t.sample_id
    ),
    runs as (
      select e.sample_id, json_agg(json_build_object(
               'id', e.id, 'plan_id', e.plan_id, 'sample_id', e.sample_id, 'method_id', e.method_id,
               'status', e.status, 'engineer_id', e.engineer_id, 'version', e.version
             ) order by e.created_at, e.id) as executions
        from test_executions e
       where ${scope.customer ? sql`false` : sql`true`}
         and e.project_id = ${projectId} and e.archived_at is null
         and ${inList(sql`e.plan_id`, scope.plans)}
       group by e.sample_id
    )
    select coalesce(json_agg(json_build_object(
             'id', s.id, 'number', s.number, 'description', s.description, 'status', s.status,
             'results', coalesce(c.results, '[]'::json), 'executions', coalesce(x.executions, '[]'::json)
           ) order by s.number), '[]'::json)::text as rows
      from samples s
      left join cells c on c.sample_id = s.id
      left join runs x on x.sample_id = s.id
     where s.project_id = ${projectId} and s.archived_at is null and ${inList(sql`s.id`, scope.samples)}`;
  const { rows } = (await db.execute(query)) as unknown as { rows: { rows: string }[] };
  return rows[0]?.rows ?? '[]';
}

interface GridPlan {
  method_id: string;
  method_code: string;
  parameters: MethodParameter[];
}
/** Columns from the plans' methods (each method once, in plan order). */
function head(project: GridProject, plans: (GridPlan & Record<string, unknown>)[], customer: boolean) {
  const columns: GridColumn[] = [];
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
  return {
    project,
    plans: customer ? [] : plans.map(({ parameters: _p, ...plan }) => plan),
    columns,
  };
}
