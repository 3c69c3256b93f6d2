import { eq, sql } from 'drizzle-orm';
import { users } from '../../db/schema/index.ts';
import { recordAudit } from '../../lib/audit.ts';
import { invalidField } from '../../lib/errors.ts';
import type { App } from '../../types.ts';
import { afterReply } from './after-reply.ts';
import { EmailBody, Message, ResetPasswordBody } from './auth.schemas.ts';
import { publicUrl, revokeSessions, sessionsOfUser } from './auth.service.ts';
import { findUserByEmail } from './login.service.ts';
import { consumeMailToken, isMailTokenUsable, issueMailToken, spendMailTokens } from './mail-tokens.ts';
import { passwordChangedMail, resetPasswordMail } from './mails.ts';

/** Forgotten passwords: a one-time link by mail, then a new password that ends every session. */
export default async function passwordRoutes(app: App) {
  const rateLimit = {
    max: app.config.AUTH_RATE_LIMIT,
    timeWindow: app.config.AUTH_RATE_WINDOW_SECONDS * 1000,
  };
  const later = afterReply(app);

  app.post(
    '/api/v1/auth/forgot-password',
    {
      config: { public: true, rateLimit },
      schema: {
        operationId: 'auth-forgot-password',
        tags: ['auth'],
        summary: 'Mail a one-time password reset link, valid one hour',
        description: 'Always 202, whether or not the address has an account.',
        body: EmailBody,
        response: { 202: Message },
      },
    },
    async (req, reply) => {
      const email = req.body.email;
      const audit = req.audit;
      later('forgot-password', async () => {
        const user = await findUserByEmail(app, email);
        if (!user?.is_active || user.archived_at) return;
        await app.db.transaction(async (tx) => {
          const token = await issueMailToken(tx, user.id, 'reset_password');
          if (token) await app.mailer.queue(tx, resetPasswordMail(user.email, publicUrl(app), token));
          await recordAudit(tx, audit, {
            action: token ? 'password_reset_requested' : 'password_reset_mail_capped',
            entityType: 'user',
            entityId: user.id,
          });
        });
        await app.mailer.deliver();
      });
      return reply.code(202).send({ message: 'If this address has an account, a reset link is on its way' });
    },
  );

  app.post(
    '/api/v1/auth/reset-password',
    {
      config: { public: true, rateLimit },
      schema: {
        operationId: 'auth-reset-password',
        tags: ['auth'],
        summary: 'Set a new password with the token from the mailed link',
        description:
          'Ends every session of the user, clears a lockout and, since the link proves the address, ' +
          'marks the e-mail verified. An unknown, used or expired token is 422 naming `token`.',
        body: ResetPasswordBody,
        response: { 200: Message },
      },
    },
    async (req) => {
      const invalidToken = () => invalidField('token', 'is invalid, already used or expired');
      if (!(await isMailTokenUsable(app.db, req.body.token, 'reset_password'))) throw invalidToken();
      // hashed before the transaction: argon2 takes tens of milliseconds and must not hold locks
      const passwordHash = await app.passwords.hash(req.body.new_password);
      const user = await app.db.transaction(async (tx) => {
        const userId = await consumeMailToken(tx, req.body.token, 'reset_password');
        if (!userId) throw invalidToken(); // spent by a parallel request meanwhile
        await spendMailTokens(tx, userId, 'reset_password');
        const [updated] = await tx
          .update(users)
          .set({
            password_hash: passwordHash,
            password_changed_at: sql`now()`,
            failed_login_count: 0,
            locked_until: null,
            email_verified_at: sql`coalesce(${users.email_verified_at}, now())`,
            updated_at: sql`now()`,
            version: sql`${users.version} + 1`,
          })
          .where(eq(users.id, userId))
          .returning();
        const ended = await revokeSessions(tx, sessionsOfUser(userId), 'password_reset');
        await app.mailer.queue(tx, passwordChangedMail(updated.email, publicUrl(app)));
        await recordAudit(
          tx,
          { ...req.audit, actorId: userId },
          {
            action: 'password_reset',
            entityType: 'user',
            entityId: userId,
            changes: { password: ['[redacted]', '[redacted]'], sessions_ended: [null, ended.length] },
          },
        );
        return updated;
      });
      await app.invalidate({ type: 'user.changed', userId: user.id });
      await app.mailer.deliver().catch((err) => req.log.warn({ err }, 'mail delivery deferred'));
      return { message: 'Your password is changed; sign in with the new one' };
    },
  );
}
