import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { makeUser, TEST_PASSWORD } from '../../../test/factories/index.ts';
import type { Config } from '../../config.ts';
import { openPostgres } from '../../db/client.ts';
import type { BusMessage } from '../../plugins/app/events.ts';
import type { App } from '../../types.ts';
import { AUTH_TEST_CONFIG, bearer, meStatus } from './auth.test-support.ts';

/**
 * Two API instances on one database: rate-limit counters shared in Redis, and revocations fanned
 * out through Redis pub/sub or, without Redis, PostgreSQL LISTEN/NOTIFY.
 */
const REDIS_URL = process.env.TEST_REDIS_URL;
const PG_URL = process.env.TEST_DATABASE_URL;

/** Instances of one deployment share the signing key; a test app otherwise draws its own. */
const SECRET_KEY = randomBytes(32).toString('hex');
/** A fresh client address per call: Redis keeps rate-limit counters between test runs. */
const freshAddress = () => `10.${[...randomBytes(3)].join('.')}`;

async function signIn(app: App) {
  const user = await makeUser(app);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: user.email, password: TEST_PASSWORD },
    remoteAddress: freshAddress(),
  });
  expect(res.statusCode).toBe(200);
  const tokens = res.json() as { access_token: string };
  return { user, ...tokens, headers: bearer(tokens.access_token) };
}

/** Resolves when `app` has received (and its session cache applied) a matching bus message. */
function received(app: App, match: (m: BusMessage) => boolean): Promise<void> {
  return new Promise((resolve) => app.bus.subscribe((m) => match(m) && resolve()));
}

/**
 * Signs in on A, proves B accepts (and caches) the access token, runs `end` on A, and checks that
 * B refuses the token once the fan-out message has reached it, long before the cache would expire.
 */
async function revokedOnB(
  a: TestApp,
  b: TestApp,
  end: (tokens: { headers: Record<string, string> }) => Promise<void>,
) {
  const { user, ...tokens } = await signIn(a.app);
  expect(await meStatus(b.app, tokens.access_token)).toBe(200);
  expect(await meStatus(b.app, tokens.access_token)).toBe(200); // now answered from B's cache
  const arrived = received(
    b.app,
    (m) => m.type === 'session.revoked' || (m.type === 'user.changed' && m.userId === user.id),
  );
  await end(tokens);
  await arrived;
  expect(await meStatus(b.app, tokens.access_token)).toBe(401);
  expect(await meStatus(a.app, tokens.access_token)).toBe(401);
}

const logout = (app: App) => async (tokens: { headers: Record<string, string> }) => {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: tokens.headers });
  expect(res.statusCode).toBe(204);
};
const logoutAll = (app: App) => async (tokens: { headers: Record<string, string> }) => {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/logout-all', headers: tokens.headers });
  expect(res.statusCode).toBe(204);
};

describe.skipIf(!REDIS_URL)('two instances with Redis (TEST_REDIS_URL)', () => {
  let a: TestApp;
  let b: TestApp;
  const overrides: Partial<Config> = {
    ...AUTH_TEST_CONFIG,
    REDIS_URL,
    SECRET_KEY,
    AUTH_RATE_LIMIT: 3,
    AUTH_RATE_WINDOW_SECONDS: 60,
  };

  beforeAll(async () => {
    a = await createTestApp(overrides);
    b = await createTestApp(overrides, a.database); // the same database
  });
  afterAll(async () => {
    await b?.app.close();
    await a?.close();
  });

  it('counts the rate limit across both instances', async () => {
    const remoteAddress = freshAddress();
    const attempt = (app: App) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'nobody@example.test', password: 'wrong password' },
        remoteAddress,
      });
    expect((await attempt(a.app)).statusCode).toBe(401);
    expect((await attempt(b.app)).statusCode).toBe(401);
    expect((await attempt(a.app)).statusCode).toBe(401);
    const fromB = await attempt(b.app);
    expect(fromB.statusCode).toBe(429); // the fourth request, though only the second B has seen
    expect(Number(fromB.headers['retry-after'])).toBeGreaterThan(0);
    expect((await attempt(a.app)).statusCode).toBe(429);
  });

  it('a logout on A kills the access token on B at once', async () => {
    expect(a.app.bus.kind).toBe('redis');
    await revokedOnB(a, b, logout(a.app));
  });

  it('a logout-all on A kills the access token on B at once', async () => {
    await revokedOnB(a, b, logoutAll(a.app));
  });
});

describe.skipIf(!PG_URL)('two instances on PostgreSQL without Redis (LISTEN/NOTIFY)', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await createTestApp({ ...AUTH_TEST_CONFIG, SECRET_KEY });
    // B opens its own connection pool to the same database, as a second process would
    const url = new URL(PG_URL as string);
    url.pathname = a.database.location.slice(a.database.location.indexOf('/'));
    const second = openPostgres({
      url: url.toString(),
      poolSize: 4,
      statementTimeoutMs: 30_000,
      connectTimeoutMs: 5000,
    });
    b = await createTestApp({ ...AUTH_TEST_CONFIG, SECRET_KEY }, second);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('a logout on A kills the access token on B at once', async () => {
    expect(b.app.bus.kind).toBe('postgres');
    await revokedOnB(a, b, logout(a.app));
  });

  it('a logout-all on A kills the access token on B at once', async () => {
    await revokedOnB(a, b, logoutAll(a.app));
  });

  it('replaces a listening connection the server kills, once, and fans out again', async () => {
    const pool = a.database.pool as NonNullable<typeof a.database.pool>;
    const listeners = async () =>
      (
        await pool.query(
          `select pid from pg_stat_activity where datname = current_database() and query like 'LISTEN%'`,
        )
      ).rows as { pid: number }[];
    expect(await listeners()).toHaveLength(2);
    const reset = received(b.app, (m) => m.type === 'reset');
    await pool.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and query like 'LISTEN%'`,
    );
    await reset; // B was told it may have missed messages and dropped its caches
    for (let i = 0; i < 100 && (await listeners()).length < 2; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await listeners()).toHaveLength(2);
    await revokedOnB(a, b, logout(a.app));
  });
});
