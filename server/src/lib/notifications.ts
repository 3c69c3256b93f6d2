import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  type NotificationKind,
  notificationPreferences,
  notifications,
  outbox,
  users,
} from '../db/schema/index.ts';

export type { NotificationKind } from '../db/schema/notifications.ts';

/** E-mail is on for every kind until the user turns it off on the account page. */
export const EMAIL_BY_DEFAULT = true;

export interface NotifyInput {
  userIds: string[];
  kind: NotificationKind;
  title: string;
  body?: string;
  /** A path in the web app, e.g. `/tasks/0190…`. */
  link?: string;
  entity?: { type: string; id: string };
  /** The same key twice for one user is a no-op (a reminder sweep that runs twice notifies once). */
  dedupeKey?: string;
}

/** Set when mail was queued; the notifications plugin delivers after the response (after commit). */
let mailQueued = false;
export const takeQueuedMailFlag = () => {
  const was = mailQueued;
  mailQueued = false;
  return was;
};

/** Public base URL for links in mails, set once by the notifications plugin from PUBLIC_URL. */
let publicUrl = '';
export const setNotificationBaseUrl = (url: string) => {
  publicUrl = url.replace(/\/+$/, '');
};

/**
 * Notifies users in the caller's transaction: an in-app row per active recipient and, for those
 * whose preferences say so, a mail through the outbox (sent after commit, so a rolled-back change
 * notifies nobody). Inactive, unknown and duplicate recipients are skipped.
 */
export async function notify(tx: Db, input: NotifyInput): Promise<void> {
  const ids = [...new Set(input.userIds.filter(Boolean))];
  if (!ids.length) return;
  const active = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.is_active, true), isNull(users.archived_at)));
  if (!active.length) return;
  const inserted = await tx
    .insert(notifications)
    .values(
      active.map((u) => ({
        user_id: u.id,
        kind: input.kind,
        title: input.title,
        body: input.body ?? null,
        link: input.link ?? null,
        entity_type: input.entity?.type ?? null,
        entity_id: input.entity?.id ?? null,
        dedupe_key: input.dedupeKey ?? null,
      })),
    )
    // a repeat of a dedupe key is a no-op for that user (partial unique index)
    .onConflictDoNothing({
      target: [notifications.user_id, notifications.dedupe_key],
      where: sql`dedupe_key is not null`,
    })
    .returning({ user_id: notifications.user_id });
  if (inserted.length) {
    await queueMails(
      tx,
      inserted.map((r) => r.user_id),
      input,
    );
  }
}

async function queueMails(tx: Db, userIds: string[], input: NotifyInput) {
  const recipients = await tx
    .select({ email: users.email, wants: notificationPreferences.email })
    .from(users)
    .leftJoin(
      notificationPreferences,
      and(eq(notificationPreferences.user_id, users.id), eq(notificationPreferences.kind, input.kind)),
    )
    .where(inArray(users.id, userIds));
  const link = input.link ? `${publicUrl}${input.link}` : '';
  const text = [
    input.body ?? input.title,
    ...(link ? ['', `Open: ${link}`] : []),
    '',
    'You choose which notifications reach you by e-mail on your account page in Labline.',
  ].join('\n');
  const mails = recipients
    .filter((r) => r.wants ?? EMAIL_BY_DEFAULT)
    .map((r) => ({ to: r.email, subject: `[Labline] ${input.title}`, text }));
  if (!mails.length) return;
  await tx.insert(outbox).values(mails);
  mailQueued = true;
}

/** Ids of the active users holding one of these roles (e.g. every manager, for approvals). */
export async function userIdsWithRole(tx: Db, roles: readonly string[]): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.role, roles as never[]), eq(users.is_active, true), isNull(users.archived_at)));
  return rows.map((r) => r.id);
}
