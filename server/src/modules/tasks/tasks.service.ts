import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { tasks, users } from '../../db/schema/index.ts';
import type { ActionDef, Machine } from '../../lib/actions.ts';
import type { Row } from '../../lib/crud.ts';
import { forbidden, HttpError, invalidField } from '../../lib/errors.ts';
import { notify } from '../../lib/notifications.ts';
import { MANAGERS } from '../../plugins/app/auth.ts';
import { resolveLinkTarget } from '../documents/links.ts';
import { assertNoOpenChildren, assertParentNotDone, checkParent } from './tasks.hierarchy.ts';
import { assertWorkingHours, isEngineer, taskScope } from './tasks.policy.ts';

export const TASK_WRITERS = [...MANAGERS, 'engineer'] as const;

/** Tags compare case-insensitively: trimmed, lower-case, each once. */
export const normalizeTags = (tags: readonly string[]) => [
  ...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean)),
];

/** An assignee must be an active staff user (customers and viewers do no lab work). */
export async function checkAssignee(tx: Db, assigneeId: string, field = 'assignee_id') {
  const [user] = await tx
    .select({ role: users.role, is_active: users.is_active })
    .from(users)
    .where(and(eq(users.id, assigneeId), isNull(users.archived_at)));
  if (!user?.is_active) throw invalidField(field, `no active user ${assigneeId}`);
  if (user.role === 'customer' || user.role === 'viewer') {
    throw invalidField(field, `a ${user.role} account cannot be assigned tasks; choose a staff member`);
  }
}

/** Tells a new assignee (unless they assigned it to themselves), in the writing transaction. */
export async function notifyAssigned(tx: Db, task: Row, actorId: string) {
  const assignee = task.assignee_id as string | null;
  if (!assignee || assignee === actorId) return;
  await notify(tx, {
    userIds: [assignee],
    kind: 'task_assigned',
    title: `${task.number} assigned to you: ${task.title}`,
    body: task.due_date
      ? `Task ${task.number} "${task.title}" is yours, due ${task.due_date}.`
      : `Task ${task.number} "${task.title}" is yours.`,
    link: `/tasks/${task.id}`,
    entity: { type: 'task', id: task.id },
  });
}

type TaskLink = { entity_type: string; entity_id: string };

/**
 * A task's links must name records that exist, as a document's do (422 on `links[i]`, naming the
 * kind and id); the same record linked twice is kept once. At most 20 links (schema), one lookup each.
 */
async function checkLinks(tx: Db, links: TaskLink[]): Promise<TaskLink[]> {
  const kept = new Map<string, TaskLink>();
  for (const [i, link] of links.entries()) {
    const key = `${link.entity_type}:${link.entity_id}`;
    if (kept.has(key)) continue;
    try {
      await resolveLinkTarget(tx, link.entity_type, link.entity_id);
    } catch (err) {
      const first = err instanceof HttpError ? err.extra.errors?.[0] : undefined;
      if (!first) throw err;
      throw invalidField(`links[${i}].${first.field}`, first.message);
    }
    kept.set(key, link);
  }
  return [...kept.values()];
}

/** Create: the reporter is the caller; an engineer creates tasks for themselves only. */
export async function taskToInsert(tx: Db, body: Record<string, unknown>, req: FastifyRequest) {
  const values: Record<string, unknown> = { ...body, reporter_id: req.user.id, status: 'todo' };
  if (isEngineer(req)) {
    if (values.assignee_id && values.assignee_id !== req.user.id) {
      throw forbidden(
        'Engineers create tasks for themselves; ask a manager to assign a task to someone else',
      );
    }
    values.assignee_id = req.user.id;
  }
  assertWorkingHours(req, String(values.priority ?? 'medium'), 'tasks');
  if (values.assignee_id) await checkAssignee(tx, String(values.assignee_id));
  if (values.parent_id)
    await checkParent(tx, String(values.parent_id), { status: 'todo' }, taskScope(req.user));
  values.tags = normalizeTags((values.tags as string[] | undefined) ?? []);
  values.links = await checkLinks(tx, (values.links as TaskLink[] | undefined) ?? []);
  return values;
}

export async function taskAfterInsert(tx: Db, row: Row, req: FastifyRequest) {
  await notifyAssigned(tx, row, req.user.id);
}

