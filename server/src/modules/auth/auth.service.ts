import { and, asc, eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { refreshTokens, sessions, users } from '../../db/schema/index.ts';
import { liveSession, revokeSessions } from '../../lib/sessions.ts';
import { hashToken, randomToken } from '../../lib/tokens.ts';

export {
  announceRevoked,
  liveSession,
  type RevokeReason,
  revokeSessions,
  sessionsOfUser,
} from '../../lib/sessions.ts';

import type { App } from '../../types.ts';

const DAY_MS = 24 * 3600_000;

export interface IssuedTokens {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  expires_in: number;
}

/**
 * Opens a session for a user who just proved who they are, ending the oldest live sessions beyond
 * MAX_SESSIONS. Returns the session id, its first refresh token (plain; stored hashed) and the
 * sessions it ended, which the caller invalidates after the commit.
 */
export async function openSession(
  app: App,
  tx: Db,
  userId: string,
  req: FastifyRequest,
): Promise<{ sessionId: string; refreshToken: string; evicted: string[] }> {
  // Serializes concurrent logins of one user, so two of them cannot both stay under the cap.
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
  const now = Date.now();
  const [session] = await tx
    .insert(sessions)
    .values({
      user_id: userId,
      idle_expires_at: new Date(now + app.config.REFRESH_TOKEN_EXPIRE_DAYS * DAY_MS),
      absolute_expires_at: new Date(now + app.config.REFRESH_TOKEN_ABSOLUTE_DAYS * DAY_MS),
      user_agent: String(req.headers['user-agent'] ?? '').slice(0, 300) || null,
      ip: req.ip,
    })
    .returning({ id: sessions.id });
  const refreshToken = randomToken();
  await tx.insert(refreshTokens).values({ token_hash: hashToken(refreshToken), session_id: session.id });
  const live = await tx
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.user_id, userId), liveSession()))
    .orderBy(asc(sessions.created_at), asc(sessions.id));
  const evicted = live.slice(0, Math.max(0, live.length - app.config.MAX_SESSIONS)).map((s) => s.id);
  for (const id of evicted) await revokeSessions(tx, eq(sessions.id, id), 'max_sessions');
  return { sessionId: session.id, refreshToken, evicted };
}

/** Ends the matching sessions that are not already ended; returns their ids. */
export async function tokenPair(
  app: App,
  userId: string,
  sessionId: string,
  refreshToken: string,
): Promise<IssuedTokens> {
  return {
    access_token: await app.tokens.signAccess(userId, sessionId),
    refresh_token: refreshToken,
    token_type: 'bearer',
    expires_in: app.tokens.accessTtl,
  };
}

export const REFRESH_COOKIE = 'labline_refresh';
const COOKIE_PATH = '/api/v1/auth';

export function refreshCookieOptions(app: App) {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: app.config.NODE_ENV === 'production',
    path: COOKIE_PATH,
    maxAge: Math.round(app.config.REFRESH_TOKEN_EXPIRE_DAYS * 24 * 3600),
  };
}

/** Sends a fresh pair: the refresh token also as the HttpOnly cookie, and never cached. */
export function sendTokens(app: App, reply: FastifyReply, tokens: IssuedTokens): IssuedTokens {
  reply.setCookie(REFRESH_COOKIE, tokens.refresh_token, refreshCookieOptions(app));
  reply.header('cache-control', 'no-store');
  return tokens;
}

export function clearRefreshCookie(app: App, reply: FastifyReply) {
  const { maxAge: _, ...options } = refreshCookieOptions(app);
  reply.clearCookie(REFRESH_COOKIE, options);
}

/** Base of the links in mails: PUBLIC_URL, or this server on localhost when unset. */
export const publicUrl = (app: App) =>
  (app.config.PUBLIC_URL || `http://localhost:${app.config.PORT}`).replace(/\/+$/, '');
