import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { signedIn } from '../../../test/factories/index.ts';
import { makeTask } from '../../../test/factories/tasks.ts';
import { auditEvents, notifications, tasks } from '../../db/schema/index.ts';
import { as } from './tasks.test-support.ts';

/** POST /tasks/bulk-update: all or nothing, with per-item errors. */
let t: TestApp;
let manager: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  t = await createTestApp();
  manager = await signedIn(t.app, 'manager');
});
afterAll(async () => t?.close());

const bulk = (body: object, headers = manager.headers) => as(t, headers).post('/tasks/bulk-update', body);
const snapshot = async (ids: string[]) =>
  (await t.app.db.select().from(tasks).where(inArray(tasks.id, ids))).sort((a, b) =>
    a.id.localeCompare(b.id),
  );

describe('POST /tasks/bulk-update', () => {
  it('changes status, assignee, priority and tags of every task in one go', async () => {
    const eng = await signedIn(t.app, 'engineer');
    const a = await makeTask(t.app, { tags: ['old', 'keep'] });
    const b = await makeTask(t.app, { tags: ['keep'] });
    const res = await bulk({
      ids: [a.id, b.id],
      changes: {
        status: 'in_progress',
        assignee_id: eng.user.id,
        priority: 'high',
        add_tags: ['New'],
        remove_tags: ['old'],
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().updated).toBe(2);
    for (const item of res.json().items) {
      expect(item).toMatchObject({
        status: 'in_progress',
        assignee_id: eng.user.id,
        priority: 'high',
        version: 2,
      });
      expect(item.tags.sort()).toEqual(['keep', 'new']);
    }
    const events = await t.app.db.select().from(auditEvents).where(eq(auditEvents.entity_id, a.id));
    expect(events.map((e) => e.action)).toEqual(['bulk_update:start']);
    expect(events[0].changes).toMatchObject({
      status: ['todo', 'in_progress'],
      priority: ['medium', 'high'],
    });
    const notes = await t.app.db.select().from(notifications).where(eq(notifications.user_id, eng.user.id));
    expect(notes).toHaveLength(2);
  });

  it('changes nothing when one item is bad, and names that item', async () => {
    const good = await makeTask(t.app, { status: 'todo' });
    const alsoGood = await makeTask(t.app, { status: 'review' });
    const bad = await makeTask(t.app, { status: 'done' });
    const missing = '01900000-0000-7000-8000-000000000000';
    const before = await snapshot([good.id, alsoGood.id, bad.id]);
    const res = await bulk({
      ids: [good.id, alsoGood.id, bad.id, missing],
      changes: { status: 'review', priority: 'low' },
    });
    expect(res.statusCode).toBe(422);
    const errors = res.json().errors as { field: string; message: string }[];
    expect(errors.map((e) => e.field)).toEqual(['items[0].status', 'items[2].status', 'items[3].id']);
    expect(errors[1].message).toContain(bad.number);
    expect(res.json().detail).toMatch(/^Nothing was changed/);
    expect(await snapshot([good.id, alsoGood.id, bad.id])).toEqual(before);
    const events = await t.app.db
      .select()
      .from(auditEvents)
      .where(inArray(auditEvents.entity_id, [good.id, alsoGood.id]));
    expect(events).toEqual([]);
  });

  it('rolls back every item when the hierarchy refuses one at the end', async () => {
    const parent = await makeTask(t.app, { status: 'review' });
    const child = await makeTask(t.app, { status: 'todo', parent_id: parent.id });
    const other = await makeTask(t.app, { status: 'review' });
    const before = await snapshot([parent.id, child.id, other.id]);
    const res = await bulk({ ids: [other.id, parent.id], changes: { status: 'done' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { field: 'items[1].status', message: `cannot be done while subtasks are open: ${child.number}` },
    ]);
    expect(await snapshot([parent.id, child.id, other.id])).toEqual(before);
    // the same parent with its child cancelled first in the same request is fine
    const cancel = await bulk({ ids: [child.id], changes: { status: 'cancelled' } });
    expect(cancel.statusCode).toBe(200);
    expect((await bulk({ ids: [parent.id, other.id], changes: { status: 'done' } })).statusCode).toBe(200);
  });

  it('refuses bad bodies with 422 naming the field', async () => {
    const task = await makeTask(t.app);
    expect((await bulk({ ids: [], changes: { priority: 'low' } })).statusCode).toBe(422);
    expect((await bulk({ ids: [task.id], changes: {} })).statusCode).toBe(422);
    expect((await bulk({ ids: [task.id, task.id], changes: { priority: 'low' } })).statusCode).toBe(422);
    expect((await bulk({ ids: [task.id], changes: { status: 'archived' } })).statusCode).toBe(422);
    const viewer = await signedIn(t.app, 'viewer');
    const res = await bulk({ ids: [task.id], changes: { assignee_id: viewer.user.id } });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('changes.assignee_id');
  });

  it('treats an engineer’s tasks of others as missing items', async () => {
    const eng = await signedIn(t.app, 'engineer');
    const mine = await makeTask(t.app, { assignee_id: eng.user.id });
    const notMine = await makeTask(t.app);
    const res = await bulk({ ids: [mine.id, notMine.id], changes: { priority: 'high' } }, eng.headers);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['items[1].id']);
    expect((await snapshot([mine.id]))[0].priority).toBe('medium');
    expect((await bulk({ ids: [mine.id], changes: { priority: 'high' } }, eng.headers)).statusCode).toBe(200);
  });
});
