import { eq, type SQL, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { tasks } from '../../db/schema/index.ts';
import { forbidden } from '../../lib/errors.ts';
import type { CurrentUser } from '../../types.ts';

/**
 * Who may see and change which task. Engineers see and change only the tasks assigned to them
 * (others are 404: they never learn those exist); managers and admins everything; auditors and
 * viewers read; customers nothing (the routes do not declare them).
 */
export const taskScope = (user: CurrentUser): SQL | undefined =>
  user.role === 'engineer' ? eq(tasks.assignee_id, user.id) : undefined;

export const isEngineer = (req: FastifyRequest) => req.user.role === 'engineer';

/** `09:00-18:00` → minutes since midnight; a window may wrap past midnight (`22:00-06:00`). */
export function parseWorkHours(spec: string): { start: number; end: number } | undefined {
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(spec.trim());
  if (!match) return undefined;
  const [sh, sm, eh, em] = match.slice(1).map(Number);
  return { start: sh * 60 + sm, end: eh * 60 + em };
}

/** Minutes since midnight and the wall-clock time of `now` in a time zone. */
export function localTime(now: Date, timeZone: string): { minutes: number; label: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return {
    minutes: hour * 60 + minute,
    label: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
  };
}

export function withinWindow(minutes: number, window: { start: number; end: number }): boolean {
  return window.start <= window.end
    ? minutes >= window.start && minutes < window.end
    : minutes >= window.start || minutes < window.end;
}

/**
 * The working-hours policy (WORK_HOURS in TIMEZONE, off when unset): outside those hours an
 * engineer may change only critical tasks. Managers and admins are never limited. `now` comes from
 * app.clock, so tests use a fixed clock.
 */
export function assertWorkingHours(req: FastifyRequest, priority: string, what = 'this task'): void {
  if (!isEngineer(req) || priority === 'critical') return;
  const { WORK_HOURS, TIMEZONE } = req.server.config;
  const window = WORK_HOURS ? parseWorkHours(WORK_HOURS) : undefined;
  if (!window) return;
  const now = localTime(req.server.clock.now(), TIMEZONE);
  if (withinWindow(now.minutes, window)) return;
  throw forbidden(
    `Engineers may change tasks only during working hours, ${WORK_HOURS} (${TIMEZONE}); it is ${now.label} there now. ` +
      `Change ${what} again from ${WORK_HOURS.split('-')[0]}, or ask a manager; critical tasks may be changed at any time.`,
  );
}

/** The date (YYYY-MM-DD) of `now` in a time zone, plus `days`. */
export function localDate(now: Date, timeZone: string, days = 0): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(now)
    .split('-')
    .map(Number);
  const date = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2] + days));
  return date.toISOString().slice(0, 10);
}

export const openStatus = sql`${tasks.status} in ('todo','in_progress','review')`;