/** PUT/PATCH: the working-hours policy, assignee and parent rules, and the assignment notice. */
export async function taskToPatch(tx: Db, patch: Record<string, unknown>, before: Row, req: FastifyRequest) {
  assertWorkingHours(req, String(before.priority), before.number as string);
  const out = { ...patch };
  if ('assignee_id' in out && out.assignee_id !== before.assignee_id) {
    if (isEngineer(req)) {
      throw forbidden('Engineers cannot reassign tasks; ask a manager to assign this task to someone else');
    }
    if (out.assignee_id) await checkAssignee(tx, String(out.assignee_id));
    await notifyAssigned(tx, { ...before, ...out } as Row, req.user.id);
  }
  if ('parent_id' in out && out.parent_id && out.parent_id !== before.parent_id) {
    await checkParent(
      tx,
      String(out.parent_id),
      { id: before.id, status: String(before.status) },
      taskScope(req.user),
    );
  }
  if ('tags' in out) out.tags = normalizeTags((out.tags as string[] | null) ?? []);
  if ('links' in out) out.links = await checkLinks(tx, (out.links as TaskLink[] | null) ?? []);
  if ('priority' in out && out.priority === null) out.priority = 'medium';
  return out;
}

const writers = TASK_WRITERS;
const policy: ActionDef['apply'] = (_tx, row, _body, req) => {
  assertWorkingHours(req, String(row.priority), String(row.number));
  return undefined;
};

/**
 * todo → in_progress (start) → review (submit) → done (complete); review → in_progress
 * (send_back); cancel from any open state; reopen a done task (→ in_progress) or a cancelled one
 * (→ todo). A parent cannot be done while a subtask is open, nor a subtask reopened under a done parent.
 */
export const taskMachine: Machine = {
  actions: [
    { name: 'start', from: ['todo'], to: 'in_progress', roles: writers, apply: policy },
    {
      name: 'submit',
      from: ['in_progress'],
      to: 'review',
      roles: writers,
      summary: 'Ready for review',
      apply: policy,
    },
    {
      name: 'complete',
      from: ['review'],
      to: 'done',
      roles: writers,
      apply: async (tx, row, body, req) => {
        policy(tx, row, body, req);
        await assertNoOpenChildren(tx, row);
        return { completed_at: new Date() };
      },
    },
    {
      name: 'send_back',
      from: ['review'],
      to: 'in_progress',
      roles: writers,
      summary: 'Needs more work',
      apply: policy,
    },
    {
      name: 'cancel',
      from: ['todo', 'in_progress', 'review'],
      to: 'cancelled',
      roles: writers,
      apply: policy,
    },
    {
      name: 'reopen',
      from: ['done', 'cancelled'],
      roles: writers,
      summary: 'Reopen (done → in_progress, cancelled → todo)',
      apply: async (tx, row, body, req) => {
        policy(tx, row, body, req);
        await assertParentNotDone(tx, row.parent_id);
        return { status: row.status === 'done' ? 'in_progress' : 'todo', completed_at: null };
      },
    },
  ],
};

/** The action that moves a task from `from` to `to`, for the bulk update and the board. */
export function actionBetween(from: string, to: string): string | undefined {
  for (const action of taskMachine.actions) {
    if (!action.from.includes(from)) continue;
    const target =
      action.to ?? (action.name === 'reopen' ? (from === 'done' ? 'in_progress' : 'todo') : undefined);
    if (target === to) return action.name;
  }
  return undefined;
}

/** Names of the assignee and reporter, the parent's number and subtask counts, for a page at once. */
export async function expandTasks(db: Db, rows: Row[]): Promise<Row[]> {
  const ids = rows.map((r) => r.id);
  const userIds = [
    ...new Set(rows.flatMap((r) => [r.assignee_id, r.reporter_id]).filter(Boolean)),
  ] as string[];
  const parentIds = [...new Set(rows.map((r) => r.parent_id).filter(Boolean))] as string[];
  const [people, parents, counts] = await Promise.all([
    userIds.length
      ? db
          .select({
            id: users.id,
            name: sql<string>`coalesce(nullif(${users.full_name}, ''), ${users.email})`,
          })
          .from(users)
          .where(inArray(users.id, userIds))
      : [],
    parentIds.length
      ? db.select({ id: tasks.id, number: tasks.number }).from(tasks).where(inArray(tasks.id, parentIds))
      : [],
    db
      .select({
        parent_id: tasks.parent_id,
        total: sql<number>`count(*)::int`,
        open: sql<number>`(count(*) filter (where ${tasks.status} in ('todo','in_progress','review')))::int`,
      })
      .from(tasks)
      .where(and(inArray(tasks.parent_id, ids), isNull(tasks.archived_at)))
      .groupBy(tasks.parent_id),
  ]);
  const name = new Map(people.map((p) => [p.id, p.name]));
  const parentNumber = new Map(parents.map((p) => [p.id, p.number]));
  const count = new Map(counts.map((c) => [c.parent_id, c]));
  return rows.map((row) => ({
    ...row,
    assignee_name: row.assignee_id ? (name.get(row.assignee_id as string) ?? null) : null,
    reporter_name: row.reporter_id ? (name.get(row.reporter_id as string) ?? null) : null,
    parent_number: row.parent_id ? (parentNumber.get(row.parent_id as string) ?? null) : null,
    subtask_count: Number(count.get(row.id)?.total ?? 0),
    open_subtask_count: Number(count.get(row.id)?.open ?? 0),
  }));
}
