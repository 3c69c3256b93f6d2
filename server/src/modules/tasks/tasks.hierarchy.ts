import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { tasks } from '../../db/schema/index.ts';
import { conflict, invalidField } from '../../lib/errors.ts';
import { openStatus } from './tasks.policy.ts';

/** Serializes changes of `parent_id`, so two moves at once cannot close a loop between them. */
const TASK_TREE_LOCK = 7262107;

const OPEN = ['todo', 'in_progress', 'review'];

/**
 * Checks a new parent for a task: it exists (and the caller may see it), it is not the task itself
 * or one of its descendants (a cycle: found with a recursive walk up from the new parent), and it is
 * not done while the task is open. `taskId` is undefined for a task being created.
 */
export async function checkParent(
  tx: Db,
  parentId: string,
  task: { id?: string; status: string },
  scope: SQL | undefined,
): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${TASK_TREE_LOCK})`);
  const [parent] = await tx
    .select({ id: tasks.id, number: tasks.number, status: tasks.status })
    .from(tasks)
    .where(and(eq(tasks.id, parentId), isNull(tasks.archived_at), scope));
  if (!parent) throw invalidField('parent_id', `no task ${parentId} (or it is archived)`);
  if (task.id) {
    if (parentId === task.id) throw invalidField('parent_id', 'a task cannot be its own parent');
    const result = (await tx.execute(sql`
      with recursive ancestors(id, parent_id, number, depth) as (
        select id, parent_id, number, 1 from tasks where id = ${parentId}
        union all
        select t.id, t.parent_id, t.number, a.depth + 1
        from tasks t join ancestors a on t.id = a.parent_id
        where a.depth < 10000
      )
      select number from ancestors where id = ${task.id} limit 1`)) as unknown as { rows: unknown[] };
    if (result.rows.length) {
      throw invalidField(
        'parent_id',
        `${parent.number} is a subtask of this task (directly or further down): that would make a cycle`,
      );
    }
  }
  if (parent.status === 'done' && OPEN.includes(task.status)) {
    throw conflict(`Parent ${parent.number} is done; reopen it before adding an open subtask (parent_id)`);
  }
}

/** The open direct subtasks of some tasks (archived ones do not count). */
export async function openChildren(tx: Db, parentIds: string[]) {
  if (!parentIds.length) return [];
  return tx
    .select({ parent_id: tasks.parent_id, number: tasks.number })
    .from(tasks)
    .where(and(inArray(tasks.parent_id, parentIds), isNull(tasks.archived_at), openStatus))
    .orderBy(tasks.number);
}

/** 409 when a task cannot be done because subtasks are still open, naming them. */
export async function assertNoOpenChildren(tx: Db, task: { id: string; [k: string]: unknown }) {
  const open = await openChildren(tx, [task.id]);
  if (open.length) {
    throw conflict(
      `${task.number} cannot be done while subtasks are open: ${open.map((c) => c.number).join(', ')}`,
    );
  }
}

/** 409 when reopening a task under a done parent (the parent would be done with an open child). */
export async function assertParentNotDone(tx: Db, parentId: unknown) {
  if (!parentId) return;
  const [parent] = await tx
    .select({ number: tasks.number, status: tasks.status })
    .from(tasks)
    .where(eq(tasks.id, String(parentId)));
  if (parent?.status === 'done') {
    throw conflict(`Parent ${parent.number} is done; reopen it before reopening this subtask`);
  }
}

/** Every descendant of a task with its depth, in tree order, within the caller's scope. */
export async function descendants(db: Db, id: string, scope: SQL | undefined, limit = 1000) {
  const result = (await db.execute(sql`
    with recursive tree(id, depth, path) as (
      select id, 1, array[number] from tasks where parent_id = ${id} and archived_at is null
      union all
      select t.id, tree.depth + 1, tree.path || t.number
      from tasks t join tree on t.parent_id = tree.id
      where t.archived_at is null and tree.depth < 50
    )
    select tree.id, tree.depth from tree order by tree.path limit ${limit}`)) as unknown as {
    rows: { id: string; depth: number }[];
  };
  if (!result.rows.length) return [];
  const rows = await db
    .select({
      id: tasks.id,
      number: tasks.number,
      title: tasks.title,
      status: tasks.status,
      priority: tasks.priority,
      assignee_id: tasks.assignee_id,
      parent_id: tasks.parent_id,
    })
    .from(tasks)
    .where(
      and(
        inArray(
          tasks.id,
          result.rows.map((r) => r.id),
        ),
        scope,
      ),
    );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return result.rows.flatMap((r) => {
    const row = byId.get(r.id);
    return row ? [{ ...row, depth: Number(r.depth) }] : [];
  });
}
