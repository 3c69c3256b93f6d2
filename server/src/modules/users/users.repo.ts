import { and, count, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { customers, sessions, users, userTokens } from '../../db/schema/index.ts';
import type { EntityRef } from '../../lib/crud.ts';
import { liveSession, type RevokeReason, revokeSessions, sessionsOfUser } from '../../lib/sessions.ts';
import { hashToken, randomToken } from '../../lib/tokens.ts';

/** SQL for the users module. Every function takes the transaction (or db) it runs in. */
export const userRef: EntityRef = { table: users, name: 'user' };

const ADMIN_CHANGES_LOCK = 7262003;

/**
 * Serializes changes that could take away an admin (role, deactivation, archive), so two admins
 * demoting each other at the same moment cannot both see "another admin is left" and leave none.
 */
export async function lockAdminChanges(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${ADMIN_CHANGES_LOCK})`);
}

/** Active, non-archived admins other than `userId`. */
export async function otherActiveAdmins(tx: Db, userId: string): Promise<number> {
  const [{ n }] = await tx
    .select({ n: count() })
    .from(users)
    .where(
      and(
        eq(users.role, 'admin'),
        eq(users.is_active, true),
        isNull(users.archived_at),
        ne(users.id, userId),
      ),
    );
  return n;
}

/** Whether a customer exists and is not archived (a customer user may only be bound to such). */
export async function customerIsBindable(tx: Db, customerId: string): Promise<boolean> {
  const [row] = await tx
    .select({ archivedAt: customers.archived_at })
    .from(customers)
    .where(eq(customers.id, customerId))
    .limit(1);
  return !!row && !row.archivedAt;
}

/** Ends every live session of a user; returns how many there were. */
export async function revokeUserSessions(tx: Db, userId: string, reason: RevokeReason): Promise<string[]> {
  return revokeSessions(tx, sessionsOfUser(userId), reason);
}

/** A user's sessions that can still be used, newest first. */
export function liveSessions(db: Db, userId: string) {
  return db
    .select({
      id: sessions.id,
      created_at: sessions.created_at,
      last_used_at: sessions.last_used_at,
      idle_expires_at: sessions.idle_expires_at,
      absolute_expires_at: sessions.absolute_expires_at,
      user_agent: sessions.user_agent,
      ip: sessions.ip,
    })
    .from(sessions)
    .where(and(eq(sessions.user_id, userId), liveSession()))
    .orderBy(desc(sessions.created_at), desc(sessions.id))
    .limit(100);
}

/**
 * A one-time password-reset token for a user (the invitation link uses the same flow as "forgot
 * password"). Only its hash is stored; the plain token is returned once, for the mail.
 */
export async function createResetToken(tx: Db, userId: string, validForMs: number): Promise<string> {
  const token = randomToken();
  await tx.insert(userTokens).values({
    token_hash: hashToken(token),
    user_id: userId,
    purpose: 'reset_password',
    expires_at: new Date(Date.now() + validForMs),
  });
  return token;
}
