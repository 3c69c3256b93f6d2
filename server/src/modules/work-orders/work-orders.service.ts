import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { projects, salesOrders, users } from '../../db/schema/index.ts';
import type { ActionDef, Machine } from '../../lib/actions.ts';
import type { Row } from '../../lib/crud.ts';
import { conflict, forbidden, invalidField } from '../../lib/errors.ts';
import { MANAGERS } from '../../plugins/app/auth.ts';
import { derivedPercent, executionCounts, scopeProjects } from './work-orders.progress.ts';
import { OptionalReasonBody, ProgressBody } from './work-orders.schemas.ts';

/**
 * Work-order rules. open → in_progress (`start`) ⇄ on_hold (`hold` / `resume`) → done
 * (`complete`) | cancelled (`cancel`). Managers create and edit; an engineer may run the
 * state actions and `set-progress` on work orders assigned to them, and nothing else (403).
 * A work order needs a project or a sales order (both must exist; a sales order with a project
 * must agree with the project given). Progress set by hand is refused (409) while it is derived.
 */
const OPEN = ['open', 'in_progress', 'on_hold'];
const BENCH = [...MANAGERS, 'engineer'] as const;

async function requireProject(tx: Db, id: unknown) {
  const [row] = await tx
    .select({ id: projects.id, number: projects.number, archived_at: projects.archived_at })
    .from(projects)
    .where(eq(projects.id, String(id)));
  if (!row) throw invalidField('project_id', `project ${id} does not exist`);
  if (row.archived_at) throw conflict(`Project ${row.number} is archived; restore it first`);
  return row;
}

async function requireSalesOrder(tx: Db, id: unknown) {
  const [row] = await tx
    .select({
      id: salesOrders.id,
      number: salesOrders.number,
      project_id: salesOrders.project_id,
      archived_at: salesOrders.archived_at,
    })
    .from(salesOrders)
    .where(eq(salesOrders.id, String(id)));
  if (!row) throw invalidField('sales_order_id', `sales order ${id} does not exist`);
  if (row.archived_at) throw conflict(`Sales order ${row.number} is archived; restore it first`);
  return row;
}

async function requireAssignee(tx: Db, id: unknown) {
  if (id === null || id === undefined) return;
  const [row] = await tx
    .select({ role: users.role })
    .from(users)
    .where(and(eq(users.id, String(id)), eq(users.is_active, true), isNull(users.archived_at)));
  if (!row || !['engineer', 'manager', 'admin'].includes(row.role)) {
    throw invalidField('assignee_id', 'must be an active engineer, manager or admin');
  }
}

/** Checks the links of a work order as it will be after the write. */
async function checkLinks(tx: Db, merged: Record<string, unknown>) {
  if (merged.project_id == null && merged.sales_order_id == null) {
    throw invalidField('project_id', 'a work order needs a project_id or a sales_order_id');
  }
  if (merged.project_id != null) await requireProject(tx, merged.project_id);
  if (merged.sales_order_id != null) {
    const order = await requireSalesOrder(tx, merged.sales_order_id);
    if (merged.project_id != null && order.project_id && order.project_id !== merged.project_id) {
      throw invalidField('sales_order_id', `sales order ${order.number} belongs to another project`);
    }
  }
}

/** 409 when the progress of this (future) work order is derived from executions. */
async function refuseIfDerived(tx: Db, merged: Record<string, unknown>) {
  const [scope] = await scopeProjects(tx, [merged as Row]);
  if (!scope) return;
  const counts = (await executionCounts(tx, [scope])).get(scope);
  if (counts && counts.total > 0) {
    throw conflict(
      `Progress is derived from the project's test executions (${counts.completed} of ${counts.total} ` +
        `completed = ${derivedPercent(counts)} %); it cannot be set by hand`,
    );
  }
}

export async function workOrderToInsert(tx: Db, body: Record<string, unknown>) {
  await checkLinks(tx, body);
  await requireAssignee(tx, body.assignee_id);
  const values: Record<string, unknown> = { ...body, title: String(body.title).trim(), status: 'open' };
  if (!values.title) throw invalidField('title', 'must not be blank');
  if (values.progress == null) delete values.progress;
  else await refuseIfDerived(tx, values);
  return values;
}

export async function workOrderToPatch(
  tx: Db,
  patch: Record<string, unknown>,
  before: Row,
  _req: FastifyRequest,
) {
  if (!OPEN.includes(String(before.status))) {
    throw conflict(`Cannot edit a work order that is ${before.status}; open work orders are editable`);
  }
  const out = { ...patch };
  if (typeof out.title === 'string') {
    out.title = out.title.trim();
    if (!out.title) throw invalidField('title', 'must not be blank');
  }
  if (out.priority === null) delete out.priority;
  // PUT sends an omitted progress as null: keep the stored figure
  if (out.progress === null) delete out.progress;
  const merged = { ...before, ...out };
  if ('project_id' in out || 'sales_order_id' in out) await checkLinks(tx, merged);
  if ('assignee_id' in out && out.assignee_id !== before.assignee_id)
    await requireAssignee(tx, out.assignee_id);
  if ('progress' in out && out.progress !== before.progress) await refuseIfDerived(tx, merged);
  return out;
}

/** Engineers act only on work orders assigned to them. */
function assigneeOnly(req: FastifyRequest, row: Row) {
  if (req.user.role === 'engineer' && row.assignee_id !== req.user.id) {
    throw forbidden(`Work order ${row.number} is not assigned to you; ask a manager to reassign it`);
  }
}

const bench = (
  name: string,
  from: string[],
  to: string | undefined,
  summary: string,
  extra?: ActionDef['apply'],
  body?: ActionDef['body'],
): ActionDef => ({
  name,
  from,
  to,
  roles: BENCH,
  summary,
  body,
  apply: async (tx, row, b, req) => {
    assigneeOnly(req, row);
    return (await extra?.(tx, row, b, req)) ?? {};
  },
});

const reason = (_tx: Db, _row: Row, body: Record<string, unknown>) => ({
  status_reason: typeof body.reason === 'string' && body.reason.trim() ? body.reason.trim() : null,
});

export const workOrderMachine: Machine = {
  actions: [
    bench('start', ['open'], 'in_progress', 'Start the work', (_tx, row) => ({
      started_at: row.started_at ?? new Date(),
      status_reason: null,
    })),
    bench('hold', ['in_progress'], 'on_hold', 'Pause (reason optional)', reason, OptionalReasonBody),
    bench('resume', ['on_hold'], 'in_progress', 'Continue after a hold', () => ({ status_reason: null })),
    bench('complete', ['in_progress'], 'done', 'The job is done', async (tx, row) => {
      const [scope] = await scopeProjects(tx, [row]);
      const counts = scope ? (await executionCounts(tx, [scope])).get(scope) : undefined;
      // a hand-tracked job is 100 % when done; a derived one keeps following its executions
      return { completed_at: new Date(), ...(counts?.total ? {} : { progress: 100 }) };
    }),
    bench(
      'set-progress',
      OPEN,
      undefined,
      'Set progress by hand (409 while derived from test executions)',
      async (tx, row, body) => {
        await refuseIfDerived(tx, row);
        return { progress: body.progress };
      },
      ProgressBody,
    ),
    {
      name: 'cancel',
      from: OPEN,
      to: 'cancelled',
      roles: MANAGERS,
      body: OptionalReasonBody,
      summary: 'Stop the job for good (reason optional)',
      apply: reason,
    },
  ],
};
