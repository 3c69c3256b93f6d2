import { and, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { refreshTokens, sessions, users } from '../../db/schema/index.ts';
import { type AuditContext, recordAudit } from '../../lib/audit.ts';
import { unauthorized } from '../../lib/errors.ts';
import { hashToken, randomToken } from '../../lib/tokens.ts';
import type { App } from '../../types.ts';
import {
  announceRevoked,
  type IssuedTokens,
  liveSession,
  revokeSessions,
  tokenPair,
} from './auth.service.ts';

/**
 * Refresh-token rotation (API.md "Authentication"):
 * - consumption is one conditional UPDATE (`consumed_at is null`), so of any number of parallel
 *   refreshes of one token exactly one creates a successor;
 * - the winner stores the successor pair sealed with the server key on the consumed row, and a
 *   duplicate arriving within GRACE of the consumption (a browser retry, two tabs) gets that same
 *   pair instead of being taken for theft;
 * - a token presented after the grace window was copied: the whole session is revoked, so the
 *   successor dies too, whoever holds it.
 */
const GRACE = sql.raw(`interval '10 seconds'`);
const DAY_MS = 24 * 3600_000;
const INVALID = 'The refresh token is invalid or expired; sign in again';

interface TokenState {
  sessionId: string;
  userId: string;
  consumed: boolean;
  inGrace: boolean;
  successorSealed: string | null;
  sessionLive: boolean;
}

async function readToken(app: App, tokenHash: string): Promise<TokenState | undefined> {
  const [row] = await app.db
    .select({
      sessionId: refreshTokens.session_id,
      userId: sessions.user_id,
      consumed: sql<boolean>`${refreshTokens.consumed_at} is not null`,
      inGrace: sql<boolean>`coalesce(${refreshTokens.consumed_at} > now() - ${GRACE}, false)`,
      successorSealed: refreshTokens.successor_sealed,
      sessionLive: sql<boolean>`(${liveSession()} and ${users.is_active} and ${users.archived_at} is null)`,
    })
    .from(refreshTokens)
    .innerJoin(sessions, eq(sessions.id, refreshTokens.session_id))
    .innerJoin(users, eq(users.id, sessions.user_id))
    .where(eq(refreshTokens.token_hash, tokenHash))
    .limit(1);
  return row;
}

/** Consumes the token and issues the successor; null when another request consumed it first. */
async function rotate(
  app: App,
  state: TokenState,
  tokenHash: string,
  ctx: AuditContext,
): Promise<IssuedTokens | null> {
  // Built before the transaction, which then holds its locks only for a few statements.
  const successor = randomToken();
  const tokens = await tokenPair(app, state.userId, state.sessionId, successor);
  const sealed = app.tokens.seal(JSON.stringify(tokens));
  const idleUntil = new Date(Date.now() + app.config.REFRESH_TOKEN_EXPIRE_DAYS * DAY_MS).toISOString();
  return app.db.transaction(async (tx) => {
    const consumed = await tx
      .update(refreshTokens)
      .set({ consumed_at: sql`now()`, successor_sealed: sealed })
      .where(and(eq(refreshTokens.token_hash, tokenHash), isNull(refreshTokens.consumed_at)))
      .returning({ sessionId: refreshTokens.session_id });
    if (!consumed.length) return null;
    const extended = await tx
      .update(sessions)
      .set({
        last_used_at: sql`now()`,
        idle_expires_at: sql`least(${idleUntil}::timestamptz, ${sessions.absolute_expires_at})`,
      })
      .where(and(eq(sessions.id, state.sessionId), liveSession()))
      .returning({ id: sessions.id });
    // ended between our read and this write (a logout, a revoke): roll the consumption back too
    if (!extended.length) throw unauthorized(INVALID);
    await tx.insert(refreshTokens).values({ token_hash: hashToken(successor), session_id: state.sessionId });
    // sealed pairs older than the grace window are never replayed again: do not keep them
    await tx
      .update(refreshTokens)
      .set({ successor_sealed: null })
      .where(
        and(
          eq(refreshTokens.session_id, state.sessionId),
          isNotNull(refreshTokens.successor_sealed),
          lt(refreshTokens.consumed_at, sql`now() - ${GRACE}`),
        ),
      );
    await recordAudit(
      tx,
      { ...ctx, actorId: state.userId },
      { action: 'token_refresh', entityType: 'session', entityId: state.sessionId },
    );
    return tokens;
  });
}

/** An already consumed token: the same successor within the grace window, else the session ends. */
async function replayOrRevoke(app: App, state: TokenState, ctx: AuditContext): Promise<IssuedTokens> {
  if (state.inGrace) {
    const plain = state.successorSealed ? app.tokens.unseal(state.successorSealed) : null;
    if (plain) return JSON.parse(plain) as IssuedTokens;
    throw unauthorized(INVALID);
  }
  const revoked = await app.db.transaction(async (tx) => {
    const ids = await revokeSessions(tx, eq(sessions.id, state.sessionId), 'refresh_reuse');
    if (ids.length) {
      await recordAudit(
        tx,
        { ...ctx, actorId: null },
        {
          action: 'refresh_token_reuse',
          entityType: 'session',
          entityId: state.sessionId,
          changes: { revoked_reason: [null, 'refresh_reuse'] },
        },
      );
    }
    return ids;
  });
  await announceRevoked(app, revoked);
  throw unauthorized(
    'This refresh token was already used, so the session has been ended for safety; sign in again',
  );
}

export async function refreshTokenPair(app: App, token: string, ctx: AuditContext): Promise<IssuedTokens> {
  const tokenHash = hashToken(token);
  let state = await readToken(app, tokenHash);
  if (!state?.sessionLive) throw unauthorized(INVALID);
  if (!state.consumed) {
    const issued = await rotate(app, state, tokenHash, ctx);
    if (issued) return issued;
    // lost the race: the winner has committed its consumption and the sealed successor
    state = await readToken(app, tokenHash);
    if (!state?.sessionLive) throw unauthorized(INVALID);
  }
  return replayOrRevoke(app, state, ctx);
}
