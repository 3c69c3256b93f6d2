import { and, count, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  NOTIFICATION_KINDS,
  type NotificationKind,
  notificationPreferences,
  notifications,
} from '../../db/schema/index.ts';
import { EMAIL_BY_DEFAULT } from '../../lib/notifications.ts';

/** The caller's own notifications, and only those (nobody reads another's). */
export const ownNotifications = (userId: string, unread?: boolean): SQL =>
  and(eq(notifications.user_id, userId), unread ? isNull(notifications.read_at) : undefined)!;

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(ownNotifications(userId, true), isNull(notifications.archived_at)));
  return Number(row?.n ?? 0);
}

/** Marks one of the user's notifications read (kept read when it already was); undefined when not theirs. */
export async function markRead(db: Db, userId: string, id: string) {
  const [row] = await db
    .update(notifications)
    .set({ read_at: new Date() })
    .where(and(eq(notifications.id, id), eq(notifications.user_id, userId), isNull(notifications.read_at)))
    .returning();
  if (row) return row;
  const [existing] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.user_id, userId)));
  return existing;
}

export async function markAllRead(db: Db, userId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ read_at: new Date() })
    .where(ownNotifications(userId, true))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Every kind with the user's e-mail choice (the default where none was made). */
export async function preferencesOf(db: Db, userId: string) {
  const rows = await db
    .select({ kind: notificationPreferences.kind, email: notificationPreferences.email })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.user_id, userId));
  const chosen = new Map(rows.map((r) => [r.kind, r.email]));
  return NOTIFICATION_KINDS.map((kind) => ({ kind, email: chosen.get(kind) ?? EMAIL_BY_DEFAULT }));
}

/** Upserts the given kinds; returns the previous values of those that changed (for the audit trail). */
export async function savePreferences(
  tx: Db,
  userId: string,
  items: { kind: NotificationKind; email: boolean }[],
): Promise<Record<string, [boolean, boolean]>> {
  const before = new Map((await preferencesOf(tx, userId)).map((p) => [p.kind, p.email]));
  const changes: Record<string, [boolean, boolean]> = {};
  for (const item of items) {
    const old = before.get(item.kind) ?? EMAIL_BY_DEFAULT;
    if (old !== item.email) changes[`${item.kind}.email`] = [old, item.email];
  }
  if (!items.length) return changes;
  await tx
    .insert(notificationPreferences)
    .values(items.map((i) => ({ user_id: userId, kind: i.kind, email: i.email })))
    .onConflictDoUpdate({
      target: [notificationPreferences.user_id, notificationPreferences.kind],
      set: { email: sql`excluded.email`, updated_at: new Date() },
    });
  return changes;
}

/** Dismisses one of the user's notifications (out of the list; `archived=true` still shows it). */
export async function dismiss(db: Db, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set({
      archived_at: sql`coalesce(${notifications.archived_at}, now())`,
      read_at: sql`coalesce(${notifications.read_at}, now())`,
    })
    .where(and(eq(notifications.id, id), eq(notifications.user_id, userId)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}
