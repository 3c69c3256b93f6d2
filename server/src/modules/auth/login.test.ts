import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { login, makeUser, TEST_PASSWORD, uniq } from '../../../test/factories/index.ts';
import { auditEvents, sessions, users } from '../../db/schema/index.ts';
import { AUTH_TEST_CONFIG, auditActions, meStatus } from './auth.test-support.ts';

let t: TestApp;
const url = '/api/v1/auth/login';

beforeAll(async () => {
  t = await createTestApp({ ...AUTH_TEST_CONFIG, LOCKOUT_THRESHOLD: 3, MAX_SESSIONS: 2 });
});
afterAll(async () => t?.close());

const postJson = (payload: object) => t.app.inject({ method: 'POST', url, payload });

describe('POST /auth/login', () => {
  it('signs in with JSON and returns a bearer pair plus the HttpOnly refresh cookie', async () => {
    const user = await makeUser(t.app);
    const res = await postJson({ email: user.email.toUpperCase(), password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 30 * 60 });
    expect(body.refresh_token.length).toBeGreaterThanOrEqual(22); // ≥ 128 random bits
    const cookie = res.cookies.find((c) => c.name === 'labline_refresh');
    expect(cookie).toMatchObject({
      value: body.refresh_token,
      httpOnly: true,
      sameSite: 'Strict',
      path: '/api/v1/auth',
    });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(await meStatus(t.app, body.access_token)).toBe(200);
    const [session] = await t.app.db.select().from(sessions).where(eq(sessions.user_id, user.id));
    expect(await auditActions(t.app, 'session', session.id)).toEqual(['login']);
  });

  it('marks the refresh cookie Secure in production', async () => {
    const prod = await createTestApp({
      ...AUTH_TEST_CONFIG,
      NODE_ENV: 'production',
      SECRET_KEY: 'Zq8#vT2m!pL9@xW4$nR7^bK1&cY6*dF3(hJ5',
    });
    try {
      const user = await makeUser(prod.app);
      const res = await prod.app.inject({
        method: 'POST',
        url,
        payload: { email: user.email, password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.find((c) => c.name === 'labline_refresh')).toMatchObject({
        httpOnly: true,
        sameSite: 'Strict',
        secure: true,
      });
    } finally {
      await prod.close();
    }
    // and not in development or tests, where the app is served over plain http://localhost
    const dev = await postJson({ email: (await makeUser(t.app)).email, password: TEST_PASSWORD });
    expect(dev.cookies.find((c) => c.name === 'labline_refresh')?.secure).toBeFalsy();
  });

  it('signs in with the OAuth2 password form', async () => {
    const user = await makeUser(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `grant_type=password&username=${encodeURIComponent(user.email)}&password=${encodeURIComponent(TEST_PASSWORD)}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().token_type).toBe('bearer');
  });

  it('documents both body types in OpenAPI', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    const content = doc.paths['/api/v1/auth/login'].post.requestBody.content;
    expect(Object.keys(content).sort()).toEqual(['application/json', 'application/x-www-form-urlencoded']);
  });

  it('gives the same 401 for an unknown email and a wrong password, and audits both', async () => {
    const user = await makeUser(t.app);
    const unknownEmail = `nobody-${uniq()}@example.test`;
    const unknown = await postJson({ email: unknownEmail, password: TEST_PASSWORD });
    const wrong = await postJson({ email: user.email, password: 'not the password' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().detail).toBe(wrong.json().detail);
    expect(unknown.headers['www-authenticate']).toBe('Bearer');
    expect(await auditActions(t.app, 'user', user.id)).toContain('login_failed');
    const failures = await t.app.db.select().from(auditEvents).where(eq(auditEvents.action, 'login_failed'));
    expect(failures.some((e) => JSON.stringify(e.changes).includes(unknownEmail))).toBe(true);
  });

  it('answers 422 naming the field for a missing password', async () => {
    const res = await postJson({ email: 'a@example.test' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('password');
  });

  it('locks the account after LOCKOUT_THRESHOLD failures (423), even for the right password', async () => {
    const user = await makeUser(t.app);
    expect((await postJson({ email: user.email, password: 'wrong-1' })).statusCode).toBe(401);
    expect((await postJson({ email: user.email, password: 'wrong-2' })).statusCode).toBe(401);
    const third = await postJson({ email: user.email, password: 'wrong-3' });
    expect(third.statusCode).toBe(423);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    const right = await postJson({ email: user.email, password: TEST_PASSWORD });
    expect(right.statusCode).toBe(423);
    expect(right.headers['content-type']).toContain('application/problem+json');
    expect(await auditActions(t.app, 'user', user.id)).toContain('login_locked');
    // the lock ends by itself: move it into the past
    await t.app.db
      .update(users)
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where(eq(users.id, user.id));
    expect((await postJson({ email: user.email, password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('counts parallel wrong guesses without losing any', async () => {
    const user = await makeUser(t.app);
    const results = await Promise.all(
      [1, 2, 3].map((i) => postJson({ email: user.email, password: `guess-${i}` })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([401, 401, 423]);
  });

  it('refuses an unverified email (403) when verification is required', async () => {
    const user = await makeUser(t.app, { verified: false });
    const res = await postJson({ email: user.email, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toMatch(/verify/i);
  });

  it('refuses a deactivated account (403) and an archived one like an unknown email (401)', async () => {
    const inactive = await makeUser(t.app);
    await t.app.db.update(users).set({ is_active: false }).where(eq(users.id, inactive.id));
    expect((await postJson({ email: inactive.email, password: TEST_PASSWORD })).statusCode).toBe(403);
    const archived = await makeUser(t.app);
    await t.app.db.update(users).set({ archived_at: new Date() }).where(eq(users.id, archived.id));
    expect((await postJson({ email: archived.email, password: TEST_PASSWORD })).statusCode).toBe(401);
  });

  it('keeps at most MAX_SESSIONS sessions: a new login ends the oldest at once', async () => {
    const user = await makeUser(t.app);
    const first = await login(t.app, user.email);
    const second = await login(t.app, user.email);
    expect(await meStatus(t.app, first.access_token)).toBe(200);
    const third = await login(t.app, user.email);
    expect(await meStatus(t.app, first.access_token)).toBe(401);
    expect(await meStatus(t.app, second.access_token)).toBe(200);
    expect(await meStatus(t.app, third.access_token)).toBe(200);
    const refresh = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refresh_token: first.refresh_token },
    });
    expect(refresh.statusCode).toBe(401);
    const live = await t.app.inject({ url: '/api/v1/auth/sessions', headers: third.headers });
    expect(live.json()).toHaveLength(2);
  });
});

describe('password hashing under a burst of sign-ins', () => {
  it('answers 503 + Retry-After past the hash queue, and a refused attempt is not a failed sign-in', async () => {
    // one hash at a time and no queue: sign-ins arriving while a hash runs are turned away at once
    const burst = await createTestApp({
      ...AUTH_TEST_CONFIG,
      HASH_CONCURRENCY: 1,
      HASH_QUEUE_LIMIT: 0,
      LOCKOUT_THRESHOLD: 100,
    });
    try {
      const user = await makeUser(burst.app);
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          burst.app.inject({
            method: 'POST',
            url,
            payload: { email: user.email, password: 'not the password' },
          }),
        ),
      );
      const codes = answers.map((r) => r.statusCode);
      expect(codes.every((c) => c === 401 || c === 503)).toBe(true);
      const refused = answers.filter((r) => r.statusCode === 503);
      expect(refused.length).toBeGreaterThan(0);
      for (const r of refused) {
        expect(r.headers['content-type']).toContain('application/problem+json');
        expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      }
      // only the attempts whose password was really checked count toward the lockout
      const [row] = await burst.app.db.select().from(users).where(eq(users.id, user.id));
      expect(row.failed_login_count).toBe(codes.filter((c) => c === 401).length);
      // and once the burst is over, sign-in works again
      expect(
        (
          await burst.app.inject({
            method: 'POST',
            url,
            payload: { email: user.email, password: TEST_PASSWORD },
          })
        ).statusCode,
      ).toBe(200);
    } finally {
      await burst.close();
    }
  });
});
