import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.ts';
import { tasks } from '../../schema/index.ts';
import { runDemoStep } from './step.ts';
import { tasksStep } from './tasks.ts';
import { usersStep } from './users.ts';

/** The demo's tasks: every state, subtasks that respect the rules, assigned to the demo staff. */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await runDemoStep(t.app.db, t.app.passwords, usersStep);
  await runDemoStep(t.app.db, t.app.passwords, tasksStep);
  await runDemoStep(t.app.db, t.app.passwords, tasksStep); // a second run loads nothing
});
afterAll(async () => t?.close());

describe('demo tasks', () => {
  it('covers every state and keeps parents open while a subtask is', async () => {
    const rows = await t.app.db.select().from(tasks);
    expect(rows).toHaveLength(14);
    expect(new Set(rows.map((r) => r.status))).toEqual(
      new Set(['todo', 'in_progress', 'review', 'done', 'cancelled']),
    );
    expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
    for (const parent of rows.filter((r) => r.status === 'done')) {
      const open = rows.filter(
        (c) => c.parent_id === parent.id && ['todo', 'in_progress', 'review'].includes(c.status),
      );
      expect(open).toEqual([]);
    }
    expect(rows.filter((r) => r.assignee_id).length).toBeGreaterThan(10);
    expect(rows.some((r) => r.parent_id)).toBe(true);
  });
});
