import { and, eq, gt, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sessions } from '../db/schema/index.ts';
import type { App } from '../types.ts';

/**
 * Ending sessions, shared by the auth module (logout, password change) and the users module
 * (deactivation, role change, an admin ending someone's sessions). After the commit, announce the
 * ended ids so every instance refuses their access tokens at once.
 */

/** Why a session ended, kept on the row for the sessions list and for investigations. */
export type RevokeReason =
  | 'logout'
  | 'logout_all'
  | 'revoked'
  | 'max_sessions'
  | 'password_reset'
  | 'password_change'
  | 'refresh_reuse'
  | 'deactivated'
  | 'permissions_changed'
  | 'archived'
  | 'revoked_by_admin';

/** A session that can still be used: not revoked and neither idle- nor absolutely expired. */
export const liveSession = (): SQL =>
  and(
    isNull(sessions.revoked_at),
    gt(sessions.idle_expires_at, sql`now()`),
    gt(sessions.absolute_expires_at, sql`now()`),
  ) as SQL;

/** Ends the matching sessions that are not ended yet; returns their ids. */
export async function revokeSessions(
  tx: Db,
  where: SQL | undefined,
  reason: RevokeReason,
): Promise<string[]> {
  const rows = await tx
    .update(sessions)
    .set({ revoked_at: sql`now()`, revoked_reason: reason })
    .where(and(where, isNull(sessions.revoked_at)))
    .returning({ id: sessions.id });
  return rows.map((r) => r.id);
}

/** Every session of a user, or all but one (a password change keeps the caller signed in). */
export const sessionsOfUser = (userId: string, except?: string) =>
  and(eq(sessions.user_id, userId), except ? ne(sessions.id, except) : undefined);

/** Tell every instance, after the commit, that these sessions are over. */
export async function announceRevoked(app: App, sessionIds: readonly string[]) {
  for (const sessionId of sessionIds) await app.invalidate({ type: 'session.revoked', sessionId });
}
