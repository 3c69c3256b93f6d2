import { and, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { projects, salesOrders, testExecutions, users } from '../../db/schema/index.ts';
import type { Row } from '../../lib/crud.ts';

/**
 * Derived progress: a work order's project (its own, or its sales order's) is the job's scope;
 * when that project has test executions, progress is completed ÷ counted executions, rounded
 * down to a whole percent (aborted and archived executions do not count: an aborted run is
 * replaced by another). Without executions, the hand-set `progress` stands. One batched query per
 * page for the counts, one per kind of label.
 */
export interface ExecutionCounts {
  total: number;
  completed: number;
}

export async function executionCounts(db: Db, projectIds: string[]): Promise<Map<string, ExecutionCounts>> {
  if (!projectIds.length) return new Map();
  const rows = await db
    .select({
      project_id: testExecutions.project_id,
      total: sql<number>`count(*)::int`,
      completed: sql<number>`(count(*) filter (where ${testExecutions.status} = 'completed'))::int`,
    })
    .from(testExecutions)
    .where(
      and(
        inArray(testExecutions.project_id, projectIds),
        isNull(testExecutions.archived_at),
        ne(testExecutions.status, 'aborted'),
      ),
    )
    .groupBy(testExecutions.project_id);
  return new Map(rows.map((r) => [r.project_id, { total: Number(r.total), completed: Number(r.completed) }]));
}

export const derivedPercent = (c: ExecutionCounts) => Math.floor((c.completed * 100) / c.total);

const distinct = (values: unknown[]) => [
  ...new Set(values.filter((v): v is string => typeof v === 'string')),
];

/** The project a work order's progress follows: its own, else its sales order's. */
export async function scopeProjects(db: Db, rows: Row[]) {
  const orderIds = distinct(rows.filter((r) => !r.project_id).map((r) => r.sales_order_id));
  const orders = orderIds.length
    ? await db
        .select({ id: salesOrders.id, number: salesOrders.number, project_id: salesOrders.project_id })
        .from(salesOrders)
        .where(inArray(salesOrders.id, orderIds))
    : [];
  const orderProject = new Map(orders.map((o) => [o.id, o.project_id]));
  return rows.map((r) =>
    r.project_id ? String(r.project_id) : (orderProject.get(String(r.sales_order_id)) ?? null),
  );
}

export async function expandWorkOrders(db: Db, rows: Row[]): Promise<Row[]> {
  const scopes = await scopeProjects(db, rows);
  const projectIds = distinct(rows.map((r) => r.project_id));
  const orderIds = distinct(rows.map((r) => r.sales_order_id));
  const assigneeIds = distinct(rows.map((r) => r.assignee_id));
  const [counts, projectRows, orderRows, userRows] = await Promise.all([
    executionCounts(db, distinct(scopes)),
    projectIds.length
      ? db
          .select({ id: projects.id, label: projects.number })
          .from(projects)
          .where(inArray(projects.id, projectIds))
      : [],
    orderIds.length
      ? db
          .select({ id: salesOrders.id, label: salesOrders.number })
          .from(salesOrders)
          .where(inArray(salesOrders.id, orderIds))
      : [],
    assigneeIds.length
      ? db
          .select({
            id: users.id,
            label: sql<string>`coalesce(nullif(${users.full_name}, ''), ${users.email})`,
          })
          .from(users)
          .where(inArray(users.id, assigneeIds))
      : [],
  ]);
  const maps = [projectRows, orderRows, userRows].map((l) => new Map(l.map((x) => [x.id, x.label])));
  const label = (map: Map<string, string>, id: unknown) =>
    typeof id === 'string' ? (map.get(id) ?? null) : null;
  return rows.map((r, i) => {
    const c = scopes[i] ? counts.get(scopes[i]!) : undefined;
    const derived = c && c.total > 0;
    return {
      ...r,
      project_number: label(maps[0]!, r.project_id),
      sales_order_number: label(maps[1]!, r.sales_order_id),
      assignee_name: label(maps[2]!, r.assignee_id),
      progress: derived ? derivedPercent(c) : r.progress,
      progress_source: derived ? 'executions' : 'manual',
      executions_total: c?.total ?? 0,
      executions_completed: c?.completed ?? 0,
    };
  });
}
