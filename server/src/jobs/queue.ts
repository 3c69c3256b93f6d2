import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { jobs } from '../db/schema/index.ts';

export type JobRow = typeof jobs.$inferSelect;

/**
 * The jobs table as a queue (DESIGN.md "Scale-out": rows taken with FOR UPDATE SKIP LOCKED, so
 * each job runs on one instance at a time, across any number of instances, and survives
 * restarts). Every function takes a db or a transaction: enqueue in the transaction of the change
 * that asks for the work, so a rolled-back request leaves no job behind.
 */
export async function enqueueJob(
  tx: Db,
  kind: string,
  payload: Record<string, unknown>,
  opts: { maxAttempts?: number } = {},
): Promise<JobRow> {
  const [row] = await tx
    .insert(jobs)
    .values({ kind, payload, ...(opts.maxAttempts ? { max_attempts: opts.maxAttempts } : {}) })
    .returning();
  return row;
}

/**
 * Takes the next job that is due: a queued one, or a running one whose heartbeat lapsed (its
 * worker died). One statement, so two workers never take the same row.
 */
export async function claimJob(db: Db, workerId: string, leaseMs: number): Promise<JobRow | undefined> {
  const result = (await db.execute(sql`
    update jobs set
      status = 'running',
      attempts = attempts + 1,
      locked_by = ${workerId},
      locked_until = now() + ${`${leaseMs} milliseconds`}::interval,
      started_at = coalesce(started_at, now()),
      error = null
    where id = (
      select id from jobs
      where (status = 'queued' and run_after <= now())
         or (status = 'running' and locked_until < now())
      order by run_after, id
      limit 1
      for update skip locked
    )
    returning id`)) as unknown as { rows: { id: string }[] };
  const id = result.rows[0]?.id;
  if (!id) return undefined;
  return (await db.select().from(jobs).where(eq(jobs.id, id)))[0];
}

const owned = (id: string, workerId: string) =>
  and(eq(jobs.id, id), eq(jobs.locked_by, workerId), eq(jobs.status, 'running'));

/** Extends the lease; false when the job is no longer this worker's (taken over, finished). */
export async function heartbeat(db: Db, id: string, workerId: string, leaseMs: number, progress?: number) {
  const rows = await db
    .update(jobs)
    .set({
      locked_until: sql`now() + ${`${leaseMs} milliseconds`}::interval`,
      ...(progress === undefined ? {} : { progress }),
    })
    .where(owned(id, workerId))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Marks the job done; false when it was not this worker's any more (then roll back its effect). */
export async function completeJob(db: Db, id: string, workerId: string) {
  const rows = await db
    .update(jobs)
    .set({ status: 'done', progress: 100, locked_until: null, finished_at: sql`now()` })
    .where(owned(id, workerId))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Gives an interrupted job back to the queue at once; an interruption does not count as an attempt. */
export async function releaseJob(db: Db, id: string, workerId: string) {
  await db
    .update(jobs)
    .set({
      status: 'queued',
      attempts: sql`greatest(${jobs.attempts} - 1, 0)`,
      locked_by: null,
      locked_until: null,
      run_after: sql`now()`,
    })
    .where(owned(id, workerId));
}

/** A failed attempt: retried later with backoff, or failed for good after max_attempts. */
export async function failAttempt(db: Db, job: JobRow, workerId: string, message: string) {
  const final = job.attempts >= job.max_attempts;
  const rows = await db
    .update(jobs)
    .set(
      final
        ? { status: 'failed', error: message, locked_until: null, finished_at: sql`now()` }
        : {
            status: 'queued',
            error: message,
            locked_by: null,
            locked_until: null,
            run_after: sql`now() + ${`${2 ** Math.min(job.attempts, 8)} seconds`}::interval`,
          },
    )
    .where(owned(job.id, workerId))
    .returning({ status: jobs.status });
  return rows[0]?.status;
}

export const findJob = async (db: Db, id: string) => (await db.select().from(jobs).where(eq(jobs.id, id)))[0];
