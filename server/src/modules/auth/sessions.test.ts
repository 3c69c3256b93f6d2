import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { login, makeUser, signedIn } from '../../../test/factories/index.ts';
import { sessions } from '../../db/schema/index.ts';
import { AUTH_TEST_CONFIG, auditActions, meStatus } from './auth.test-support.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ ...AUTH_TEST_CONFIG, MAX_SESSIONS: 5 });
});
afterAll(async () => t?.close());

const post = (url: string, headers: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: `/api/v1/auth/${url}`, headers });
const listSessions = (headers: Record<string, string>) =>
  t.app.inject({ url: '/api/v1/auth/sessions', headers });

describe('POST /auth/logout', () => {
  it('ends the current session only: its access token is 401 on the very next request', async () => {
    const user = await makeUser(t.app);
    const phone = await login(t.app, user.email);
    const laptop = await login(t.app, user.email);
    expect(await meStatus(t.app, phone.access_token)).toBe(200); // cached as valid
    const res = await post('logout', phone.headers);
    expect(res.statusCode).toBe(204);
    const cleared = res.cookies.find((c) => c.name === 'labline_refresh');
    expect(cleared?.value).toBe('');
    expect(cleared?.path).toBe('/api/v1/auth');
    expect(await meStatus(t.app, phone.access_token)).toBe(401);
    expect(await meStatus(t.app, laptop.access_token)).toBe(200);
    const [ended] = await t.app.db
      .select()
      .from(sessions)
      .where(eq(sessions.user_id, user.id))
      .orderBy(sessions.created_at)
      .limit(1);
    expect(ended.revoked_reason).toBe('logout');
    expect(await auditActions(t.app, 'session', ended.id)).toEqual(['login', 'logout']);
  });

  it('needs an access token (401 without)', async () => {
    expect((await post('logout', {})).statusCode).toBe(401);
  });
});

describe('POST /auth/logout-all', () => {
  it('ends every session of the caller at once, and nobody else’s', async () => {
    const user = await makeUser(t.app);
    const a = await login(t.app, user.email);
    const b = await login(t.app, user.email);
    const other = await signedIn(t.app, 'viewer');
    expect(await meStatus(t.app, b.access_token)).toBe(200);
    expect((await post('logout-all', a.headers)).statusCode).toBe(204);
    expect(await meStatus(t.app, a.access_token)).toBe(401);
    expect(await meStatus(t.app, b.access_token)).toBe(401);
    expect(await meStatus(t.app, other.access_token)).toBe(200);
    const refresh = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refresh_token: b.refresh_token },
    });
    expect(refresh.statusCode).toBe(401);
    expect(await auditActions(t.app, 'user', user.id)).toContain('logout_all');
  });
});

describe('GET /auth/sessions', () => {
  it('lists the caller’s live sessions with the current one marked', async () => {
    const user = await makeUser(t.app);
    const first = await login(t.app, user.email);
    const res = await t.app.inject({
      url: '/api/v1/auth/sessions',
      headers: { ...first.headers, 'user-agent': 'Labline test agent' },
    });
    expect(res.statusCode).toBe(200);
    await login(t.app, user.email);
    const list = (await listSessions(first.headers)).json();
    expect(list).toHaveLength(2);
    expect(Object.keys(list[0]).sort()).toEqual(
      ['created_at', 'current', 'expires_at', 'id', 'ip', 'last_used_at', 'user_agent'].sort(),
    );
    expect(list.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(list[1].current).toBe(true); // newest first; the first login is the older one
    expect(list[1].ip).toBe('127.0.0.1');
    expect(Date.parse(list[0].expires_at)).toBeGreaterThan(Date.now());
  });

  it('leaves out ended sessions', async () => {
    const user = await makeUser(t.app);
    const a = await login(t.app, user.email);
    const b = await login(t.app, user.email);
    await post('logout', a.headers);
    const list = (await listSessions(b.headers)).json();
    expect(list.map((s: { current: boolean }) => s.current)).toEqual([true]);
  });
});

describe('DELETE /auth/sessions/{id}', () => {
  it('ends one own session at once and audits it', async () => {
    const user = await makeUser(t.app);
    const keep = await login(t.app, user.email);
    const lost = await login(t.app, user.email);
    expect(await meStatus(t.app, lost.access_token)).toBe(200);
    const list = (await listSessions(keep.headers)).json();
    const target = list.find((s: { current: boolean }) => !s.current).id;
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/sessions/${target}`,
      headers: keep.headers,
    });
    expect(res.statusCode).toBe(204);
    expect(await meStatus(t.app, lost.access_token)).toBe(401);
    expect(await meStatus(t.app, keep.access_token)).toBe(200);
    expect(await auditActions(t.app, 'session', target)).toContain('session_revoked');
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/sessions/${target}`,
      headers: keep.headers,
    });
    expect(again.statusCode).toBe(404);
  });

  it('is 404 for another user’s session, which stays alive', async () => {
    const me = await signedIn(t.app, 'viewer');
    const victim = await signedIn(t.app, 'viewer');
    const [theirs] = await t.app.db.select().from(sessions).where(eq(sessions.user_id, victim.user.id));
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/sessions/${theirs.id}`,
      headers: me.headers,
    });
    expect(res.statusCode).toBe(404);
    expect(await meStatus(t.app, victim.access_token)).toBe(200);
  });

  it('is 422 for a malformed id', async () => {
    const me = await signedIn(t.app, 'viewer');
    const res = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/auth/sessions/not-a-uuid',
      headers: me.headers,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('id');
  });

  it('ending the current session signs the caller out', async () => {
    const me = await signedIn(t.app, 'viewer');
    const [mine] = (await listSessions(me.headers)).json();
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/sessions/${mine.id}`,
      headers: me.headers,
    });
    expect(res.statusCode).toBe(204);
    expect(await meStatus(t.app, me.access_token)).toBe(401);
  });
});

describe('POST /auth/test-token and GET /auth/me', () => {
  it('answer the current user without secrets, 401 without a valid token', async () => {
    const me = await signedIn(t.app, 'engineer');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/test-token', headers: me.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: me.user.id, email: me.user.email, role: 'engineer' });
    expect(res.json()).not.toHaveProperty('password_hash');
    expect(res.json()).not.toHaveProperty('failed_login_count');
    const same = await t.app.inject({ url: '/api/v1/users/me', headers: me.headers });
    expect(same.json()).toEqual(res.json());
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/test-token',
      headers: { authorization: 'Bearer nonsense' },
    });
    expect(bad.statusCode).toBe(401);
  });
});
