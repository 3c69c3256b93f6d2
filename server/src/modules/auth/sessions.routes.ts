import { and, desc, eq, sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { sessions } from '../../db/schema/index.ts';
import { recordAudit } from '../../lib/audit.ts';
import { notFound } from '../../lib/errors.ts';
import { IdParams } from '../../lib/schemas.ts';
import { ANY_ROLE } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { SessionPublic } from './auth.schemas.ts';
import { announceRevoked, clearRefreshCookie, liveSession, revokeSessions } from './auth.service.ts';

/** The caller's own sessions (devices): list them, end one. Nobody sees another user's sessions here. */
export default async function sessionsRoutes(app: App) {
  app.get(
    '/api/v1/auth/sessions',
    {
      config: { roles: ANY_ROLE },
      schema: {
        operationId: 'auth-sessions-list',
        tags: ['auth'],
        summary: "The caller's live sessions, newest first (at most MAX_SESSIONS, so never paged)",
        response: { 200: Type.Array(SessionPublic, { title: 'Sessions' }) },
      },
    },
    async (req) => {
      const rows = await app.db
        .select({
          id: sessions.id,
          created_at: sessions.created_at,
          last_used_at: sessions.last_used_at,
          expires_at: sql<Date>`least(${sessions.idle_expires_at}, ${sessions.absolute_expires_at})`.mapWith(
            sessions.idle_expires_at,
          ),
          user_agent: sessions.user_agent,
          ip: sessions.ip,
        })
        .from(sessions)
        .where(and(eq(sessions.user_id, req.user.id), liveSession()))
        .orderBy(desc(sessions.created_at), desc(sessions.id));
      return rows.map((s) => ({ ...s, current: s.id === req.user.sessionId }));
    },
  );

  app.delete(
    '/api/v1/auth/sessions/:id',
    {
      config: { roles: ANY_ROLE },
      schema: {
        operationId: 'auth-sessions-revoke',
        tags: ['auth'],
        summary: 'End one of your sessions; its tokens stop working at once',
        description:
          "Another user's session, or one already ended, is 404. Ending the current one signs you out.",
        params: IdParams,
        response: { 204: Type.Null({ description: 'Session ended' }) },
      },
    },
    async (req, reply) => {
      const { id } = req.params;
      const ended = await app.db.transaction(async (tx) => {
        const ids = await revokeSessions(
          tx,
          and(eq(sessions.id, id), eq(sessions.user_id, req.user.id)),
          'revoked',
        );
        if (!ids.length) throw notFound('session', id);
        await recordAudit(tx, req.audit, { action: 'session_revoked', entityType: 'session', entityId: id });
        return ids;
      });
      await announceRevoked(app, ended);
      if (id === req.user.sessionId) clearRefreshCookie(app, reply);
      return reply.code(204).send(null);
    },
  );
}
