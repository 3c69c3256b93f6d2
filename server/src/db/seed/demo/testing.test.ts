import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.ts';
import { login } from '../../../../test/factories/index.ts';
import { methods, samples, testExecutions, testPlans, testResults, users } from '../../schema/index.ts';
import { loadDemoData } from '../demo.ts';
import { DEMO_PASSWORD } from './users.ts';

/** The demo's bench: plans, executions and results consistent with the samples and the rules. */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoData(t.app.db, t.app.passwords);
  await loadDemoData(t.app.db, t.app.passwords);
});
afterAll(async () => t?.close());

describe('demo bench data', () => {
  it('has results with every verdict, some waiting for review, the rest approved by someone else', async () => {
    const results = await t.app.db.select().from(testResults);
    expect(results.length).toBeGreaterThan(50);
    // null: a parameter none of the plan's specifications has a limit for
    expect(new Set(results.map((r) => r.overall_verdict))).toEqual(
      new Set(['pass', 'warn', 'fail', 'inconclusive', null]),
    );
    expect(results.filter((r) => r.overall_verdict === 'fail').length).toBeGreaterThan(2);
    expect(new Set(results.map((r) => r.status))).toEqual(new Set(['entered', 'approved']));
    for (const r of results.filter((x) => x.status === 'approved')) {
      expect(r.approved_by).not.toBe(r.entered_by);
    }
    const plans = await t.app.db.select().from(testPlans);
    expect(new Set(plans.map((p) => p.decision_rule))).toEqual(new Set(['simple', 'guarded']));
  });

  it('runs executions as far as their samples: pending while received, running in test, complete when tested', async () => {
    const sampleStatus = new Map((await t.app.db.select().from(samples)).map((s) => [s.id, s.status]));
    const params = new Map((await t.app.db.select().from(methods)).map((m) => [m.id, m.parameters.length]));
    const results = await t.app.db.select().from(testResults);
    for (const e of await t.app.db.select().from(testExecutions)) {
      const status = sampleStatus.get(e.sample_id);
      const entered = new Set(results.filter((r) => r.execution_id === e.id).map((r) => r.parameter));
      if (e.status === 'pending') expect(status).toBe('received');
      if (e.status === 'in_progress') expect(status).toBe('in_test');
      if (e.status === 'completed') {
        expect(['tested', 'retained', 'disposed']).toContain(status);
        expect(entered.size).toBe(params.get(e.method_id));
      }
    }
  });

  it('gives the demo engineer a bench and the portal customer approved results only', async () => {
    const [engineer] = await t.app.db
      .select()
      .from(users)
      .where(eq(users.email, 'engineer@demo.labline.local'));
    const session = await login(t.app, 'engineer@demo.labline.local', DEMO_PASSWORD);
    const mine = await t.app.inject({
      url: `/api/v1/test-executions?engineer_id=${engineer.id}&status=in_progress`,
      headers: session.headers,
    });
    expect(mine.json().total).toBeGreaterThan(0);
    const portal = await login(t.app, 'portal@nordicthreads.example', DEMO_PASSWORD);
    const page = await t.app.inject({ url: '/api/v1/test-results?limit=100', headers: portal.headers });
    expect(page.json().total).toBeGreaterThan(0);
    expect(page.json().items.every((r: { status: string }) => r.status === 'approved')).toBe(true);
  });
});
