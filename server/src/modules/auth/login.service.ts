import { eq, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { users } from '../../db/schema/index.ts';
import { recordAudit } from '../../lib/audit.ts';
import { forbidden, locked, unauthorized } from '../../lib/errors.ts';
import type { App } from '../../types.ts';
import { announceRevoked, type IssuedTokens, openSession, tokenPair } from './auth.service.ts';

export const BAD_CREDENTIALS = 'Incorrect email or password';
const LOCKED = 'The account is locked after repeated failed sign-ins; try again later or reset the password';

type UserRow = typeof users.$inferSelect;

export const findUserByEmail = async (app: App, email: string): Promise<UserRow | undefined> =>
  (
    await app.db
      .select()
      .from(users)
      .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
      .limit(1)
  )[0];

/**
 * Counts a failed sign-in in one atomic statement (parallel guesses cannot under-count) and locks
 * the account for LOCKOUT_MINUTES when the count reaches LOCKOUT_THRESHOLD. Unknown e-mails are
 * recorded too, which keeps the audit trail complete and makes both failures cost the same work.
 */
async function recordFailure(app: App, req: FastifyRequest, user: UserRow | undefined, email: string) {
  const threshold = app.config.LOCKOUT_THRESHOLD;
  const lockUntil = new Date(Date.now() + app.config.LOCKOUT_MINUTES * 60_000).toISOString();
  return app.db.transaction(async (tx) => {
    let nowLocked = false;
    if (user) {
      const [row] = await tx
        .update(users)
        .set({
          failed_login_count: sql`case when ${users.failed_login_count} + 1 >= ${threshold} then 0 else ${users.failed_login_count} + 1 end`,
          locked_until: sql`case when ${users.failed_login_count} + 1 >= ${threshold} then ${lockUntil}::timestamptz else ${users.locked_until} end`,
        })
        .where(eq(users.id, user.id))
        .returning({ count: users.failed_login_count });
      nowLocked = row?.count === 0;
    }
    await recordAudit(
      tx,
      { ...req.audit, actorId: user?.id ?? null },
      {
        action: nowLocked ? 'login_locked' : 'login_failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        changes: user ? {} : { email: [null, email.slice(0, 254)] },
      },
    );
    return nowLocked;
  });
}

/**
 * Checks a password sign-in and opens a session. Unknown e-mails are verified against a real hash,
 * and both failures give the same 401 detail, so neither the answer nor its time tells them apart.
 */
export async function passwordLogin(
  app: App,
  req: FastifyRequest,
  email: string,
  password: string,
  dummyHash: string,
): Promise<IssuedTokens> {
  const user = await findUserByEmail(app, email);
  const ok = await app.passwords.verify(user?.password_hash ?? dummyHash, password);
  const usable = user && !user.archived_at ? user : undefined;
  if (usable?.locked_until && usable.locked_until.getTime() > Date.now()) {
    throw locked(LOCKED, Math.ceil((usable.locked_until.getTime() - Date.now()) / 1000));
  }
  if (!ok || !usable) {
    if (await recordFailure(app, req, usable, email)) throw locked(LOCKED, app.config.LOCKOUT_MINUTES * 60);
    throw unauthorized(BAD_CREDENTIALS);
  }
  if (!usable.is_active) throw forbidden('This account is deactivated; ask an administrator');
  if (app.config.REQUIRE_EMAIL_VERIFICATION && !usable.email_verified_at) {
    throw forbidden('Verify your e-mail address first; we can send the link again');
  }
  const { sessionId, refreshToken, evicted } = await app.db.transaction(async (tx) => {
    const opened = await openSession(app, tx, usable.id, req);
    await tx
      .update(users)
      .set({ failed_login_count: 0, locked_until: null, last_login_at: new Date() })
      .where(eq(users.id, usable.id));
    await recordAudit(
      tx,
      { ...req.audit, actorId: usable.id },
      {
        action: 'login',
        entityType: 'session',
        entityId: opened.sessionId,
        changes: opened.evicted.length ? { evicted_sessions: [null, opened.evicted] } : {},
      },
    );
    return opened;
  });
  await announceRevoked(app, evicted);
  return tokenPair(app, usable.id, sessionId, refreshToken);
}
