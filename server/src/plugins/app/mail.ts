import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import fp from 'fastify-plugin';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../../db/client.ts';
import { outbox } from '../../db/schema/index.ts';

/**
 * Mail through an outbox: `queue` writes the message in the caller's transaction (so a rolled-back
 * change sends nothing), `deliver` sends what is pending after the commit. With SMTP_URL unset the
 * message goes to the log instead. Rows are claimed with SKIP LOCKED, so several instances never
 * send one mail twice; a failed send is retried with the next sweep, up to five attempts.
 */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  queue(tx: Db, message: MailMessage): Promise<void>;
  /** Sends pending mail now; resolves when this batch is done. */
  deliver(): Promise<number>;
}

const MAX_ATTEMPTS = 5;

export default fp(
  async (app) => {
    const transport: Transporter | undefined = app.config.SMTP_URL
      ? nodemailer.createTransport(app.config.SMTP_URL)
      : undefined;
    let delivering: Promise<number> | undefined;

    async function claim(): Promise<(typeof outbox.$inferSelect)[]> {
      return app.db.transaction(async (tx) => {
        const ids = await tx
          .select({ id: outbox.id })
          .from(outbox)
          .where(
            and(
              isNull(outbox.sent_at),
              lt(outbox.attempts, MAX_ATTEMPTS),
              or(isNull(outbox.claimed_at), lt(outbox.claimed_at, sql`now() - interval '5 minutes'`)),
            ),
          )
          .orderBy(outbox.created_at)
          .limit(20)
          .for('update', { skipLocked: true });
        if (!ids.length) return [];
        return tx
          .update(outbox)
          .set({ claimed_at: new Date(), attempts: sql`${outbox.attempts} + 1` })
          .where(
            inArray(
              outbox.id,
              ids.map((r) => r.id),
            ),
          )
          .returning();
      });
    }

    async function deliverBatch(): Promise<number> {
      let sent = 0;
      for (;;) {
        const batch = await claim();
        if (!batch.length) return sent;
        for (const mail of batch) {
          try {
            if (transport) {
              await transport.sendMail({
                from: app.config.MAIL_FROM,
                to: mail.to,
                subject: mail.subject,
                text: mail.text,
              });
            } else {
              app.log.info(
                { mail: { to: mail.to, subject: mail.subject, text: mail.text } },
                'mail (SMTP_URL unset)',
              );
            }
            await app.db
              .update(outbox)
              .set({ sent_at: new Date(), last_error: null })
              .where(eq(outbox.id, mail.id));
            sent++;
          } catch (err) {
            app.log.warn({ err, to: mail.to }, 'mail delivery failed; will retry');
            await app.db
              .update(outbox)
              .set({ claimed_at: null, last_error: String((err as Error).message).slice(0, 500) })
              .where(eq(outbox.id, mail.id));
          }
        }
      }
    }

    const mailer: Mailer = {
      async queue(tx, message) {
        await tx.insert(outbox).values(message);
      },
      deliver() {
        // one delivery loop at a time per instance; callers share the running one
        delivering ??= deliverBatch().finally(() => {
          delivering = undefined;
        });
        return delivering;
      },
    };
    app.decorate('mailer', mailer);

    const timer = setInterval(() => void mailer.deliver().catch(() => {}), 30_000);
    timer.unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await delivering?.catch(() => {});
      transport?.close();
    });
  },
  { name: 'mail', dependencies: ['db'] },
);
