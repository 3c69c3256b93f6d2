import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { makeUser, TEST_PASSWORD, uniq } from '../../../test/factories/index.ts';
import { users, userTokens } from '../../db/schema/index.ts';
import { hashToken } from '../../lib/tokens.ts';
import {
  AUTH_TEST_CONFIG,
  auditActions,
  outboxFor,
  tokenFromLink,
  waitForOutbox,
} from './auth.test-support.ts';

let t: TestApp;

beforeAll(async () => {
  // SMTP_URL unset: mail goes to the log and stays in the outbox table
  t = await createTestApp({ ...AUTH_TEST_CONFIG, PUBLIC_URL: 'https://lab.example.test/' });
});
afterAll(async () => t?.close());

const post = (path: string, payload: object) =>
  t.app.inject({ method: 'POST', url: `/api/v1/auth/${path}`, payload });
const register = (email: string, extra: object = {}) =>
  post('register', { email, password: 'a good long password', full_name: 'Ada Lovelace', ...extra });
const loginStatus = async (email: string, password = 'a good long password') =>
  (await post('login', { email, password })).statusCode;

describe('POST /auth/register', () => {
  it('creates an unverified viewer and writes the verification mail to the outbox', async () => {
    const email = `new-${uniq()}@example.test`;
    const res = await register(email, { role: 'admin' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ email, full_name: 'Ada Lovelace', role: 'viewer', email_verified_at: null });
    expect(body).not.toHaveProperty('password_hash');
    const [mail] = await outboxFor(t.app, email);
    expect(mail.sent_at).not.toBeNull(); // delivered to the log
    const token = tokenFromLink(mail.text, 'verify-email');
    expect(mail.text).toContain(`https://lab.example.test/verify-email?token=${token}`);
    const [stored] = await t.app.db.select().from(userTokens).where(eq(userTokens.user_id, body.id));
    expect(stored.token_hash).toBe(hashToken(token)); // only the hash is kept
    expect(stored.purpose).toBe('verify_email');
    const hours = (stored.expires_at.getTime() - stored.created_at.getTime()) / 3600_000;
    expect(Math.round(hours)).toBe(24);
    expect(await auditActions(t.app, 'user', body.id)).toEqual(['register']);
    expect(await loginStatus(email)).toBe(403); // not verified yet
  });

  it('answers an already registered address exactly like a new one and mails the owner', async () => {
    const owner = await makeUser(t.app);
    const res = await register(owner.email.toUpperCase());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(
      Object.keys((await register(`x-${uniq()}@example.test`)).json()).sort(),
    );
    expect(body).toMatchObject({ email: owner.email, role: 'viewer', email_verified_at: null });
    expect(body.id).not.toBe(owner.id);
    const [mail] = await outboxFor(t.app, owner.email);
    expect(mail.subject).toMatch(/already have/);
    const [{ n }] = await t.app.db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(eq(sql`lower(${users.email})`, owner.email));
    expect(n).toBe(1);
    expect(await loginStatus(owner.email, TEST_PASSWORD)).toBe(200); // the owner's password is untouched
  });

  it('answers two parallel registrations of one address both with 201 and creates one account', async () => {
    const email = `twice-${uniq()}@example.test`;
    const [a, b] = await Promise.all([register(email), register(email)]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    const rows = await t.app.db.select().from(users).where(eq(users.email, email));
    expect(rows).toHaveLength(1);
  });

  it('enforces the password rules (8..128) and names the bad fields', async () => {
    const short = await register(`s-${uniq()}@example.test`, { password: 'short' });
    expect(short.statusCode).toBe(422);
    expect(short.json().errors.map((e: { field: string }) => e.field)).toEqual(['password']);
    expect((await register(`l-${uniq()}@example.test`, { password: 'x'.repeat(129) })).statusCode).toBe(422);
    const bad = await post('register', { email: 'not-an-email', password: 'a good long password' });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['email', 'full_name']);
  });

  it('is 403 when registration is disabled', async () => {
    const closed = await createTestApp({ ...AUTH_TEST_CONFIG, REGISTRATION_ENABLED: false });
    try {
      const res = await closed.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { email: `c-${uniq()}@example.test`, password: 'a good long password', full_name: 'N' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    } finally {
      await closed.close();
    }
  });
});

describe('GET /auth/options', () => {
  const options = (app: TestApp['app']) => app.inject({ method: 'GET', url: '/api/v1/auth/options' });

  it('tells anyone, without a token, that registration is open and e-mails must be verified', async () => {
    const res = await options(t.app);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ registration_enabled: true, email_verification_required: true });
    expect(res.headers['cache-control']).toBe('public, max-age=300');
  });

  it('reflects REGISTRATION_ENABLED=false and REQUIRE_EMAIL_VERIFICATION=false and is never rate limited', async () => {
    const closed = await createTestApp({
      ...AUTH_TEST_CONFIG,
      AUTH_RATE_LIMIT: 2,
      REGISTRATION_ENABLED: false,
      REQUIRE_EMAIL_VERIFICATION: false,
    });
    try {
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await options(closed.app));
      expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
      expect(answers[4].json()).toEqual({ registration_enabled: false, email_verification_required: false });
    } finally {
      await closed.close();
    }
  });
});

