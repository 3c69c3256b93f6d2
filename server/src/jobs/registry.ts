import type { Db } from '../db/client.ts';
import type { App } from '../types.ts';
import type { JobRow } from './queue.ts';

/** What a handler gets for one run of a job. */
export interface JobContext {
  app: App;
  job: JobRow;
  /** Aborted when the app closes or the lease is lost: stop at the next step. */
  signal: AbortSignal;
  /** Records progress (0–100), extends the lease and tells listeners (SSE). */
  progress(percent: number): Promise<void>;
  /** A checkpoint between steps: throws JobInterrupted when the run must stop. */
  step(name: string): Promise<void>;
  /**
   * Marks the job done inside the handler's last transaction, with its effect, so the effect and
   * "done" commit together: exactly once even if the job is retried. Throws (rolling the
   * transaction back) when the job is no longer this worker's.
   */
  finish(tx: Db): Promise<void>;
  /** Inside a transaction: locks the job row and tells whether this run still owns it. */
  stillMine(tx: Db): Promise<boolean>;
}

export interface JobHandler {
  run(ctx: JobContext): Promise<void>;
  /** After the last attempt failed: mark the record the job was for as failed. */
  onFailed?(app: App, job: JobRow, error: string): Promise<void>;
}

const handlers = new Map<string, JobHandler>();

/** Registers the handler of a job kind; call it at module load. */
export function registerJobHandler(kind: string, handler: JobHandler) {
  handlers.set(kind, handler);
}

export const jobHandler = (kind: string) => handlers.get(kind);

/** The run stopped on purpose (closing, lease lost): the job goes back to the queue. */
export class JobInterrupted extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'JobInterrupted';
  }
}

/** The job is no longer this run's (another worker took it over): stop without recording anything. */
export class JobLeaseLost extends Error {
  constructor(reason = 'the job was taken over by another worker') {
    super(reason);
    this.name = 'JobLeaseLost';
  }
}

/**
 * Test hooks: `beforeStep` runs at every checkpoint, so a test can hold a job in the middle
 * (to close the app under it) without any timing. Never set outside tests.
 */
export const jobTestHooks: {
  beforeStep?: (job: JobRow, step: string, signal: AbortSignal) => Promise<void>;
} = {};
