import fp from 'fastify-plugin';
import type { App } from '../types.ts';
import { JobRunner } from './runner.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The durable job runner: `wake()` after enqueueing, `events` for progress. */
    jobs: JobRunner;
  }
}

/**
 * Starts the job runner when the app is ready and stops it first thing on close (before the
 * database closes): running jobs stop at their next step and go back to the queue.
 *
 * On PGlite one process owns the data, so every job is enqueued here and `wake()` suffices; the
 * periodic poll is for other instances' jobs and lapsed leases on PostgreSQL. Under NODE_ENV=test
 * the runner only looks for work when woken (and at start), so no background query interleaves
 * with the tests that count queries.
 */
async function jobsPlugin(app: App) {
  const test = app.config.NODE_ENV === 'test';
  const runner = new JobRunner(app, {
    concurrency: 2,
    leaseMs: test ? 2_000 : 30_000,
    pollMs: test ? 0 : app.database.kind === 'postgres' ? 2_000 : 10_000,
  });
  app.decorate('jobs', runner);
  app.addHook('onReady', async () => runner.start());
  app.addHook('preClose', async () => runner.stop());
}

export default fp(jobsPlugin, { name: 'jobs' });
