import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { makeUser, TEST_PASSWORD, uniq } from '../../../test/factories/index.ts';
import { outbox } from '../../db/schema/index.ts';
import { AUTH_TEST_CONFIG, startSmtp, tokenFromLink } from './auth.test-support.ts';

/** Account mail through a real SMTP server (smtp-server on a random local port) and nodemailer. */
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let t: TestApp;

beforeAll(async () => {
  smtp = await startSmtp();
  t = await createTestApp({
    ...AUTH_TEST_CONFIG,
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Labline <no-reply@lab.example.test>',
    PUBLIC_URL: 'https://lab.example.test',
  });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const post = (path: string, payload: object) =>
  t.app.inject({ method: 'POST', url: `/api/v1/auth/${path}`, payload });

describe('mail through SMTP', () => {
  it('register → verification mail → verify-email → login', async () => {
    const email = `smtp-${uniq()}@example.test`;
    const password = 'a good long password';
    const res = await post('register', { email, password, full_name: 'Mail Test' });
    expect(res.statusCode).toBe(201);
    const mail = await smtp.next(email, /Subject: Confirm your Labline e-mail address/);
    expect(mail.raw).toMatch(/From: Labline <no-reply@lab\.example\.test>/);
    const token = tokenFromLink(mail.text, 'verify-email');
    expect(mail.text).toContain(`https://lab.example.test/verify-email?token=${token}`);
    expect((await post('login', { email, password })).statusCode).toBe(403);
    expect((await post('verify-email', { token })).statusCode).toBe(200);
    expect((await post('login', { email, password })).statusCode).toBe(200);
    const [row] = await t.app.db.select().from(outbox).where(eq(outbox.to, email));
    expect(row.sent_at).not.toBeNull();
    expect(row.attempts).toBe(1);
  });

  it('forgot-password → reset mail → reset-password → login with the new password', async () => {
    const user = await makeUser(t.app);
    expect((await post('forgot-password', { email: user.email })).statusCode).toBe(202);
    const mail = await smtp.next(user.email, /Subject: Reset your Labline password/);
    const token = tokenFromLink(mail.text, 'reset-password');
    const newPassword = 'reset over real smtp';
    expect((await post('reset-password', { token, new_password: newPassword })).statusCode).toBe(200);
    await smtp.next(user.email, /Subject: Your Labline password was changed/);
    expect((await post('login', { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(401);
    expect((await post('login', { email: user.email, password: newPassword })).statusCode).toBe(200);
  });

  it('mails the owner of an already registered address instead of creating an account', async () => {
    const owner = await makeUser(t.app);
    const res = await post('register', {
      email: owner.email,
      password: 'another long password',
      full_name: 'Eve',
    });
    expect(res.statusCode).toBe(201);
    const mail = await smtp.next(owner.email, /Subject: You already have a Labline account/);
    expect(mail.text).toContain('https://lab.example.test/forgot-password');
  });
});
