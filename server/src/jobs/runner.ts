import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/client.ts';
import { jobs } from '../db/schema/index.ts';
import type { App } from '../types.ts';
import { claimJob, completeJob, failAttempt, findJob, heartbeat, type JobRow, releaseJob } from './queue.ts';
import { type JobContext, JobInterrupted, JobLeaseLost, jobHandler, jobTestHooks } from './registry.ts';

/**
 * A turn of the event loop after the claim and before every step of a job. The PGlite client
 * already yields before each statement (db/pglite-turns.ts); these turns keep a step's own
 * synchronous work (serialising a report's content, building its PDF data) from running in the same
 * block as the previous step's. Without them, one of two 203-page bench runs fell to 99.6 % of
 * /health calls within 50 ms.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface JobEvent {
  id: string;
  kind: string;
  status: JobRow['status'];
  progress: number;
  error: string | null;
}

export interface RunnerOptions {
  /** Parallel jobs in this process (PDF rendering has its own worker pool). */
  concurrency: number;
  /** How long a taken job stays this worker's without a heartbeat. */
  leaseMs: number;
  /** How often an idle worker looks for work it was not woken for (other instances, lapsed leases); 0 = only when woken. */
  pollMs: number;
}

/**
 * The worker loop: takes due jobs, runs their handlers with a heartbeat, records the outcome, and
 * publishes progress on `events` (`job` events, for SSE). `stop()` stops taking work, aborts the
 * running handlers at their next step and gives their jobs back to the queue, then resolves: a
 * restarted instance (or another one) picks them up and completes them.
 */
export class JobRunner {
  readonly events = new EventEmitter();
  readonly workerId = `${hostname()}:${process.pid}:${uuidv7().slice(-12)}`;
  private stopping = false;
  private loops: Promise<void>[] = [];
  private wakers = new Set<() => void>();
  private running = new Map<string, AbortController>();

  constructor(
    private app: App,
    private options: RunnerOptions,
  ) {
    this.events.setMaxListeners(0);
  }

  start() {
    for (let i = 0; i < this.options.concurrency; i++) this.loops.push(this.loop());
  }

  /** How many jobs this process is running now (tests wait for 0). */
  get active() {
    return this.running.size;
  }

  /** Look for work now (after enqueueing, once the transaction committed). */
  wake() {
    for (const w of [...this.wakers]) w();
  }

  async stop() {
    this.stopping = true;
    for (const c of this.running.values()) c.abort(new JobInterrupted('the app is closing'));
    this.wake();
    await Promise.allSettled(this.loops);
  }

  private publish(job: Pick<JobRow, 'id' | 'kind' | 'status' | 'progress' | 'error'>) {
    const event: JobEvent = {
      id: job.id,
      kind: job.kind,
      status: job.status,
      progress: job.progress,
      error: job.error,
    };
    this.events.emit('job', event);
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.wakers.delete(done);
        clearTimeout(timer);
        resolve();
      };
      const timer = this.options.pollMs > 0 ? setTimeout(done, this.options.pollMs) : undefined;
      this.wakers.add(done);
    });
  }

  private async loop() {
    while (!this.stopping) {
      let job: JobRow | undefined;
      try {
        job = await claimJob(this.app.db, this.workerId, this.options.leaseMs);
      } catch (err) {
        if (this.stopping) break;
        this.app.log.warn({ err }, 'could not take a job; retrying');
      }
      if (!job) {
        if (!this.stopping) await this.idle();
        continue;
      }
      await this.run(job);
    }
  }

  private async run(job: JobRow) {
    await nextTurn();
    const { app, workerId } = this;
    const { leaseMs } = this.options;
    const controller = new AbortController();
    this.running.set(job.id, controller);
    let progress = job.progress;
    const beat = setInterval(
      () => {
        heartbeat(app.db, job.id, workerId, leaseMs)
          .then((mine) => {
            if (!mine) controller.abort(new JobLeaseLost('the job was taken over'));
          })
          .catch((err) => app.log.warn({ err, job: job.id }, 'job heartbeat failed'));
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    let finished = false;
    const checkpoint = () => {
      if (controller.signal.aborted) {
        const reason = controller.signal.reason;
        throw reason instanceof Error ? reason : new JobInterrupted(String(reason));
      }
    };
    const ctx: JobContext = {
      app,
      job,
      signal: controller.signal,
      progress: async (percent) => {
        progress = Math.max(0, Math.min(100, Math.round(percent)));
        if (!(await heartbeat(app.db, job.id, workerId, leaseMs, progress))) throw new JobLeaseLost('lost');
        this.publish({ ...job, status: 'running', progress });
      },
      step: async (name) => {
        await nextTurn();
        checkpoint();
        await jobTestHooks.beforeStep?.(job, name, controller.signal);
        checkpoint();
      },
      stillMine: async (tx: Db) => {
        const [row] = await tx
          .select({ id: jobs.id })
          .from(jobs)
          .where(and(eq(jobs.id, job.id), eq(jobs.locked_by, workerId), eq(jobs.status, 'running')))
          .for('update');
        return Boolean(row);
      },
      finish: async (tx: Db) => {
        if (!(await completeJob(tx, job.id, workerId))) throw new JobLeaseLost('the job was taken over');
        finished = true;
      },
    };
    this.publish({ ...job, status: 'running' });
    try {
      const handler = jobHandler(job.kind);
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler.run(ctx);
      if (!finished) await completeJob(app.db, job.id, workerId);
      this.publish({ ...job, status: 'done', progress: 100, error: null });
    } catch (err) {
      await this.settle(job, err);
    } finally {
      clearInterval(beat);
      this.running.delete(job.id);
    }
  }

  /** What an attempt that threw leaves behind: released, retried later, or failed for good. */
  private async settle(job: JobRow, err: unknown) {
    const { app, workerId } = this;
    try {
      if (err instanceof JobLeaseLost) {
        app.log.warn({ job: job.id }, 'job lease lost; another worker has it');
        return;
      }
      if (err instanceof JobInterrupted || this.stopping) {
        await releaseJob(app.db, job.id, workerId);
        app.log.info({ job: job.id }, 'job interrupted; back in the queue');
        return;
      }
      const message = err instanceof Error ? err.message : String(err);
      app.log.error({ err, job: job.id, kind: job.kind }, 'job attempt failed');
      // the record the job was for is marked failed first, so whoever sees the job failed
      // also sees that (a lost lease makes failAttempt a no-op; onFailed checks the job id)
      if (job.attempts >= job.max_attempts) {
        await jobHandler(job.kind)
          ?.onFailed?.(app, job, message)
          .catch((err) => app.log.error({ err, job: job.id }, 'job onFailed failed'));
      }
      await failAttempt(app.db, job, workerId, message.slice(0, 2000));
      const after = await findJob(app.db, job.id);
      if (after) this.publish(after);
    } catch (settleErr) {
      // the database went away under us: the lease lapses and the job is taken again later
      app.log.error({ err: settleErr, job: job.id }, 'could not record the outcome of a job');
    }
  }
}
