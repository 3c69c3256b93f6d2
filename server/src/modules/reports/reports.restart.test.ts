import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createTestApp, openTestDatabase, type TestApp } from '../../../test/app.ts';
import { signedIn } from '../../../test/factories/index.ts';
import { jobsSettled, makeApprovedBench } from '../../../test/factories/reports.ts';
import type { Database } from '../../db/client.ts';
import { jobs, reports } from '../../db/schema/index.ts';
import { jobTestHooks } from '../../jobs/registry.ts';

/**
 * A report job survives a restart: the app closes while the job is in the middle of rendering,
 * a new app on the same database takes the job again and the report is produced exactly once.
 */
let database: Database;
const apps: TestApp[] = [];

afterEach(() => {
  jobTestHooks.beforeStep = undefined;
});
afterAll(async () => {
  for (const a of apps) await a.app.close();
  await database?.close();
});

const count = async (app: TestApp['app'], query: ReturnType<typeof sql>) =>
  Number(((await app.db.execute(query)) as unknown as { rows: { n: number }[] }).rows[0].n);

describe('a restart in the middle of a report job', () => {
  it('completes the report once, on the next instance', async () => {
    database = await openTestDatabase();
    const first = await createTestApp({}, database);
    apps.push(first);
    const bench = await makeApprovedBench(first.app, { samples: 3 });

    const steps: string[] = [];
    let reached!: () => void;
    const atRender = new Promise<void>((r) => {
      reached = r;
    });
    // the first run stops in the middle (at "render") and waits until the app closes under it
    jobTestHooks.beforeStep = async (_job, step, signal) => {
      steps.push(step);
      if (step === 'render' && steps.filter((s) => s === 'render').length === 1) {
        reached();
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      }
    };
    const res = await first.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: bench.manager.headers,
      payload: { project_id: bench.project.id },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    await atRender;
    const [midway] = await first.app.db.select().from(reports).where(eq(reports.id, id));
    expect(midway.status).toBe('generating');

    await first.app.close(); // the database stays open: the next instance uses it
    apps.splice(apps.indexOf(first), 1);
    const [released] = await database.db.select().from(jobs).where(eq(jobs.id, midway.job_id!));
    expect(released).toMatchObject({ status: 'queued', locked_by: null, attempts: 0 });

    const second = await createTestApp({}, database);
    apps.push(second);
    await jobsSettled(second.app);
    const [done] = await second.app.db.select().from(reports).where(eq(reports.id, id));
    expect(done).toMatchObject({ status: 'draft', pdf_sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(steps.filter((s) => s === 'render')).toHaveLength(2);
    expect(steps.filter((s) => s === 'store')).toHaveLength(1);
    expect(
      await count(
        second.app,
        sql`select count(*)::int as n from audit_events where entity_id = ${id} and action = 'generated'`,
      ),
    ).toBe(1);
    const [job] = await second.app.db.select().from(jobs).where(eq(jobs.id, midway.job_id!));
    expect(job).toMatchObject({ status: 'done', progress: 100, attempts: 1 });
    // a new instance has its own secret in tests: sign in again there
    const manager = await signedIn(second.app, 'manager');
    const pdf = await second.app.inject({ url: `/api/v1/reports/${id}/download`, headers: manager.headers });
    expect(pdf.statusCode).toBe(200);
  });

  it('takes over a job whose worker died (its heartbeat lapsed) and runs it once', async () => {
    const app = apps[0].app;
    const bench = await makeApprovedBench(app, { samples: 1 });
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let reached!: () => void;
    const atStart = new Promise<void>((r) => {
      reached = r;
    });
    jobTestHooks.beforeStep = async (_job, step) => {
      if (step === 'start') {
        reached();
        await held;
      }
    };
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: bench.manager.headers,
      payload: { project_id: bench.project.id },
    });
    const id = res.json().id;
    await atStart;
    jobTestHooks.beforeStep = undefined;
    // simulate the worker's process dying: another worker's lease, long lapsed
    await app.db
      .update(jobs)
      .set({ locked_by: 'dead-host:1:worker', locked_until: sql`now() - interval '1 minute'` })
      .where(eq(jobs.id, res.json().job_id));
    app.jobs.wake();
    await jobsSettled(app);
    release(); // the old run wakes up, finds the job is no longer its own and gives up
    while (app.jobs.active > 0) await new Promise((r) => setImmediate(r));
    const [done] = await app.db.select().from(reports).where(eq(reports.id, id));
    expect(done.status).toBe('draft');
    const [job] = await app.db.select().from(jobs).where(eq(jobs.id, res.json().job_id));
    expect(job).toMatchObject({ status: 'done', attempts: 2 });
    expect(
      await count(
        app,
        sql`select count(*)::int as n from audit_events where entity_id = ${id} and action = 'generated'`,
      ),
    ).toBe(1);
  });
});

describe('a report job that keeps failing', () => {
  it('is retried with backoff, then the report is failed with the reason; regenerate makes it', async () => {
    const app = apps[0].app;
    const bench = await makeApprovedBench(app, { samples: 1 });
    let attempts = 0;
    jobTestHooks.beforeStep = async (_job, step) => {
      if (step === 'render') {
        attempts++;
        throw new Error('the renderer is out of paper');
      }
    };
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: bench.manager.headers,
      payload: { project_id: bench.project.id },
    });
    const id = res.json().id;
    await jobsSettled(app);
    expect(attempts).toBe(3);
    const failed = await app.inject({ url: `/api/v1/reports/${id}`, headers: bench.manager.headers });
    expect(failed.json()).toMatchObject({
      status: 'failed',
      error: 'the renderer is out of paper',
      allowed_actions: ['regenerate'],
    });
    const [job] = await app.db.select().from(jobs).where(eq(jobs.id, res.json().job_id));
    expect(job).toMatchObject({ status: 'failed', attempts: 3, error: 'the renderer is out of paper' });

    jobTestHooks.beforeStep = undefined;
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/reports/${id}/regenerate`,
      headers: bench.manager.headers,
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().job_id).not.toBe(job.id);
    await jobsSettled(app);
    const done = await app.inject({ url: `/api/v1/reports/${id}`, headers: bench.manager.headers });
    expect(done.json()).toMatchObject({ status: 'draft', error: null, progress: 100 });
  });
});