describe('POST /auth/verify-email', () => {
  it('verifies once with the mailed token; then login works', async () => {
    const email = `v-${uniq()}@example.test`;
    const { id } = (await register(email)).json();
    const token = tokenFromLink((await outboxFor(t.app, email))[0].text, 'verify-email');
    const res = await post('verify-email', { token });
    expect(res.statusCode).toBe(200);
    expect(res.json().message).toMatch(/confirmed/);
    const [user] = await t.app.db.select().from(users).where(eq(users.id, id));
    expect(user.email_verified_at).not.toBeNull();
    expect(user.version).toBe(2);
    expect(await auditActions(t.app, 'user', id)).toEqual(['register', 'email_verified']);
    expect(await loginStatus(email)).toBe(200);
    const again = await post('verify-email', { token });
    expect(again.statusCode).toBe(422);
    expect(again.json().errors[0].field).toBe('token');
  });

  it('refuses an unknown or expired token with 422 naming token', async () => {
    expect((await post('verify-email', { token: 'nope' })).json().errors[0].field).toBe('token');
    const email = `e-${uniq()}@example.test`;
    const { id } = (await register(email)).json();
    await t.app.db
      .update(userTokens)
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where(eq(userTokens.user_id, id));
    const token = tokenFromLink((await outboxFor(t.app, email))[0].text, 'verify-email');
    expect((await post('verify-email', { token })).statusCode).toBe(422);
  });
});

describe('POST /auth/resend-verification', () => {
  it('answers 202 the same for unknown, unverified and verified addresses; mails only the unverified', async () => {
    // its own app: closing it waits for the work done after the replies, so "nothing sent" is final
    const side = await createTestApp({ ...AUTH_TEST_CONFIG });
    const inject = (path: string, payload: object) =>
      side.app.inject({ method: 'POST', url: `/api/v1/auth/${path}`, payload });
    const ghost = `ghost-${uniq()}@example.test`;
    const waiting = `waiting-${uniq()}@example.test`;
    const verified = await makeUser(side.app);
    await inject('register', { email: waiting, password: 'a good long password', full_name: 'W' });
    const answers = await Promise.all(
      [ghost, waiting, verified.email].map((email) => inject('resend-verification', { email })),
    );
    expect(answers.map((r) => r.statusCode)).toEqual([202, 202, 202]);
    expect(new Set(answers.map((r) => r.body)).size).toBe(1);
    await side.app.close();
    const sent = (to: string) => outboxFor(side.database, to);
    expect(await sent(ghost)).toHaveLength(0);
    expect(await sent(verified.email)).toHaveLength(0);
    expect(await sent(waiting)).toHaveLength(2); // registration + resend
    await side.database.close();
  });

  it('mails a fresh link that verifies the address', async () => {
    const email = `r-${uniq()}@example.test`;
    await register(email);
    expect((await post('resend-verification', { email })).statusCode).toBe(202);
    const [latest] = await waitForOutbox(t.app, email, 2);
    expect(
      (await post('verify-email', { token: tokenFromLink(latest.text, 'verify-email') })).statusCode,
    ).toBe(200);
    expect(await loginStatus(email)).toBe(200);
  });
});
