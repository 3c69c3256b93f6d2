import { and, eq, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { users } from '../../db/schema/index.ts';
import { recordAudit } from '../../lib/audit.ts';
import { forbidden, invalidField } from '../../lib/errors.ts';
import type { App } from '../../types.ts';
import { UserPublic } from '../users/users.schemas.ts';
import { afterReply } from './after-reply.ts';
import { AuthOptions, EmailBody, Message, RegisterBody, TokenBody } from './auth.schemas.ts';
import { publicUrl } from './auth.service.ts';
import { findUserByEmail } from './login.service.ts';
import { consumeMailToken, issueMailToken, spendMailTokens } from './mail-tokens.ts';
import { alreadyRegisteredMail, verificationMail } from './mails.ts';

/** Self-service accounts: register, confirm the e-mail address, ask for the link again. */
export default async function accountRoutes(app: App) {
  const rateLimit = {
    max: app.config.AUTH_RATE_LIMIT,
    timeWindow: app.config.AUTH_RATE_WINDOW_SECONDS * 1000,
  };
  const later = afterReply(app);

  // fixed at boot, so computed once; no rate limit: it costs nothing and every sign-in page asks
  const options = {
    registration_enabled: app.config.REGISTRATION_ENABLED,
    email_verification_required: app.config.REQUIRE_EMAIL_VERIFICATION,
  };
  app.get(
    '/api/v1/auth/options',
    {
      config: { public: true },
      schema: {
        operationId: 'auth-options',
        tags: ['auth'],
        summary: 'What the sign-in pages may offer: self-registration, e-mail verification',
        description:
          'Public and cacheable (5 minutes): the values come from REGISTRATION_ENABLED and ' +
          'REQUIRE_EMAIL_VERIFICATION and change only with a restart.',
        response: { 200: AuthOptions },
      },
    },
    async (_req, reply) => reply.header('cache-control', 'public, max-age=300').send(options),
  );

  app.post(
    '/api/v1/auth/register',
    {
      config: { public: true, rateLimit },
      schema: {
        operationId: 'auth-register',
        tags: ['auth'],
        summary: 'Create an account (role viewer, e-mail unverified) and mail a verification link',
        description:
          'Never reveals whether the address already has an account: that case answers the same 201 ' +
          '(with a user that is not stored) and mails the owner instead. 403 when REGISTRATION_ENABLED ' +
          'is false. The link is valid 24 hours.',
        body: RegisterBody,
        response: { 201: UserPublic },
      },
    },
    async (req, reply) => {
      if (!app.config.REGISTRATION_ENABLED) throw forbidden('Registration is disabled; ask an administrator');
      const email = req.body.email.trim().toLowerCase();
      const fullName = req.body.full_name.trim();
      // hashed in both cases, so an existing address costs the same time as a new one
      const passwordHash = await app.passwords.hash(req.body.password);
      const base = publicUrl(app);
      const created = await app.db.transaction(async (tx) => {
        const [user] = await tx
          .insert(users)
          .values({ email, full_name: fullName, password_hash: passwordHash, role: 'viewer' })
          .onConflictDoNothing()
          .returning();
        if (user) {
          // a brand-new account has no earlier links: the first one is always issued
          const token = (await issueMailToken(tx, user.id, 'verify_email')) as string;
          await app.mailer.queue(tx, verificationMail(email, base, token));
          await recordAudit(
            tx,
            { ...req.audit, actorId: user.id },
            {
              action: 'register',
              entityType: 'user',
              entityId: user.id,
              changes: { email: [null, email], full_name: [null, fullName], role: [null, 'viewer'] },
            },
          );
          return user;
        }
        const [owner] = await tx
          .select()
          .from(users)
          .where(eq(sql`lower(${users.email})`, email));
        if (owner && !owner.email_verified_at && owner.is_active && !owner.archived_at) {
          const token = await issueMailToken(tx, owner.id, 'verify_email');
          if (token) await app.mailer.queue(tx, verificationMail(email, base, token));
        } else if (owner) await app.mailer.queue(tx, alreadyRegisteredMail(email, base));
        await recordAudit(tx, req.audit, {
          action: 'register_existing_email',
          entityType: 'user',
          entityId: owner?.id ?? null,
        });
        return null;
      });
      await app.mailer.deliver().catch((err) => req.log.warn({ err }, 'mail delivery deferred'));
      const now = new Date();
      return reply.code(201).send(
        created ?? {
          id: uuidv7(),
          created_at: now,
          updated_at: now,
          version: 1,
          archived_at: null,
          email,
          full_name: fullName,
          role: 'viewer' as const,
          customer_id: null,
          is_active: true,
          email_verified_at: null,
          last_login_at: null,
        },
      );
    },
  );

  app.post(
    '/api/v1/auth/verify-email',
    {
      config: { public: true, rateLimit },
      schema: {
        operationId: 'auth-verify-email',
        tags: ['auth'],
        summary: 'Confirm the e-mail address with the token from the mailed link',
        description: 'An unknown, used or expired token is 422 naming `token`.',
        body: TokenBody,
        response: { 200: Message },
      },
    },
    async (req) => {
      await app.db.transaction(async (tx) => {
        const userId = await consumeMailToken(tx, req.body.token, 'verify_email');
        if (!userId) throw invalidField('token', 'is invalid, already used or expired');
        await spendMailTokens(tx, userId, 'verify_email');
        const [user] = await tx
          .update(users)
          .set({ email_verified_at: sql`now()`, updated_at: sql`now()`, version: sql`${users.version} + 1` })
          .where(and(eq(users.id, userId), isNull(users.email_verified_at)))
          .returning({ at: users.email_verified_at });
        await recordAudit(
          tx,
          { ...req.audit, actorId: userId },
          {
            action: 'email_verified',
            entityType: 'user',
            entityId: userId,
            changes: user ? { email_verified_at: [null, user.at] } : {},
          },
        );
      });
      return { message: 'Your e-mail address is confirmed; you can sign in' };
    },
  );

  app.post(
    '/api/v1/auth/resend-verification',
    {
      config: { public: true, rateLimit },
      schema: {
        operationId: 'auth-resend-verification',
        tags: ['auth'],
        summary: 'Mail a new verification link to an unverified account',
        description: 'Always 202, whether or not the address has an account that needs one.',
        body: EmailBody,
        response: { 202: Message },
      },
    },
    async (req, reply) => {
      const email = req.body.email;
      const audit = req.audit;
      later('resend-verification', async () => {
        const user = await findUserByEmail(app, email);
        if (!user || user.email_verified_at || !user.is_active || user.archived_at) return;
        await app.db.transaction(async (tx) => {
          const token = await issueMailToken(tx, user.id, 'verify_email');
          if (token) await app.mailer.queue(tx, verificationMail(user.email, publicUrl(app), token));
          await recordAudit(tx, audit, {
            action: token ? 'verification_resent' : 'verification_mail_capped',
            entityType: 'user',
            entityId: user.id,
          });
        });
        await app.mailer.deliver();
      });
      return reply.code(202).send({
        message: 'If this address has an account waiting for confirmation, a new link is on its way',
      });
    },
  );
}
