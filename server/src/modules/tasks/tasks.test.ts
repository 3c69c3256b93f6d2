import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { makeCustomer, signedIn } from '../../../test/factories/index.ts';
import { makeTask } from '../../../test/factories/tasks.ts';
import { notifications } from '../../db/schema/index.ts';
import { AUTH_TEST_CONFIG, startSmtp } from '../auth/auth.test-support.ts';
import { as } from './tasks.test-support.ts';

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let t: TestApp;
let manager: Awaited<ReturnType<typeof signedIn>>;
let engineer: Awaited<ReturnType<typeof signedIn>>;
let customer: { id: string };

beforeAll(async () => {
  smtp = await startSmtp();
  t = await createTestApp({
    ...AUTH_TEST_CONFIG,
    SMTP_URL: smtp.url,
    PUBLIC_URL: 'https://lab.example.test',
  });
  manager = await signedIn(t.app, 'manager');
  engineer = await signedIn(t.app, 'engineer');
  customer = await makeCustomer(t.app);
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe('POST /tasks', () => {
  it('creates TSK numbers with the caller as reporter and normalized tags', async () => {
    const res = await as(t, manager.headers).post('/tasks', {
      title: 'Calibrate oven 3',
      priority: 'high',
      due_date: '2026-12-01',
      tags: ['Calibration', ' calibration ', 'oven'],
      links: [
        { entity_type: 'customer', entity_id: customer.id },
        { entity_type: 'customer', entity_id: customer.id },
      ],
    });
    expect(res.statusCode).toBe(201);
    const task = res.json();
    expect(task.number).toMatch(/^TSK-\d{6}$/);
    expect(task).toMatchObject({
      status: 'todo',
      priority: 'high',
      reporter_id: manager.user.id,
      tags: ['calibration', 'oven'],
      links: [{ entity_type: 'customer', entity_id: customer.id }],
      allowed_actions: ['start', 'cancel'],
      subtask_count: 0,
    });
    expect(res.headers.location).toBe(`/api/v1/tasks/${task.id}`);
  });

  it('refuses hostile input, naming the field', async () => {
    const post = as(t, manager.headers).post;
    const cases: [object, string][] = [
      [{}, 'title'],
      [{ title: '' }, 'title'],
      [{ title: 'x', priority: 'urgent' }, 'priority'],
      [{ title: 'x', due_date: '2026-13-40' }, 'due_date'],
      [{ title: 'x', links: [{ entity_type: 'DROP TABLE', entity_id: 'x' }] }, 'links'],
      // a link must name a record that exists, of a kind that can be linked
      [
        {
          title: 'x',
          links: [{ entity_type: 'project', entity_id: '01900000-0000-7000-8000-000000000001' }],
        },
        'links[0].entity_id',
      ],
      [
        {
          title: 'x',
          links: [{ entity_type: 'spaceship', entity_id: '01900000-0000-7000-8000-000000000001' }],
        },
        'links[0].entity_type',
      ],
      [{ title: 'x', assignee_id: '01900000-0000-7000-8000-000000000000' }, 'assignee_id'],
      [{ title: 'x', parent_id: '01900000-0000-7000-8000-000000000000' }, 'parent_id'],
    ];
    for (const [body, field] of cases) {
      const res = await post('/tasks', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(JSON.stringify(res.json().errors)).toContain(field);
    }
  });

  it('does not assign tasks to customers or viewers', async () => {
    const viewer = await signedIn(t.app, 'viewer');
    const res = await as(t, manager.headers).post('/tasks', { title: 'x', assignee_id: viewer.user.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('assignee_id');
  });
});

describe('assignment notifications', () => {
  it('notifies the assignee in-app and by e-mail through SMTP', async () => {
    const eng = await signedIn(t.app, 'engineer');
    const res = await as(t, manager.headers).post('/tasks', {
      title: 'Swab bench 4',
      assignee_id: eng.user.id,
    });
    expect(res.statusCode).toBe(201);
    const task = res.json();
    const [row] = await t.app.db.select().from(notifications).where(eq(notifications.user_id, eng.user.id));
    expect(row).toMatchObject({
      kind: 'task_assigned',
      entity_type: 'task',
      entity_id: task.id,
      link: `/tasks/${task.id}`,
    });
    const mail = await smtp.next(
      eng.user.email,
      new RegExp(`Subject: \\[Labline\\] ${task.number} assigned to you`),
    );
    expect(mail.text).toContain(`https://lab.example.test/tasks/${task.id}`);
    const bell = await as(t, eng.headers).get('/notifications/unread-count');
    expect(bell.json()).toEqual({ unread: 1 });
  });

  it('notifies on reassignment by PATCH, and not the one who assigned it to themselves', async () => {
    const eng = await signedIn(t.app, 'engineer');
    const task = (await as(t, manager.headers).post('/tasks', { title: 'Unassigned' })).json();
    expect(
      (await as(t, manager.headers).patch(`/tasks/${task.id}`, { assignee_id: eng.user.id })).statusCode,
    ).toBe(200);
    const mine = await t.app.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.user_id, eng.user.id), eq(notifications.entity_id, task.id)));
    expect(mine).toHaveLength(1);
    const own = (await as(t, eng.headers).post('/tasks', { title: 'My own note' })).json();
    expect(own.assignee_id).toBe(eng.user.id);
    const self = await t.app.db.select().from(notifications).where(eq(notifications.entity_id, own.id));
    expect(self).toEqual([]);
  });
});

describe('roles', () => {
  it('shows an engineer only the tasks assigned to them; others are 404', async () => {
    const eng = await signedIn(t.app, 'engineer');
    const mine = await makeTask(t.app, { title: 'mine', assignee_id: eng.user.id, tags: ['scoped'] });
    const theirs = await makeTask(t.app, {
      title: 'theirs',
      assignee_id: engineer.user.id,
      tags: ['scoped'],
    });
    const unassigned = await makeTask(t.app, { title: 'nobody', tags: ['scoped'] });
    const e = as(t, eng.headers);
    const list = (await e.get('/tasks?tag=scoped')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([mine.id]);
    for (const other of [theirs, unassigned]) {
      expect((await e.get(`/tasks/${other.id}`)).statusCode).toBe(404);
      expect((await e.patch(`/tasks/${other.id}`, { title: 'hijack' })).statusCode).toBe(404);
      expect((await e.post(`/tasks/${other.id}/start`)).statusCode).toBe(404);
      expect((await e.get(`/tasks/${other.id}/history`)).statusCode).toBe(404);
    }
    expect((await e.post(`/tasks/${mine.id}/start`)).statusCode).toBe(200);
    // managers see all three
    const all = (await as(t, manager.headers).get('/tasks?tag=scoped')).json();
    expect(all.total).toBe(3);
  });

  it('lets an engineer neither reassign a task nor create one for someone else', async () => {
    const eng = await signedIn(t.app, 'engineer');
    const task = await makeTask(t.app, { assignee_id: eng.user.id });
    const e = as(t, eng.headers);
    expect((await e.patch(`/tasks/${task.id}`, { assignee_id: engineer.user.id })).statusCode).toBe(403);
    expect(
      (await e.post('/tasks', { title: 'for a colleague', assignee_id: engineer.user.id })).statusCode,
    ).toBe(403);
  });

  it('lets auditors and viewers read but not write, and customers nothing', async () => {
    const task = await makeTask(t.app);
    for (const role of ['auditor', 'viewer'] as const) {
      const who = as(t, (await signedIn(t.app, role)).headers);
      expect((await who.get(`/tasks/${task.id}`)).statusCode).toBe(200);
      expect((await who.patch(`/tasks/${task.id}`, { title: 'no' })).statusCode).toBe(403);
      expect(
        (await who.post('/tasks/bulk-update', { ids: [task.id], changes: { priority: 'low' } })).statusCode,
      ).toBe(403);
    }
    const customer = as(t, (await signedIn(t.app, 'customer')).headers);
    expect((await customer.get('/tasks')).statusCode).toBe(403);
    expect((await customer.get(`/tasks/${task.id}`)).statusCode).toBe(403);
  });
});

describe('filters', () => {
  it('filters by tag, status, priority and assignee', async () => {
    const tag = `t${Date.now()}`;
    const a = await makeTask(t.app, {
      tags: [tag, 'x'],
      priority: 'critical',
      assignee_id: engineer.user.id,
    });
    await makeTask(t.app, { tags: [tag], status: 'done' });
    await makeTask(t.app, { tags: ['other'] });
    const m = as(t, manager.headers);
    expect((await m.get(`/tasks?tag=${tag}`)).json().total).toBe(2);
    expect((await m.get(`/tasks?tag=${tag}&status=done`)).json().total).toBe(1);
    const crit = (await m.get(`/tasks?tag=${tag}&priority=critical&assignee_id=${engineer.user.id}`)).json();
    expect(crit.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    expect((await m.get('/tasks?status=nope')).statusCode).toBe(422);
    const csv = await m.get(`/tasks?tag=${tag}&format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toContain('number,title,status');
  });
});

describe('hierarchy', () => {
  it('refuses a cycle A → B → C → A, naming parent_id', async () => {
    const m = as(t, manager.headers);
    const a = (await m.post('/tasks', { title: 'A' })).json();
    const b = (await m.post('/tasks', { title: 'B', parent_id: a.id })).json();
    const c = (await m.post('/tasks', { title: 'C', parent_id: b.id })).json();
    const res = await m.patch(`/tasks/${a.id}`, { parent_id: c.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('parent_id');
    expect(res.json().errors[0].message).toContain(c.number);
    const self = await m.patch(`/tasks/${a.id}`, { parent_id: a.id });
    expect(self.statusCode).toBe(422);
    expect((await m.get(`/tasks/${a.id}`)).json().parent_id).toBeNull();
    // the subtree, in tree order
    const tree = (await m.get(`/tasks/${a.id}/subtasks`)).json().items;
    expect(tree.map((n: { number: string; depth: number }) => [n.number, n.depth])).toEqual([
      [b.number, 1],
      [c.number, 2],
    ]);
  });

  it('lets only one of two simultaneous moves close a loop between two tasks', async () => {
    const m = as(t, manager.headers);
    const a = (await m.post('/tasks', { title: 'A' })).json();
    const b = (await m.post('/tasks', { title: 'B' })).json();
    const answers = await Promise.all([
      m.patch(`/tasks/${a.id}`, { parent_id: b.id }),
      m.patch(`/tasks/${b.id}`, { parent_id: a.id }),
    ]);
    // the loser is refused: 422 naming parent_id when it runs after the winner committed, or 409
    // "retry" when PostgreSQL breaks the lock wait between the two as a deadlock; never both saved
    const codes = answers.map((r) => r.statusCode).sort();
    expect(codes[0]).toBe(200);
    expect([409, 422]).toContain(codes[1]);
    const [ra, rb] = [(await m.get(`/tasks/${a.id}`)).json(), (await m.get(`/tasks/${b.id}`)).json()];
    expect([ra.parent_id, rb.parent_id].filter(Boolean)).toHaveLength(1);
  });

  it('refuses to complete a parent while a child is open, naming the child', async () => {
    const m = as(t, manager.headers);
    const parent = (await m.post('/tasks', { title: 'Parent' })).json();
    const child = (await m.post('/tasks', { title: 'Child', parent_id: parent.id })).json();
    for (const action of ['start', 'submit'])
      expect((await m.post(`/tasks/${parent.id}/${action}`)).statusCode).toBe(200);
    const refused = await m.post(`/tasks/${parent.id}/complete`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain(child.number);
    expect((await m.get(`/tasks/${parent.id}`)).json().open_subtask_count).toBe(1);
    expect((await m.post(`/tasks/${child.id}/cancel`)).statusCode).toBe(200);
    const done = await m.post(`/tasks/${parent.id}/complete`);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', allowed_actions: ['reopen'] });
    expect(done.json().completed_at).not.toBeNull();
    // the cancelled child cannot be reopened under a done parent, nor a new open child added
    expect((await m.post(`/tasks/${child.id}/reopen`)).statusCode).toBe(409);
    expect((await m.post('/tasks', { title: 'late', parent_id: parent.id })).statusCode).toBe(409);
  });

  it('answers 409 naming the state for an action from the wrong state', async () => {
    const task = await makeTask(t.app);
    const res = await as(t, manager.headers).post(`/tasks/${task.id}/complete`);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('todo');
  });
});

describe('GET /tasks/{id}/history', () => {
  it('shows each field change with before and after and who made it', async () => {
    const m = as(t, manager.headers);
    const task = (await m.post('/tasks', { title: 'Tracked', priority: 'low' })).json();
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tasks/${task.id}`,
      headers: { ...manager.headers, 'if-match': '"1"' },
      payload: { priority: 'high', tags: ['a'] },
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.headers.etag).toBe('"2"');
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tasks/${task.id}`,
      headers: { ...manager.headers, 'if-match': '"1"' },
      payload: { priority: 'low' },
    });
    expect(stale.statusCode).toBe(412);
    await m.post(`/tasks/${task.id}/start`);
    const history = (await m.get(`/tasks/${task.id}/history`)).json().items;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['start', 'update', 'create']);
    expect(history[0].changes.status).toEqual(['todo', 'in_progress']);
    expect(history[1].changes.priority).toEqual(['low', 'high']);
    expect(history[1].changes.tags).toEqual([[], ['a']]);
    expect(history[0].actor_id).toBe(manager.user.id);
  });
});
