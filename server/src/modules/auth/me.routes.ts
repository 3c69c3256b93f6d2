import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { users } from '../../db/schema/index.ts';
import { etag, expectedVersion } from '../../lib/concurrency.ts';
import { updateEntity } from '../../lib/crud.ts';
import { invalidField, notFound } from '../../lib/errors.ts';
import { IfMatchHeaders } from '../../lib/schemas.ts';
import { ANY_ROLE } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { UserPublic } from '../users/users.schemas.ts';
import { MeUpdate } from './auth.schemas.ts';
import { announceRevoked, publicUrl, revokeSessions, sessionsOfUser } from './auth.service.ts';
import { passwordChangedMail } from './mails.ts';

const USER = { table: users, name: 'user' };

/** The caller's own account: GET /users/me and /auth/me (same answer), PATCH /users/me, test-token. */
export default async function meRoutes(app: App) {
  const rateLimit = {
    max: app.config.AUTH_RATE_LIMIT,
    timeWindow: app.config.AUTH_RATE_WINDOW_SECONDS * 1000,
  };
  const me = async (req: FastifyRequest) => {
    const [user] = await app.db.select().from(users).where(eq(users.id, req.user.id));
    if (!user) throw notFound('user', req.user.id);
    return user;
  };
  const meOp = (operationId: string, tag: string, summary: string) => ({
    config: { roles: ANY_ROLE },
    schema: { operationId, tags: [tag], summary, response: { 200: UserPublic } },
  });

  app.get('/api/v1/users/me', meOp('users-me', 'users', 'The signed-in user'), async (req, reply) => {
    const user = await me(req);
    reply.header('etag', etag(user.version));
    return user;
  });
  app.get('/api/v1/auth/me', meOp('auth-me', 'auth', 'The signed-in user (same as GET /users/me)'), me);
  app.post(
    '/api/v1/auth/test-token',
    meOp('auth-test-token', 'auth', 'Check an access token: 200 with its user, 401 otherwise'),
    me,
  );

  app.patch(
    '/api/v1/users/me',
    {
      // limited like sign-in: current_password would otherwise be a password-guessing oracle
      config: { roles: ANY_ROLE, rateLimit },
      schema: {
        operationId: 'users-me-update',
        tags: ['users'],
        summary: 'Change your name or password; current_password is always required',
        description:
          'A wrong current_password is 422 naming current_password, and nothing changes. A new password ' +
          'ends every other session of the user (this one stays signed in). role, email and other fields ' +
          'are ignored. Honours If-Match (or `version`).',
        headers: IfMatchHeaders,
        body: MeUpdate,
        response: { 200: UserPublic },
      },
    },
    async (req, reply) => {
      const { full_name, password, current_password, version } = req.body;
      const expected = expectedVersion(req.headers['if-match'], version);
      const current = await me(req);
      if (!(await app.passwords.verify(current.password_hash, current_password))) {
        throw invalidField('current_password', 'is incorrect');
      }
      const patch: Record<string, unknown> = {};
      if (full_name !== undefined) patch.full_name = full_name.trim();
      if (password !== undefined) {
        patch.password_hash = await app.passwords.hash(password);
        patch.password_changed_at = new Date();
      }
      const { after, ended } = await app.db.transaction(async (tx) => {
        const ended = password
          ? await revokeSessions(tx, sessionsOfUser(req.user.id, req.user.sessionId), 'password_change')
          : [];
        if (password) await app.mailer.queue(tx, passwordChangedMail(current.email, publicUrl(app)));
        const { after } = await updateEntity(tx, USER, req.audit, req.user.id, patch, {
          expected,
          action: password ? 'password_change' : 'update',
        });
        return { after, ended };
      });
      await announceRevoked(app, ended);
      if (password)
        await app.mailer.deliver().catch((err) => req.log.warn({ err }, 'mail delivery deferred'));
      reply.header('etag', etag(after.version as number));
      return after as typeof current;
    },
  );
}
