import type { App } from '../../types.ts';

/**
 * Reminder sweeps ("task due tomorrow", "calibration due"…): each area registers a function that
 * looks at the records as of `now` and calls notify() with a dedupe key, so running a sweep twice
 * notifies once. The notifications plugin runs every registered sweep at start and then hourly;
 * tests call runReminders(app, fixedNow) directly.
 */
export type ReminderSweep = (app: App, now: Date) => Promise<void>;

const sweeps = new Map<string, ReminderSweep>();

/** Registers (or replaces) a sweep under a unique name. Call it at module load. */
export function registerReminder(name: string, sweep: ReminderSweep): void {
  sweeps.set(name, sweep);
}

export const registeredReminders = () => [...sweeps.keys()];

/** Any 64-bit constant of our own: the session-level advisory lock that one instance holds while sweeping. */
const REMINDER_LOCK = 7262106;

/**
 * Runs every sweep once. On PostgreSQL only one instance sweeps at a time (a session advisory lock
 * on a dedicated connection; the others skip this round). On PGlite one process owns the database.
 * One sweep failing is logged and does not stop the others. Resolves to the names that ran.
 */
export async function runReminders(app: App, now: Date): Promise<string[]> {
  const pool = app.database.pool;
  const client = pool ? await pool.connect() : undefined;
  try {
    if (client) {
      const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [
        REMINDER_LOCK,
      ]);
      if (!rows[0]?.locked) return [];
    }
    const ran: string[] = [];
    for (const [name, sweep] of sweeps) {
      try {
        await sweep(app, now);
        ran.push(name);
      } catch (err) {
        app.log.error({ err, reminder: name }, 'reminder sweep failed');
      }
    }
    await app.mailer.deliver().catch((err) => app.log.warn({ err }, 'reminder mail deferred'));
    return ran;
  } finally {
    if (client) {
      await client.query('select pg_advisory_unlock($1)', [REMINDER_LOCK]).catch(() => {});
      client.release();
    }
  }
}
