import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { login, makeUser, TEST_PASSWORD, uniq } from '../../../test/factories/index.ts';
import { sessions, users, userTokens } from '../../db/schema/index.ts';
import {
  AUTH_TEST_CONFIG,
  auditActions,
  meStatus,
  outboxFor,
  tokenFromLink,
  waitForOutbox,
} from './auth.test-support.ts';
import { MAIL_TOKENS_PER_HOUR } from './mail-tokens.ts';

let t: TestApp;
const NEW_PASSWORD = 'a brand new passphrase';

beforeAll(async () => {
  t = await createTestApp({ ...AUTH_TEST_CONFIG, LOCKOUT_THRESHOLD: 2 });
});
afterAll(async () => t?.close());

const post = (path: string, payload: object) =>
  t.app.inject({ method: 'POST', url: `/api/v1/auth/${path}`, payload });
const loginStatus = async (email: string, password: string) =>
  (await post('login', { email, password })).statusCode;

async function resetToken(email: string): Promise<string> {
  expect((await post('forgot-password', { email })).statusCode).toBe(202);
  const [mail] = await waitForOutbox(t.app, email);
  return tokenFromLink(mail.text, 'reset-password');
}

describe('POST /auth/forgot-password', () => {
  it('answers 202 the same for an unknown address and mails a one-hour link to a known one', async () => {
    const user = await makeUser(t.app);
    const unknown = await post('forgot-password', { email: `nobody-${uniq()}@example.test` });
    const known = await post('forgot-password', { email: user.email });
    expect([unknown.statusCode, known.statusCode]).toEqual([202, 202]);
    expect(unknown.body).toBe(known.body);
    const [mail] = await waitForOutbox(t.app, user.email);
    expect(mail.subject).toMatch(/reset/i);
    tokenFromLink(mail.text, 'reset-password');
    const [token] = await t.app.db.select().from(userTokens).where(eq(userTokens.user_id, user.id));
    expect(token.purpose).toBe('reset_password');
    expect(Math.round((token.expires_at.getTime() - token.created_at.getTime()) / 60_000)).toBe(60);
    expect(await auditActions(t.app, 'user', user.id)).toContain('password_reset_requested');
  });

  it('mails one account at most MAIL_TOKENS_PER_HOUR links an hour, from any number of addresses', async () => {
    const user = await makeUser(t.app);
    for (let i = 0; i < MAIL_TOKENS_PER_HOUR + 2; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/forgot-password',
        payload: { email: user.email },
        remoteAddress: `10.9.0.${i + 1}`,
      });
      expect(res.statusCode).toBe(202); // the same answer: the cap tells nothing about the account
    }
    const capped = async () =>
      (await auditActions(t.app, 'user', user.id)).filter((a) => a === 'password_reset_mail_capped').length;
    for (let i = 0; i < 100 && (await capped()) < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await capped()).toBe(2);
    expect(await outboxFor(t.app, user.email)).toHaveLength(MAIL_TOKENS_PER_HOUR);
  });

  it('is 422 for a malformed address', async () => {
    const res = await post('forgot-password', { email: 'nope' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('email');
  });
});

