import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { signedIn } from '../../../test/factories/index.ts';
import { makeTask } from '../../../test/factories/tasks.ts';
import { loadConfig } from '../../config.ts';
import { notifications } from '../../db/schema/index.ts';
import { runReminders } from '../notifications/reminders.ts';
import { localDate, localTime, parseWorkHours, withinWindow } from './tasks.policy.ts';
import { as } from './tasks.test-support.ts';

/** The working-hours policy and the due-tomorrow reminder, with a fixed clock (no real time). */
let t: TestApp;
let engineer: Awaited<ReturnType<typeof signedIn>>;
let manager: Awaited<ReturnType<typeof signedIn>>;
const realNow = () => new Date();

beforeAll(async () => {
  t = await createTestApp({ WORK_HOURS: '09:00-18:00', TIMEZONE: 'Europe/Berlin' });
  engineer = await signedIn(t.app, 'engineer');
  manager = await signedIn(t.app, 'manager');
});
afterEach(() => {
  t.app.clock.now = realNow;
});
afterAll(async () => t?.close());

/** 2026-07-15 is summer time in Berlin (UTC+2): 10:00 Berlin = 08:00Z, 20:00 Berlin = 18:00Z. */
const at = (iso: string) => {
  t.app.clock.now = () => new Date(iso);
};
const INSIDE = '2026-07-15T08:00:00Z';
const OUTSIDE = '2026-07-15T18:00:00Z';

describe('working hours (WORK_HOURS=09:00-18:00, Europe/Berlin)', () => {
  it('lets an engineer change a task inside the hours', async () => {
    const task = await makeTask(t.app, { assignee_id: engineer.user.id });
    at(INSIDE);
    const e = as(t, engineer.headers);
    expect((await e.patch(`/tasks/${task.id}`, { title: 'inside hours' })).statusCode).toBe(200);
    expect((await e.post(`/tasks/${task.id}/start`)).statusCode).toBe(200);
  });

  it('refuses an engineer outside the hours with a 403 that says when', async () => {
    const task = await makeTask(t.app, { assignee_id: engineer.user.id });
    at(OUTSIDE);
    const e = as(t, engineer.headers);
    const res = await e.patch(`/tasks/${task.id}`, { title: 'after hours' });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toContain('09:00-18:00 (Europe/Berlin)');
    expect(res.json().detail).toContain('it is 20:00 there now');
    for (const attempt of [
      () => e.post(`/tasks/${task.id}/start`),
      () => e.post('/tasks', { title: 'new at night' }),
      () => e.post('/tasks/bulk-update', { ids: [task.id], changes: { priority: 'low' } }),
    ]) {
      expect((await attempt()).statusCode).toBe(403);
    }
    expect((await e.get(`/tasks/${task.id}`)).json()).toMatchObject({
      title: 'Check the balance',
      version: 1,
    });
    // at 09:00 sharp the window is open again; 18:00 sharp it is closed
    at('2026-07-15T07:00:00Z');
    expect((await e.post(`/tasks/${task.id}/start`)).statusCode).toBe(200);
    at('2026-07-15T16:00:00Z');
    expect((await e.post(`/tasks/${task.id}/submit`)).statusCode).toBe(403);
  });

  it('exempts critical tasks, and never limits managers', async () => {
    const critical = await makeTask(t.app, { assignee_id: engineer.user.id, priority: 'critical' });
    const normal = await makeTask(t.app, { assignee_id: engineer.user.id });
    at(OUTSIDE);
    expect((await as(t, engineer.headers).post(`/tasks/${critical.id}/start`)).statusCode).toBe(200);
    expect(
      (await as(t, engineer.headers).post('/tasks', { title: 'outage', priority: 'critical' })).statusCode,
    ).toBe(201);
    expect((await as(t, manager.headers).patch(`/tasks/${normal.id}`, { priority: 'low' })).statusCode).toBe(
      200,
    );
  });

  it('reads windows and local time correctly, including ones past midnight', () => {
    const night = parseWorkHours('22:00-06:00')!;
    expect(withinWindow(23 * 60, night)).toBe(true);
    expect(withinWindow(5 * 60 + 59, night)).toBe(true);
    expect(withinWindow(12 * 60, night)).toBe(false);
    expect(localTime(new Date('2026-01-15T08:30:00Z'), 'Europe/Berlin').label).toBe('09:30');
    expect(localDate(new Date('2026-12-31T23:30:00Z'), 'Europe/Berlin', 1)).toBe('2027-01-02');
    expect(parseWorkHours('9-18')).toBeUndefined();
  });

  it('refuses to boot with impossible hours or an unknown time zone', () => {
    const load = (env: Record<string, string>) => () => loadConfig({ NODE_ENV: 'test', ...env });
    expect(load({ WORK_HOURS: '25:00-18:00' })).toThrow(/WORK_HOURS/);
    expect(load({ WORK_HOURS: '09:00-09:00' })).toThrow(/WORK_HOURS/);
    expect(load({ TIMEZONE: 'Mars/Olympus_Mons' })).toThrow(/TIMEZONE/);
    expect(load({ WORK_HOURS: '22:00-06:00', TIMEZONE: 'Asia/Tokyo' })().WORK_HOURS).toBe('22:00-06:00');
  });
});

describe('due-tomorrow reminder', () => {
  it('notifies the assignee once per task and due date, however often it runs', async () => {
    const eng = await signedIn(t.app, 'engineer');
    const now = new Date('2026-03-10T10:00:00Z');
    const due = await makeTask(t.app, { assignee_id: eng.user.id, due_date: '2026-03-11' });
    await makeTask(t.app, { assignee_id: eng.user.id, due_date: '2026-03-12' }); // the day after
    await makeTask(t.app, { assignee_id: eng.user.id, due_date: '2026-03-11', status: 'done' });
    await makeTask(t.app, { due_date: '2026-03-11' }); // nobody to tell
    const ran = await runReminders(t.app, now);
    expect(ran).toContain('tasks-due-tomorrow');
    await runReminders(t.app, now);
    await runReminders(t.app, new Date('2026-03-10T15:00:00Z'));
    const mine = await t.app.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.user_id, eng.user.id), eq(notifications.kind, 'task_due')));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ entity_id: due.id, link: `/tasks/${due.id}` });
    expect(mine[0].title).toContain(due.number);
    // a new due date is a new reminder
    await as(t, manager.headers).patch(`/tasks/${due.id}`, { due_date: '2026-03-21' });
    await runReminders(t.app, new Date('2026-03-20T10:00:00Z'));
    const after = await t.app.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.user_id, eng.user.id), eq(notifications.kind, 'task_due')));
    expect(after).toHaveLength(2);
  });
});
