import { and, inArray } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import { tasks } from '../../db/schema/index.ts';
import type { Row } from '../../lib/crud.ts';
import { updateEntity } from '../../lib/crud.ts';
import { type FieldError, forbidden, unprocessable } from '../../lib/errors.ts';
import { IdempotencyHeaders } from '../../lib/schemas.ts';
import type { App } from '../../types.ts';
import { openChildren } from './tasks.hierarchy.ts';
import { assertWorkingHours, isEngineer, taskScope } from './tasks.policy.ts';
import { BulkUpdateBody, TaskPublic } from './tasks.schemas.ts';
import {
  actionBetween,
  checkAssignee,
  expandTasks,
  normalizeTags,
  notifyAssigned,
  TASK_WRITERS,
} from './tasks.service.ts';

type Body = Static<typeof BulkUpdateBody>;
const REF = { table: tasks, name: 'task' };
const OPEN = ['todo', 'in_progress', 'review'];

/** The new values for one task, or the reasons it cannot change (field names `items[i].…`). */
function planItem(
  row: Row,
  changes: Body['changes'],
  at: string,
): { patch: Record<string, unknown>; errors: FieldError[]; action?: string } {
  const patch: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  let action: string | undefined;
  if (changes.status && changes.status !== row.status) {
    action = actionBetween(String(row.status), changes.status);
    if (!action) {
      errors.push({
        field: `${at}.status`,
        message: `${row.number} is ${row.status}; it cannot move to ${changes.status} in one step`,
      });
    } else {
      patch.status = changes.status;
      if (changes.status === 'done') patch.completed_at = new Date();
      if (row.status === 'done') patch.completed_at = null;
    }
  }
  if (changes.assignee_id !== undefined) patch.assignee_id = changes.assignee_id;
  if (changes.priority) patch.priority = changes.priority;
  if (changes.add_tags?.length || changes.remove_tags?.length) {
    const remove = new Set(normalizeTags(changes.remove_tags ?? []));
    const tags = normalizeTags([...(row.tags as string[]), ...(changes.add_tags ?? [])]).filter(
      (t) => !remove.has(t),
    );
    if (tags.length > 20)
      errors.push({ field: `${at}.tags`, message: `${row.number} would have more than 20 tags` });
    patch.tags = tags;
  }
  return { patch, errors, action };
}

/**
 * POST /tasks/bulk-update: one change applied to many tasks in ONE transaction. Every item is
 * checked (visible to the caller, a legal status move, rules of the hierarchy); if any item fails
 * the answer is 422 with `errors[]` naming each failing item (`items[3].status`) and nothing changed.
 * Each changed task gets its own version bump and audit event (action `bulk_update`).
 */
export function registerBulkUpdate(app: App) {
  app.post(
    '/api/v1/tasks/bulk-update',
    {
      config: { roles: TASK_WRITERS, idempotent: true },
      schema: {
        operationId: 'tasks-bulk-update',
        tags: ['tasks'],
        summary: 'Change status, assignee, priority or tags of many tasks: all or nothing',
        description:
          'A status change takes the same route as the actions (todo → in_progress → review → done, ' +
          'cancel, reopen); a move no single action makes is an item error. `items[i]` in `errors[]` ' +
          'is the i-th id of `ids`.',
        headers: IdempotencyHeaders,
        body: BulkUpdateBody,
        response: {
          200: Type.Object(
            { items: Type.Array(TaskPublic), updated: Type.Integer({ description: 'Tasks that changed' }) },
            { title: 'TaskBulkUpdateResult' },
          ),
        },
      },
    },
    async (req) => {
      const body = req.body as Body;
      const { rows, updated } = await app.db.transaction((tx) => bulkUpdate(tx, body, req));
      return { items: (await expandTasks(app.db, rows)) as never[], updated };
    },
  );
}

async function bulkUpdate(tx: Db, body: Body, req: FastifyRequest) {
  const { ids, changes } = body;
  if (changes.assignee_id) {
    if (isEngineer(req) && changes.assignee_id !== req.user.id) {
      throw forbidden('Engineers cannot reassign tasks; ask a manager to assign them to someone else');
    }
    await checkAssignee(tx, changes.assignee_id, 'changes.assignee_id');
  }
  const found = (await tx
    .select()
    .from(tasks)
    .where(and(inArray(tasks.id, ids), taskScope(req.user)))
    .orderBy(tasks.id)
    .for('update')) as Row[];
  const byId = new Map(found.map((r) => [r.id, r]));
  const errors: FieldError[] = [];
  const plans: { row: Row; patch: Record<string, unknown>; action?: string }[] = [];
  for (const [i, id] of ids.entries()) {
    const row = byId.get(id);
    const at = `items[${i}]`;
    if (!row) {
      errors.push({ field: `${at}.id`, message: `no task ${id}` });
      continue;
    }
    if (row.archived_at) {
      errors.push({ field: `${at}.id`, message: `${row.number} is archived; restore it first` });
      continue;
    }
    // outside working hours: 403 for the whole request, naming the hours
    assertWorkingHours(req, String(row.priority), String(row.number));
    const plan = planItem(row, changes, at);
    errors.push(...plan.errors);
    plans.push({ row, ...plan });
  }
  if (errors.length) throw unprocessable(errors, describe(errors));

  const rows: Row[] = [];
  let updated = 0;
  for (const { row, patch, action } of plans) {
    if (patch.assignee_id !== undefined && patch.assignee_id !== row.assignee_id) {
      await notifyAssigned(tx, { ...row, ...patch } as Row, req.user.id);
    }
    const { after } = await updateEntity(tx, REF, req.audit, row.id, patch, {
      action: action ? `bulk_update:${action}` : 'bulk_update',
    });
    if (after.version !== row.version) updated++;
    rows.push(after);
  }
  await checkHierarchy(tx, ids, rows, errors);
  if (errors.length) throw unprocessable(errors, describe(errors));
  return { rows, updated };
}

/**
 * After every item is applied (so the order of `ids` does not matter): no task made done has an open
 * subtask, and no task reopened sits under a done parent.
 */
async function checkHierarchy(tx: Db, ids: string[], rows: Row[], errors: FieldError[]) {
  const index = new Map(ids.map((id, i) => [id, i]));
  const done = rows.filter((r) => r.status === 'done').map((r) => r.id);
  const open = await openChildren(tx, done);
  for (const parentId of new Set(open.map((c) => c.parent_id as string))) {
    const names = open.filter((c) => c.parent_id === parentId).map((c) => c.number);
    errors.push({
      field: `items[${index.get(parentId)}].status`,
      message: `cannot be done while subtasks are open: ${names.join(', ')}`,
    });
  }
  const reopened = rows.filter((r) => OPEN.includes(String(r.status)) && r.parent_id);
  if (reopened.length) {
    const parents = await tx
      .select({ id: tasks.id, number: tasks.number, status: tasks.status })
      .from(tasks)
      .where(inArray(tasks.id, [...new Set(reopened.map((r) => r.parent_id as string))]));
    const doneParents = new Map(parents.filter((p) => p.status === 'done').map((p) => [p.id, p.number]));
    for (const r of reopened) {
      const parent = doneParents.get(r.parent_id as string);
      if (parent)
        errors.push({
          field: `items[${index.get(r.id)}].status`,
          message: `parent ${parent} is done; reopen it first`,
        });
    }
  }
}

const describe = (errors: FieldError[]) =>
  `Nothing was changed: ${errors.length} item error${errors.length === 1 ? '' : 's'}; ${errors
    .slice(0, 5)
    .map((e) => `${e.field}: ${e.message}`)
    .join('; ')}`;
