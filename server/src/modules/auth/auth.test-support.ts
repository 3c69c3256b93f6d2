import type { AddressInfo } from 'node:net';
import { and, desc, eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { vi } from 'vitest';
import type { Db } from '../../db/client.ts';
import { auditEvents, outbox } from '../../db/schema/index.ts';
import type { App } from '../../types.ts';

/** Helpers shared by the auth test files (not a test file itself). */

export interface ReceivedMail {
  to: string[];
  raw: string;
  /** The body with quoted-printable soft breaks and escapes undone. */
  text: string;
}

/** RFC 2045 quoted-printable: `=\r\n` is a soft line break, `=XX` a byte. */
export function decodeQuotedPrintable(body: string): string {
  const bytes = body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** A real SMTP server on a random local port that keeps every message it accepts. */
export async function startSmtp() {
  const mails: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
        const text = /content-transfer-encoding:\s*quoted-printable/i.test(raw)
          ? decodeQuotedPrintable(body)
          : body;
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, text });
        for (const wake of waiters.splice(0)) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    mails,
    /** Resolves with the first mail to `to` matching `subject` (waits for it to arrive). */
    async next(to: string, subject: RegExp): Promise<ReceivedMail> {
      for (;;) {
        const found = mails.find((m) => m.to.includes(to) && subject.test(m.raw));
        if (found) return found;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const tokenFromLink = (text: string, path: string): string => {
  const match = new RegExp(`/${path}\\?token=([A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in: ${text}`);
  return match[1];
};

/** Mail written for `to`, newest first; takes an app or a database (`{ db }`). */
export const outboxFor = (source: { db: Db }, to: string) =>
  source.db.select().from(outbox).where(eq(outbox.to, to)).orderBy(desc(outbox.created_at));

/** Mail written after the answer (resend-verification, forgot-password): wait until it is there. */
export const waitForOutbox = (app: App, to: string, count = 1) =>
  vi.waitFor(
    async () => {
      const rows = await outboxFor(app, to);
      if (rows.length < count) throw new Error(`waiting for ${count} mail(s) to ${to}`);
      return rows;
    },
    { timeout: 20_000, interval: 20 },
  );

export const auditActions = async (app: App, entityType: string, entityId: string) =>
  (
    await app.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.entity_type, entityType), eq(auditEvents.entity_id, entityId)))
      .orderBy(auditEvents.seq)
  ).map((e) => e.action);

export const bearer = (accessToken: string) => ({ authorization: `Bearer ${accessToken}` });

/** GET /auth/me with a token: the quickest way to ask "is this access token still alive?". */
export const meStatus = async (app: App, accessToken: string) =>
  (await app.inject({ url: '/api/v1/auth/me', headers: bearer(accessToken) })).statusCode;

/**
 * Config for the auth test apps: rate limits out of the way (rate-limit.test sets its own), and
 * load shedding off, since a test machine shared by several suites can lag by a second or more and
 * would answer 503 to requests that these tests are not about.
 */
export const AUTH_TEST_CONFIG = { AUTH_RATE_LIMIT: 10_000, MAX_EVENT_LOOP_DELAY_MS: 0 } as const;