describe('POST /auth/reset-password', () => {
  it('sets the password once, ends every session at once and clears the lockout', async () => {
    const user = await makeUser(t.app);
    const a = await login(t.app, user.email);
    const b = await login(t.app, user.email);
    expect(await meStatus(t.app, a.access_token)).toBe(200);
    await loginStatus(user.email, 'wrong one');
    expect(await loginStatus(user.email, 'wrong two')).toBe(423);
    const token = await resetToken(user.email);
    const res = await post('reset-password', { token, new_password: NEW_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(await meStatus(t.app, a.access_token)).toBe(401);
    expect(await meStatus(t.app, b.access_token)).toBe(401);
    const refresh = await post('refresh', { refresh_token: b.refresh_token });
    expect(refresh.statusCode).toBe(401);
    expect(await loginStatus(user.email, TEST_PASSWORD)).toBe(401);
    expect(await loginStatus(user.email, NEW_PASSWORD)).toBe(200);
    const ended = await t.app.db.select().from(sessions).where(eq(sessions.user_id, user.id));
    expect(ended.filter((s) => s.revoked_reason === 'password_reset')).toHaveLength(2);
    expect(await auditActions(t.app, 'user', user.id)).toContain('password_reset');
    const again = await post('reset-password', { token, new_password: 'yet another password' });
    expect(again.statusCode).toBe(422);
    expect(again.json().errors[0].field).toBe('token');
    const notices = await outboxFor(t.app, user.email);
    expect(notices.map((m) => m.subject)).toContain('Your Labline password was changed');
  });

  it('refuses an expired link and a short password, changing nothing', async () => {
    const user = await makeUser(t.app);
    const token = await resetToken(user.email);
    const short = await post('reset-password', { token, new_password: 'short' });
    expect(short.statusCode).toBe(422);
    expect(short.json().errors[0].field).toBe('new_password');
    await t.app.db
      .update(userTokens)
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where(eq(userTokens.user_id, user.id));
    expect((await post('reset-password', { token, new_password: NEW_PASSWORD })).statusCode).toBe(422);
    expect(await loginStatus(user.email, TEST_PASSWORD)).toBe(200);
  });

  it('spends the other outstanding reset links', async () => {
    const user = await makeUser(t.app);
    await post('forgot-password', { email: user.email });
    await post('forgot-password', { email: user.email });
    const [newer, older] = await waitForOutbox(t.app, user.email, 2);
    const first = tokenFromLink(newer.text, 'reset-password');
    const second = tokenFromLink(older.text, 'reset-password');
    expect((await post('reset-password', { token: first, new_password: NEW_PASSWORD })).statusCode).toBe(200);
    expect((await post('reset-password', { token: second, new_password: 'other password' })).statusCode).toBe(
      422,
    );
  });

  it('verifies the address of an unverified account (the link proves it)', async () => {
    const user = await makeUser(t.app, { verified: false });
    const token = await resetToken(user.email);
    expect((await post('reset-password', { token, new_password: NEW_PASSWORD })).statusCode).toBe(200);
    const [row] = await t.app.db.select().from(users).where(eq(users.id, user.id));
    expect(row.email_verified_at).not.toBeNull();
  });
});

describe('PATCH /users/me', () => {
  const patch = (headers: Record<string, string>, payload: object) =>
    t.app.inject({ method: 'PATCH', url: '/api/v1/users/me', headers, payload });

  it('changes the name with the current password, ignores role and email, returns an ETag', async () => {
    const user = await makeUser(t.app);
    const me = await login(t.app, user.email);
    const res = await patch(me.headers, {
      full_name: 'Grace Hopper',
      current_password: TEST_PASSWORD,
      role: 'admin',
      email: 'hijack@example.test',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      full_name: 'Grace Hopper',
      role: 'viewer',
      email: user.email,
      version: 2,
    });
    expect(res.headers.etag).toBe('"2"');
    expect(await auditActions(t.app, 'user', user.id)).toContain('update');
  });

  it('requires the current password: missing or wrong is 422 naming current_password', async () => {
    const user = await makeUser(t.app);
    const me = await login(t.app, user.email);
    const missing = await patch(me.headers, { full_name: 'X' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors[0].field).toBe('current_password');
    const wrong = await patch(me.headers, {
      full_name: 'X',
      password: NEW_PASSWORD,
      current_password: 'guess',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0].field).toBe('current_password');
    const [row] = await t.app.db.select().from(users).where(eq(users.id, user.id));
    expect(row.full_name).toBe('Test User');
    expect(await loginStatus(user.email, TEST_PASSWORD)).toBe(200);
  });

  it('a new password ends the other sessions at once and keeps this one', async () => {
    const user = await makeUser(t.app);
    const here = await login(t.app, user.email);
    const elsewhere = await login(t.app, user.email);
    expect(await meStatus(t.app, elsewhere.access_token)).toBe(200);
    const res = await patch(here.headers, { password: NEW_PASSWORD, current_password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(await meStatus(t.app, elsewhere.access_token)).toBe(401);
    expect(await meStatus(t.app, here.access_token)).toBe(200);
    expect(await loginStatus(user.email, NEW_PASSWORD)).toBe(200);
    expect(await auditActions(t.app, 'user', user.id)).toContain('password_change');
    expect(JSON.stringify(await t.app.db.select().from(users).where(eq(users.id, user.id)))).not.toContain(
      NEW_PASSWORD,
    );
  });

  it('honours If-Match (412 when stale) and checks the new password rules', async () => {
    const user = await makeUser(t.app);
    const me = await login(t.app, user.email);
    const stale = await patch(
      { ...me.headers, 'if-match': '"7"' },
      { full_name: 'Y', current_password: TEST_PASSWORD },
    );
    expect(stale.statusCode).toBe(412);
    const weak = await patch(me.headers, { password: 'short', current_password: TEST_PASSWORD });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors[0].field).toBe('password');
  });
});
