import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Row } from '../../lib/crud.ts';

/**
 * The project page's data in two queries whatever the project's size: the project itself (read by
 * the route, within the caller's scope) and this one statement, where every section is an
 * aggregate (counts grouped by status, json_agg of the few latest rows) over an index on
 * project_id. Nothing here runs a query per sample, plan or result.
 */
const LATEST = 5;

const counts = (table: SQL, field: SQL, where: SQL) =>
  sql`(select coalesce(json_object_agg(k, n), '{}'::json)
        from (select ${field} as k, count(*)::int as n from ${table} where ${where} group by 1) c)`;

const latest = (columns: SQL, table: SQL, where: SQL, order: SQL) =>
  sql`(select coalesce(json_agg(l), '[]'::json)
        from (select ${columns} from ${table} where ${where} order by ${order} limit ${LATEST}) l)`;

interface Section {
  total: number;
  by_status: Record<string, number>;
  latest?: Record<string, unknown>[];
}

const total = (byStatus: Record<string, number>) => Object.values(byStatus).reduce((a, b) => a + b, 0);
const section = (byStatus: Record<string, number>, rows?: Record<string, unknown>[]): Section => ({
  total: total(byStatus),
  by_status: byStatus,
  ...(rows ? { latest: rows } : {}),
});
/** json_agg writes timestamps with an offset; the API speaks UTC with Z. */
const utc = (rows: Record<string, unknown>[]) =>
  rows.map((r) => ({ ...r, created_at: new Date(String(r.created_at)).toISOString() }));

export async function projectOverview(db: Db, project: Row, forCustomer: boolean) {
  const id = project.id;
  const own = sql`project_id = ${id} and archived_at is null`;
  const results = forCustomer
    ? sql`${own} and superseded_by_id is null and status = 'approved'`
    : sql`${own} and superseded_by_id is null`;
  const quoteFilter = forCustomer ? sql`and e.status <> 'draft'` : sql``;
  const query = sql`select
    (select json_build_object('id', c.id, 'company_name', c.company_name)
       from customers c where c.id = ${project.customer_id}) as customer,
    (select json_build_object('id', u.id, 'full_name', u.full_name, 'email', u.email)
       from users u where u.id = ${project.manager_id}) as manager,
    (select json_build_object('id', r.id, 'number', r.number, 'title', r.title, 'status', r.status)
       from rfqs r where r.id = ${project.rfq_id}) as rfq,
    (select coalesce(json_agg(json_build_object('id', e.id, 'number', e.number, 'revision', e.revision,
              'status', e.status, 'total', e.total::text, 'currency', e.currency) order by e.number, e.revision),
            '[]'::json)
       from estimations e
      where e.archived_at is null ${quoteFilter}
        and (e.number = (select number from estimations where id = ${project.estimation_id})
             or e.rfq_id = ${project.rfq_id})) as estimations,
    (select coalesce(json_agg(json_build_object('id', so.id, 'number', so.number, 'status', so.status,
              'order_date', so.order_date, 'total', so.total::text, 'currency', so.currency) order by so.number),
            '[]'::json)
       from sales_orders so where so.project_id = ${id} and so.archived_at is null) as sales_orders,
    ${counts(sql`trfs`, sql`status`, own)} as trf_counts,
    ${latest(sql`id, number, status, created_at`, sql`trfs`, own, sql`created_at desc, id desc`)} as trf_latest,
    ${counts(sql`samples`, sql`status`, own)} as sample_counts,
    ${latest(
      sql`id, number, description, status, received_date`,
      sql`samples`,
      own,
      sql`created_at desc, id desc`,
    )} as sample_latest,
    ${counts(sql`test_plans`, sql`status`, own)} as plan_counts,
    ${latest(
      sql`id, name, method_id, status, priority, due_date`,
      sql`test_plans`,
      own,
      sql`created_at desc, id desc`,
    )} as plan_latest,
    ${counts(sql`test_executions`, sql`status`, own)} as execution_counts,
    ${counts(sql`test_results`, sql`status`, results)} as result_counts,
    ${counts(sql`test_results`, sql`coalesce(overall_verdict, 'none')`, results)} as verdict_counts`;
  const { rows } = (await db.execute(query)) as unknown as { rows: Record<string, never>[] };
  const r = rows[0];
  return {
    customer: (r.customer ?? null) as { id: string; company_name: string } | null,
    manager: (r.manager ?? null) as { id: string; full_name: string; email: string } | null,
    rfq: r.rfq ?? null,
    estimations: r.estimations,
    sales_orders: r.sales_orders,
    trfs: section(r.trf_counts, utc(r.trf_latest)),
    samples: section(r.sample_counts, r.sample_latest),
    // Plans and executions are the lab's internal work: a portal customer reads neither.
    test_plans: forCustomer ? null : section(r.plan_counts, r.plan_latest),
    test_executions: forCustomer ? null : section(r.execution_counts),
    test_results: { ...section(r.result_counts), by_verdict: r.verdict_counts as Record<string, number> },
  };
}
