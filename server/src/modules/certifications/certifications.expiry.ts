import { and, eq, gte, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import { certifications, users } from '../../db/schema/index.ts';
import { updateEntity } from '../../lib/crud.ts';
import { todayIn } from '../../lib/dates.ts';
import { notify } from '../../lib/notifications.ts';
import type { App } from '../../types.ts';
import { registerReminder } from '../notifications/reminders.ts';
import { certificationRef } from './certifications.service.ts';

const SYSTEM = { actorId: null, requestId: null, ip: null };
export const REMIND_DAYS = 30;

const dayIn = (timeZone: string, date: Date) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(date);
const plusDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The daily certificate sweep, idempotent: certificates past their expiry date become `expired`
 * (issued or suspended ones; each in its own short transaction, audited as the system), and each
 * issued certificate expiring within 30 days notifies its issuer, the managers and the customer's
 * users once (the dedupe key holds the expiry date, so a renewed date reminds again).
 */
export async function sweepCertificates(app: App, now: Date): Promise<{ expired: number; reminded: number }> {
  const today = dayIn(app.config.TIMEZONE, now);
  const due = await app.db
    .select({ id: certifications.id })
    .from(certifications)
    .where(
      and(
        inArray(certifications.status, ['issued', 'suspended']),
        lt(certifications.expiry_date, today),
        isNull(certifications.archived_at),
      ),
    );
  for (const { id } of due) {
    await app.db.transaction(async (tx) => {
      const [row] = await tx.select().from(certifications).where(eq(certifications.id, id)).for('update');
      if (!row || !['issued', 'suspended'].includes(row.status) || row.expiry_date >= today) return;
      await updateEntity(
        tx,
        certificationRef,
        SYSTEM,
        id,
        { status: 'expired', expired_at: now },
        { action: 'expire' },
      );
    });
  }
  const expiring = await app.db
    .select()
    .from(certifications)
    .where(
      and(
        eq(certifications.status, 'issued'),
        gte(certifications.expiry_date, today),
        lte(certifications.expiry_date, plusDays(today, REMIND_DAYS)),
        isNull(certifications.archived_at),
      ),
    );
  if (expiring.length) {
    await app.db.transaction(async (tx) => {
      for (const cert of expiring) {
        const recipients = await tx
          .select({ id: users.id })
          .from(users)
          .where(
            and(
              isNull(users.archived_at),
              or(
                eq(users.role, 'manager'),
                eq(users.customer_id, cert.customer_id),
                cert.issued_by ? eq(users.id, cert.issued_by) : undefined,
              ),
            ),
          );
        await notify(tx, {
          userIds: recipients.map((u) => u.id),
          kind: 'certificate_expiring',
          title: `Certificate ${cert.number} expires on ${cert.expiry_date}`,
          body: `${cert.product} (${cert.standard}) is certified until ${cert.expiry_date}. Plan the re-certification now.`,
          link: `/certifications/${cert.id}`,
          entity: { type: 'certification', id: cert.id },
          dedupeKey: `certificate_expiring:${cert.id}:${cert.expiry_date}`,
        });
      }
    });
  }
  return { expired: due.length, reminded: expiring.length };
}

registerReminder('certificates-expiry', async (app, now) => {
  await sweepCertificates(app, now);
});

export { todayIn };
