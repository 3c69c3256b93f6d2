import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { createTestApp, openTestDatabase, type TestApp, testConfig } from './app.ts';
import { signedIn } from './factories/index.ts';

/**
 * The plumbing every route relies on (issue 2, "Plumbing"): health, readiness, metrics, the
 * OpenAPI document, problem+json for every error, request ids, body limits and content types,
 * CORS, security headers and the handler timeout.
 */
let t: TestApp;
let admin: Awaited<ReturnType<typeof signedIn>>;
const ALLOWED_ORIGIN = 'https://lab.example.test';

beforeAll(async () => {
  t = await createTestApp({
    CORS_ORIGINS: `${ALLOWED_ORIGIN},http://localhost:5173`,
    MAX_EVENT_LOOP_DELAY_MS: 0, // no load shedding on a busy test machine
  });
  admin = await signedIn(t.app, 'admin');
});
afterAll(async () => t?.close());

const expectProblem = (
  res: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
) => {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = res.json() as Record<string, unknown>;
  expect(body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  expect(body.request_id).toBe(res.headers['x-request-id']);
  return body;
};

describe('/health, /ready, /metrics', () => {
  it('/health answers 200 without authentication', async () => {
    const res = await t.app.inject({ url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('/ready answers 200 with the database kind and applied migrations', async () => {
    const res = await t.app.inject({ url: '/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ready', database: t.database.kind });
    expect(res.json().migrations).toBeGreaterThan(0);
  });

  it('/metrics has the request histogram by route and status, and the pool gauges', async () => {
    await t.app.inject({ url: '/health' });
    await t.app.inject({ url: '/api/v1/customers' }); // 401
    const res = await t.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(text).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/health"[^}]*status="200"/);
    expect(text).toMatch(
      /http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/customers"[^}]*status="401"/,
    );
    for (const gauge of [
      'db_pool_connections_total',
      'db_pool_connections_idle',
      'db_pool_requests_waiting',
    ]) {
      expect(text).toMatch(new RegExp(`^${gauge} \\d+`, 'm'));
    }
  });
});

describe('/openapi.json', () => {
  const methods = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];
  interface Operation {
    operationId?: string;
    responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  }
  let doc: {
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
    components: { securitySchemes?: Record<string, { type: string; scheme?: string }> };
  };
  beforeAll(async () => {
    const res = await t.app.inject({ url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json();
  });
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => methods.includes(method))
        .map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, path, op })),
    );

  it('is OpenAPI 3.1 with bearer security schemes', () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.components.securitySchemes?.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/v1/users']).toBeDefined();
  });

  it('gives every operation a unique operationId', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(20);
    expect(ops.filter((o) => !o.op.operationId).map((o) => o.name)).toEqual([]);
    const ids = ops.map((o) => o.op.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('documents a success and the error answers of every /api/v1 operation', () => {
    const incomplete: string[] = [];
    for (const { name, path, op } of operations()) {
      if (!path.startsWith('/api/v1/')) continue;
      const codes = Object.keys(op.responses ?? {});
      const success = codes.filter((c) => /^2/.test(c));
      if (!success.length || !codes.includes('4XX') || !codes.includes('5XX')) {
        incomplete.push(`${name}: ${codes.join(',')}`);
        continue;
      }
      for (const code of success) {
        if (code === '204') continue;
        const content = op.responses![code].content;
        if (!content || !Object.values(content).some((c) => c.schema))
          incomplete.push(`${name}: ${code} has no schema`);
      }
    }
    expect(incomplete).toEqual([]);
  });
});

describe('errors are problem+json', () => {
  it('answers an unknown route with 404', async () => {
    const body = expectProblem(await t.app.inject({ url: '/api/v1/no-such-thing' }), 404);
    expect(body.detail).toContain('/api/v1/no-such-thing');
  });

  it('answers 401 with WWW-Authenticate for a missing or garbage token', async () => {
    for (const authorization of [undefined, 'Bearer not.a.jwt', 'Basic abc']) {
      const res = await t.app.inject({
        url: '/api/v1/customers',
        headers: authorization ? { authorization } : {},
      });
      expectProblem(res, 401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
    }
  });

  const post = (payload: string | Buffer, contentType: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { ...admin.headers, 'content-type': contentType },
      payload,
    });

  it('answers 415 for text/plain and other bodies that are not JSON', async () => {
    expectProblem(await post('company_name=x', 'text/plain'), 415);
    expectProblem(await post('<customer/>', 'application/xml'), 415);
  });

  it('answers 400 for malformed JSON', async () => {
    expectProblem(await post('{"company_name": "x",', 'application/json'), 400);
    expectProblem(await post('[1, 2', 'application/json; charset=utf-8'), 400);
  });

  const customerCount = async () =>
    (await t.app.inject({ url: '/api/v1/customers?limit=1', headers: admin.headers })).json().total as number;

  it('answers 415 for a form body on a JSON route (only the login declares one) and for a charset other than UTF-8', async () => {
    const before = await customerCount();
    const form = expectProblem(
      await post('company_name=Form+Ltd&email=form@example.test', 'application/x-www-form-urlencoded'),
      415,
    );
    expect(form.detail).toContain('application/json');
    const latin1 = expectProblem(
      await post(
        Buffer.from(JSON.stringify({ company_name: 'Caf\u00e9 Ltd', email: 'cafe@example.test' }), 'latin1'),
        'application/json; charset=ISO-8859-1',
      ),
      415,
    );
    expect(latin1.detail).toContain('UTF-8');
    expect(await customerCount()).toBe(before);
    // the OAuth2 login still takes its form, and an explicit UTF-8 charset is fine
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      payload: `username=${encodeURIComponent(admin.user.email)}&password=wrong-password`,
    });
    expectProblem(login, 401);
  });

  it('refuses bytes that are not UTF-8 (400) and unpaired surrogates (422 naming the field), writing nothing', async () => {
    const before = await customerCount();
    const invalidUtf8 = Buffer.concat([
      Buffer.from('{"company_name":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('","email":"bytes@example.test"}'),
    ]);
    const bytes = expectProblem(await post(invalidUtf8, 'application/json'), 400);
    expect(bytes.detail).toContain('UTF-8');
    const surrogate = expectProblem(
      await post('{"company_name":"half \\ud800 pair","email":"half@example.test"}', 'application/json'),
      422,
    );
    expect(surrogate.errors).toEqual([
      { field: 'company_name', message: expect.stringContaining('surrogate') },
    ]);
    expect(await customerCount()).toBe(before);
    // real non-ASCII text, astral characters included, goes through unchanged
    const name = 'Ünïcødé 𝓛ab 🧪 Ltd';
    const ok = await post(
      JSON.stringify({ company_name: name, email: 'unicode@example.test' }),
      'application/json',
    );
    expect(ok.statusCode).toBe(201);
    expect(ok.json().company_name).toBe(name);
  });

  it('answers a URL with a broken percent-encoding with problem+json and a request id', async () => {
    const res = await t.app.inject({ url: '/api/v1/customers/%ff', headers: admin.headers });
    const body = expectProblem(res, 400);
    expect(body.detail).toContain('malformed');
  });

  it('answers 413 for a body over 1 MiB', async () => {
    const big = JSON.stringify({
      company_name: 'x',
      email: 'big@example.test',
      notes: 'x'.repeat(1024 * 1024),
    });
    expectProblem(await post(big, 'application/json'), 413);
  });

  it('answers 422 naming the field for a valid JSON body of the wrong shape', async () => {
    const body = expectProblem(await post('{"company_name": 42}', 'application/json'), 422);
    expect((body.errors as { field: string }[]).map((e) => e.field)).toContain('company_name');
  });
});

describe('X-Request-Id', () => {
  it('echoes a well-formed incoming id, including in problem bodies', async () => {
    const res = await t.app.inject({
      url: '/api/v1/nowhere',
      headers: { 'x-request-id': 'client-req.42:abc' },
    });
    expect(res.headers['x-request-id']).toBe('client-req.42:abc');
    expect(res.json().request_id).toBe('client-req.42:abc');
  });

  it('replaces a malformed one with its own', async () => {
    for (const bad of ['has spaces in it', 'x'.repeat(300), '<script>', 'ünïcode']) {
      const res = await t.app.inject({ url: '/health', headers: { 'x-request-id': bad } });
      const id = String(res.headers['x-request-id']);
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });

  it('gives every response one, even without an incoming id', async () => {
    const a = await t.app.inject({ url: '/health' });
    const b = await t.app.inject({ url: '/health' });
    expect(a.headers['x-request-id']).toBeTruthy();
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });
});

describe('CORS and security headers', () => {
  const preflight = (origin: string) =>
    t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/customers',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });

  it('allows an origin from CORS_ORIGINS, with credentials', async () => {
    const res = await preflight(ALLOWED_ORIGIN);
    expect(res.statusCode).toBeLessThan(300);
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(String(res.headers['access-control-allow-methods'])).toContain('POST');
    const simple = await t.app.inject({ url: '/health', headers: { origin: ALLOWED_ORIGIN } });
    expect(simple.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(String(simple.headers['access-control-expose-headers']).toLowerCase()).toContain('x-request-id');
  });

  it('refuses any other origin', async () => {
    const res = await preflight('https://evil.example.test');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await t.app.inject({ url: '/health', headers: { origin: 'https://evil.example.test' } });
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends helmet security headers', async () => {
    const res = await t.app.inject({ url: '/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['strict-transport-security']).toContain('max-age=');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['referrer-policy']).toBeDefined();
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('timeouts and outages', () => {
  it('answers 503 with Retry-After when a handler outlives REQUEST_TIMEOUT_MS', async () => {
    const database = await openTestDatabase();
    const app = await buildApp({
      config: testConfig({ REQUEST_TIMEOUT_MS: 100, MAX_EVENT_LOOP_DELAY_MS: 0 }),
      database,
      migrate: false,
    });
    // a throwaway route that finishes only when Fastify gives up on it: no timing race
    app.get('/test/never-answers', { config: { public: true } }, async (req) => {
      await new Promise((resolve) => req.signal.addEventListener('abort', resolve, { once: true }));
      return 'too late';
    });
    try {
      await app.ready();
      const res = await app.inject({ url: '/test/never-answers' });
      expect(expectProblem(res, 503).detail).toContain('took too long');
      expect(res.headers['retry-after']).toBeDefined();
    } finally {
      await app.close();
      await database.close();
    }
  });

  it('/ready answers 503 once the database is gone', async () => {
    const own = await createTestApp({ MAX_EVENT_LOOP_DELAY_MS: 0 });
    try {
      expect((await own.app.inject({ url: '/ready' })).statusCode).toBe(200);
      // On PostgreSQL the pool only finishes ending when the app releases its LISTEN connection.
      const closing = own.database.close();
      if (own.database.kind === 'pglite') await closing;
      const res = await own.app.inject({ url: '/ready' });
      expectProblem(res, 503);
      expect(res.headers['retry-after']).toBeDefined();
      expect((await own.app.inject({ url: '/health' })).statusCode).toBe(200); // liveness needs no database
      await own.app.close();
      await closing;
    } catch (err) {
      await own.close().catch(() => {});
      throw err;
    }
  });
});
