import { createServer, createConnection as netConnect, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildApp, loggerOptions } from '../src/app.ts';
import { openPostgres } from '../src/db/client.ts';
import { createTestApp, openTestDatabase, testConfig } from './app.ts';
import { login, makeUser, signedIn, TEST_PASSWORD } from './factories/index.ts';

/** A TCP proxy in front of PostgreSQL that the test can cut and restore, like a network outage. */
function outageProxy(target: URL) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const start = () =>
    new Promise<number>((resolve) => {
      server = createServer((client) => {
        const upstream = netConnect(Number(target.port || 5432), target.hostname);
        sockets.add(client).add(upstream);
        client.pipe(upstream).pipe(client);
        const drop = () => {
          client.destroy();
          upstream.destroy();
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve(port);
      });
    });
  const cut = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      sockets.clear();
      server!.close(() => resolve());
    });
  return { start, cut };
}

describe('PostgreSQL outage', () => {
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'answers 503 with Retry-After while the database is away and recovers without a restart',
    async () => {
      const real = await openTestDatabase();
      const realUrl = new URL(
        (real.pool as unknown as { options: { connectionString: string } }).options.connectionString,
      );
      const proxy = outageProxy(realUrl);
      const proxyPort = await proxy.start();
      const viaProxy = new URL(realUrl);
      viaProxy.host = `127.0.0.1:${proxyPort}`;
      const database = openPostgres({
        url: viaProxy.toString(),
        poolSize: 4,
        statementTimeoutMs: 5000,
        connectTimeoutMs: 1000,
      });
      const config = testConfig();
      const app = await buildApp({ config, database, migrate: false });
      try {
        const admin = await signedIn(app, 'admin');
        expect((await app.inject({ url: '/api/v1/customers', headers: admin.headers })).statusCode).toBe(200);

        await proxy.cut();
        const during = await app.inject({ url: '/api/v1/customers', headers: admin.headers });
        expect(during.statusCode).toBe(503);
        expect(during.headers['retry-after']).toBeDefined();
        expect(during.json().detail).not.toMatch(/ECONN|127\.0\.0\.1|select/i);
        const ready = await app.inject({ url: '/ready' });
        expect(ready.statusCode).toBe(503);

        await proxy.start();
        let after = 0;
        for (let attempt = 0; attempt < 20 && after !== 200; attempt++) {
          after = (await app.inject({ url: '/api/v1/customers', headers: admin.headers })).statusCode;
          if (after !== 200) await new Promise((r) => setTimeout(r, 250));
        }
        expect(after).toBe(200);
      } finally {
        await app.close();
        await database.close();
        await proxy.cut().catch(() => {});
        await real.close();
      }
    },
  );
});

describe('graceful shutdown', () => {
  it('lets an in-flight request finish, then closes the database', async () => {
    const database = await openTestDatabase();
    const app = await buildApp({ config: testConfig(), database, migrate: false, closeDatabase: true });
    const t = { app, database };
    const user = await makeUser(t.app, { role: 'viewer' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    // A sign-in takes tens of milliseconds of hashing: close the app once it has arrived.
    const arrived = new Promise((r) => t.app.server.once('request', r));
    const inFlight = fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
    });
    await arrived;
    const closing = t.app.close();
    const res = await inFlight;
    expect(res.status).toBe(200);
    await closing;
    const handle = t.database as unknown as { pglite?: { closed: boolean }; pool?: { ended: boolean } };
    expect(handle.pglite ? handle.pglite.closed : handle.pool?.ended).toBe(true);
  });
});

describe('load shedding', () => {
  it('answers 503 with Retry-After while the event loop is blocked', async () => {
    const t = await createTestApp({ MAX_EVENT_LOOP_DELAY_MS: 50 });
    try {
      const blockUntil = Date.now() + 700;
      while (Date.now() < blockUntil) {
        // a CPU-bound handler hogging the loop, as a huge report render would
      }
      let shed: { statusCode: number; headers: Record<string, unknown> } | undefined;
      for (let i = 0; i < 30 && !shed; i++) {
        await new Promise((r) => setTimeout(r, 50));
        const res = await t.app.inject({ url: '/health' });
        if (res.statusCode === 503) shed = res;
      }
      expect(shed?.statusCode).toBe(503);
      expect(shed?.headers['retry-after']).toBeDefined();
    } finally {
      await t.close();
    }
  });
});

describe('logging', () => {
  it('logs one line per request with its id, and never a password, token or cookie', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const config = testConfig({ LOG_LEVEL: 'info' });
    const database = await openTestDatabase();
    const app = await buildApp({
      config,
      database,
      migrate: false,
      logger: { ...(loggerOptions(config) as object), stream },
    });
    try {
      const user = await makeUser(app, { role: 'viewer' });
      const tokens = await login(app, user.email);
      lines.length = 0;
      const res = await app.inject({
        url: '/api/v1/users/me',
        headers: {
          ...tokens.headers,
          cookie: `labline_refresh=${tokens.refresh_token}`,
          'x-request-id': 'trace-me-123',
        },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-request-id']).toBe('trace-me-123');
      const requestLines = lines.filter((l) => l.includes('trace-me-123'));
      expect(requestLines).toHaveLength(1);
      const all = lines.join('\n');
      expect(all).not.toContain(tokens.access_token);
      expect(all).not.toContain(tokens.refresh_token);
      expect(all).not.toContain(TEST_PASSWORD);
    } finally {
      await app.close();
      await database.close();
    }
  });
});
