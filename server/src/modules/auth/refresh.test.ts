import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { login, makeUser } from '../../../test/factories/index.ts';
import { refreshTokens, sessions, users } from '../../db/schema/index.ts';
import { hashToken } from '../../lib/tokens.ts';
import { AUTH_TEST_CONFIG, auditActions, meStatus } from './auth.test-support.ts';

let t: TestApp;
const url = '/api/v1/auth/refresh';

beforeAll(async () => {
  t = await createTestApp({ ...AUTH_TEST_CONFIG, REFRESH_TOKEN_EXPIRE_DAYS: 7 });
});
afterAll(async () => t?.close());

const refresh = (refresh_token: string) => t.app.inject({ method: 'POST', url, payload: { refresh_token } });

async function signedInUser() {
  const user = await makeUser(t.app);
  const tokens = await login(t.app, user.email);
  const [row] = await t.app.db
    .select({ sessionId: refreshTokens.session_id })
    .from(refreshTokens)
    .where(eq(refreshTokens.token_hash, hashToken(tokens.refresh_token)));
  return { user, tokens, sessionId: row.sessionId };
}

const sessionRow = async (id: string) =>
  (await t.app.db.select().from(sessions).where(eq(sessions.id, id)))[0];

describe('POST /auth/refresh', () => {
  it('rotates: a new pair and cookie, the old token consumed, the session still alive', async () => {
    const { tokens, sessionId } = await signedInUser();
    const res = await refresh(tokens.refresh_token);
    expect(res.statusCode).toBe(200);
    const pair = res.json();
    expect(pair.refresh_token).not.toBe(tokens.refresh_token);
    expect(pair.access_token).not.toBe(tokens.access_token);
    expect(res.cookies.find((c) => c.name === 'labline_refresh')?.value).toBe(pair.refresh_token);
    expect(await meStatus(t.app, pair.access_token)).toBe(200);
    expect(await meStatus(t.app, tokens.access_token)).toBe(200); // access tokens live until expiry
    expect(await auditActions(t.app, 'session', sessionId)).toEqual(['login', 'token_refresh']);
  });

  it('accepts the token from the labline_refresh cookie with no body', async () => {
    const { tokens } = await signedInUser();
    const res = await t.app.inject({
      method: 'POST',
      url,
      cookies: { labline_refresh: tokens.refresh_token },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().refresh_token).not.toBe(tokens.refresh_token);
  });

  it('is 401 for no token, an unknown token, and an access token', async () => {
    const { tokens } = await signedInUser();
    expect((await t.app.inject({ method: 'POST', url })).statusCode).toBe(401);
    expect((await refresh('not-a-real-token')).statusCode).toBe(401);
    expect((await refresh(tokens.access_token)).statusCode).toBe(401);
  });

  it('never accepts a refresh token as an access token', async () => {
    const { tokens } = await signedInUser();
    expect(await meStatus(t.app, tokens.refresh_token)).toBe(401);
  });

  it('gives 100 parallel refreshes of one token exactly one successor', async () => {
    const { tokens, sessionId } = await signedInUser();
    const results = await Promise.all(Array.from({ length: 100 }, () => refresh(tokens.refresh_token)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(100).fill(200));
    const successors = new Set(results.map((r) => r.json().refresh_token));
    expect(successors.size).toBe(1);
    const rows = await t.app.db.select().from(refreshTokens).where(eq(refreshTokens.session_id, sessionId));
    expect(rows).toHaveLength(2); // the original and its one successor
    const [successor] = successors;
    expect((await refresh(successor)).statusCode).toBe(200);
    expect((await sessionRow(sessionId)).revoked_at).toBeNull();
  });

  it('replays the same pair to a duplicate within the grace window, without revoking', async () => {
    const { tokens, sessionId } = await signedInUser();
    const first = (await refresh(tokens.refresh_token)).json();
    const again = await refresh(tokens.refresh_token);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first);
    expect((await sessionRow(sessionId)).revoked_at).toBeNull();
    expect(await meStatus(t.app, first.access_token)).toBe(200);
  });

  it('revokes the whole session when an older rotated token comes back after the window', async () => {
    const { tokens, sessionId } = await signedInUser();
    const next = (await refresh(tokens.refresh_token)).json();
    // the first use happened a minute ago
    await t.app.db
      .update(refreshTokens)
      .set({ consumed_at: sql`now() - interval '1 minute'` })
      .where(eq(refreshTokens.token_hash, hashToken(tokens.refresh_token)));
    const reuse = await refresh(tokens.refresh_token);
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().detail).toMatch(/already used/);
    const row = await sessionRow(sessionId);
    expect(row.revoked_reason).toBe('refresh_reuse');
    expect((await refresh(next.refresh_token)).statusCode).toBe(401); // the successor died too
    expect(await meStatus(t.app, next.access_token)).toBe(401);
    expect(await meStatus(t.app, tokens.access_token)).toBe(401);
    expect(await auditActions(t.app, 'session', sessionId)).toContain('refresh_token_reuse');
  });

  it('drops sealed successor pairs once they are past the grace window', async () => {
    const { tokens, sessionId } = await signedInUser();
    const second = (await refresh(tokens.refresh_token)).json();
    await t.app.db
      .update(refreshTokens)
      .set({ consumed_at: sql`now() - interval '1 minute'` })
      .where(eq(refreshTokens.token_hash, hashToken(tokens.refresh_token)));
    expect((await refresh(second.refresh_token)).statusCode).toBe(200);
    const rows = await t.app.db.select().from(refreshTokens).where(eq(refreshTokens.session_id, sessionId));
    const old = rows.find((r) => r.token_hash === hashToken(tokens.refresh_token));
    expect(old?.successor_sealed).toBeNull();
    expect(
      rows.find((r) => r.token_hash === hashToken(second.refresh_token))?.successor_sealed,
    ).not.toBeNull();
  });

  it('extends the idle expiry on each refresh, never past the absolute limit', async () => {
    const { tokens, sessionId } = await signedInUser();
    const soon = new Date(Date.now() + 3600_000);
    await t.app.db.update(sessions).set({ idle_expires_at: soon }).where(eq(sessions.id, sessionId));
    const second = (await refresh(tokens.refresh_token)).json();
    const extended = await sessionRow(sessionId);
    expect(extended.idle_expires_at.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);
    expect(extended.last_used_at.getTime()).toBeGreaterThanOrEqual(extended.created_at.getTime());
    const cap = new Date(Date.now() + 2 * 24 * 3600_000);
    await t.app.db.update(sessions).set({ absolute_expires_at: cap }).where(eq(sessions.id, sessionId));
    await refresh(second.refresh_token);
    expect((await sessionRow(sessionId)).idle_expires_at.getTime()).toBe(cap.getTime());
  });

  it('is 401 once the session is idle-expired or past its absolute lifetime', async () => {
    const idle = await signedInUser();
    await t.app.db
      .update(sessions)
      .set({ idle_expires_at: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, idle.sessionId));
    expect((await refresh(idle.tokens.refresh_token)).statusCode).toBe(401);
    const old = await signedInUser();
    await t.app.db
      .update(sessions)
      .set({ absolute_expires_at: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, old.sessionId));
    expect((await refresh(old.tokens.refresh_token)).statusCode).toBe(401);
  });

  it('is 401 for a deactivated user', async () => {
    const { user, tokens } = await signedInUser();
    await t.app.db.update(users).set({ is_active: false }).where(eq(users.id, user.id));
    expect((await refresh(tokens.refresh_token)).statusCode).toBe(401);
  });

  it('is 401 after logout', async () => {
    const { tokens } = await signedInUser();
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: tokens.headers });
    expect((await refresh(tokens.refresh_token)).statusCode).toBe(401);
  });
});
