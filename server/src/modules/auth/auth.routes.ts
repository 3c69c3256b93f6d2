import { eq } from 'drizzle-orm';
import { Type } from 'typebox';
import { sessions } from '../../db/schema/index.ts';
import { recordAudit } from '../../lib/audit.ts';
import { unauthorized } from '../../lib/errors.ts';
import { DUMMY_HASH_PASSWORD } from '../../lib/passwords.ts';
import { ANY_ROLE } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { LoginBody, RefreshBody, TokenPair } from './auth.schemas.ts';
import {
  announceRevoked,
  clearRefreshCookie,
  REFRESH_COOKIE,
  revokeSessions,
  sendTokens,
  sessionsOfUser,
} from './auth.service.ts';
import { passwordLogin } from './login.service.ts';
import { refreshTokenPair } from './refresh.service.ts';

/** Sign in, rotate the refresh token, sign out. */
export default async function authRoutes(app: App) {
  const dummyHash = await app.passwords.hash(DUMMY_HASH_PASSWORD);
  const rateLimit = {
    max: app.config.AUTH_RATE_LIMIT,
    timeWindow: app.config.AUTH_RATE_WINDOW_SECONDS * 1000,
  };

  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true, rateLimit },
      schema: {
        operationId: 'auth-login',
        tags: ['auth'],
        summary: 'Sign in: OAuth2 password form (username=…&password=…) or JSON {email, password}',
        description:
          'Unknown e-mail and wrong password give the same 401. LOCKOUT_THRESHOLD failures in a row lock ' +
          'the account for LOCKOUT_MINUTES (423). Sets the HttpOnly refresh cookie. A new session beyond ' +
          'MAX_SESSIONS ends the oldest one.',
        body: LoginBody,
        response: { 200: TokenPair },
      },
    },
    async (req, reply) => {
      const body = req.body as { email?: string; username?: string; password: string };
      const tokens = await passwordLogin(
        app,
        req,
        body.email ?? body.username ?? '',
        body.password,
        dummyHash,
      );
      return sendTokens(app, reply, tokens);
    },
  );

  app.post(
    '/api/v1/auth/refresh',
    {
      config: { public: true, rateLimit },
      schema: {
        operationId: 'auth-refresh',
        tags: ['auth'],
        summary: 'New token pair for a refresh token (body or the labline_refresh cookie)',
        description:
          'Refresh tokens are single use. A parallel duplicate within 10 s of the first use receives the ' +
          'same new pair; an older, already rotated token ends the whole session (401).',
        body: RefreshBody,
        response: { 200: TokenPair },
      },
    },
    async (req, reply) => {
      const token = req.body?.refresh_token ?? req.cookies[REFRESH_COOKIE];
      if (!token) throw unauthorized('Send refresh_token in the body or the refresh cookie');
      return sendTokens(app, reply, await refreshTokenPair(app, token, req.audit));
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { roles: ANY_ROLE },
      schema: {
        operationId: 'auth-logout',
        tags: ['auth'],
        summary: 'End the current session: its access and refresh tokens stop working at once',
        response: { 204: Type.Null({ description: 'Signed out' }) },
      },
    },
    async (req, reply) => {
      const ended = await app.db.transaction(async (tx) => {
        const ids = await revokeSessions(tx, eq(sessions.id, req.user.sessionId), 'logout');
        await recordAudit(tx, req.audit, {
          action: 'logout',
          entityType: 'session',
          entityId: req.user.sessionId,
        });
        return ids;
      });
      await announceRevoked(app, ended);
      clearRefreshCookie(app, reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/logout-all',
    {
      config: { roles: ANY_ROLE },
      schema: {
        operationId: 'auth-logout-all',
        tags: ['auth'],
        summary: 'End every session of the caller, on every device',
        response: { 204: Type.Null({ description: 'Signed out everywhere' }) },
      },
    },
    async (req, reply) => {
      const ended = await app.db.transaction(async (tx) => {
        const ids = await revokeSessions(tx, sessionsOfUser(req.user.id), 'logout_all');
        await recordAudit(tx, req.audit, {
          action: 'logout_all',
          entityType: 'user',
          entityId: req.user.id,
          changes: { sessions_ended: [null, ids.length] },
        });
        return ids;
      });
      // one message drops every cached session of the user on every instance
      if (ended.length) await app.invalidate({ type: 'user.changed', userId: req.user.id });
      clearRefreshCookie(app, reply);
      return reply.code(204).send(null);
    },
  );
}
