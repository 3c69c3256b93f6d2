import fp from 'fastify-plugin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { sessions } from '../src/db/schema/index.ts';
import { ROLES, type Role } from '../src/db/schema/users.ts';
import { modules } from '../src/modules/index.ts';
import { createTestApp, openTestDatabase, type TestApp, testConfig } from './app.ts';
import { makeUser } from './factories/index.ts';

/**
 * The role matrix of API.md "Roles" for EVERY route, derived from the routes themselves: a request
 * with each role's token answers 403 exactly when the route does not declare that role (admin may
 * call everything), and a request without a token answers 401 on every non-public route. New
 * resources are covered without touching this file.
 *
 * The routes and their `config` are collected by an `onRoute` hook. Fastify only reports routes
 * declared after a hook is added, so the census is put first in the module list, wrapped in
 * fastify-plugin so its hook sits on the root instance and sees every module's routes (and the
 * web app's, registered after the modules). Routes that plugins declare before the modules (the
 * docs UI, /openapi.json) are public and outside /api/v1; the census is cross-checked against the
 * OpenAPI document so an /api/v1 route declared anywhere else would be noticed.
 */
interface DeclaredRoute {
  method: string;
  url: string;
  roles: readonly Role[];
  public: boolean;
}
const declared: DeclaredRoute[] = [];
const census = fp(
  async (app) => {
    app.addHook('onRoute', (route) => {
      const config = (route.config ?? {}) as { roles?: readonly Role[]; public?: boolean };
      for (const method of [route.method].flat()) {
        if (method === 'HEAD' || method === 'OPTIONS') continue; // HEAD mirrors GET; OPTIONS is CORS
        declared.push({ method, url: route.url, roles: config.roles ?? [], public: config.public === true });
      }
    });
  },
  { name: 'route-census' },
);
modules.unshift(census as never);

// A well-formed id that matches nothing: an allowed caller gets past the role check to a 404/422.
const NO_SUCH_ID = '01900000-0000-7000-8000-000000000000';
const concrete = (url: string) => url.replace(/:[A-Za-z_][A-Za-z0-9_]*/g, NO_SUCH_ID).replace(/\*/g, 'x');

let t: TestApp;
const userOf = {} as Record<Role, { id: string }>;

beforeAll(async () => {
  // load shedding off: a busy test machine must not turn answers into 503s
  t = await createTestApp({ MAX_EVENT_LOOP_DELAY_MS: 0 });
  for (const role of ROLES) userOf[role] = await makeUser(t.app, { role });
});
afterAll(async () => t?.close());

/**
 * A fresh session and access token for a role's user, per request: some routes end the caller's
 * sessions (logout, logout-all), and that must not change the answer of the next request.
 */
async function tokenFor(role: Role): Promise<string> {
  const day = 24 * 3600_000;
  const [session] = await t.app.db
    .insert(sessions)
    .values({
      user_id: userOf[role].id,
      idle_expires_at: new Date(Date.now() + day),
      absolute_expires_at: new Date(Date.now() + day),
    })
    .returning({ id: sessions.id });
  return t.app.tokens.signAccess(userOf[role].id, session.id);
}

function request(route: DeclaredRoute, token?: string) {
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
  return t.app.inject({
    method: route.method as 'GET',
    url: concrete(route.url),
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(hasBody ? { payload: {} } : {}),
  });
}

const guarded = () => declared.filter((r) => !r.public);
const api = () => declared.filter((r) => r.url.startsWith('/api/v1/'));

describe('route declarations', () => {
  it('collects every route, each declaring roles or public', () => {
    expect(api().length).toBeGreaterThan(20);
    expect(declared).toContainEqual(expect.objectContaining({ method: 'GET', url: '/api/v1/users' }));
    expect(declared).toContainEqual(expect.objectContaining({ method: 'GET', url: '/health', public: true }));
    const undeclared = declared.filter((r) => !r.public && r.roles.length === 0);
    expect(undeclared).toEqual([]);
    for (const route of declared) for (const role of route.roles) expect(ROLES).toContain(role);
  });

  it('has seen every /api/v1 operation of the OpenAPI document', () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const seen = new Set(declared.map((r) => `${r.method} ${r.url}`));
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/v1/')) continue;
      const url = path.replace(/\{([^}]+)\}/g, ':$1');
      for (const method of Object.keys(operations)) {
        if (method === 'head') continue;
        if (!seen.has(`${method.toUpperCase()} ${url}`)) missing.push(`${method.toUpperCase()} ${url}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('refuses to boot when a route declares neither roles nor public', async () => {
    modules.shift(); // this throwaway app needs no census
    const database = await openTestDatabase();
    try {
      const app = await buildApp({
        config: testConfig({ MAX_EVENT_LOOP_DELAY_MS: 0 }),
        database,
        migrate: false,
      });
      app.register(async (child) => {
        child.get('/api/v1/zz-undeclared', async () => 'open to anyone?');
      });
      await expect(app.ready()).rejects.toThrow(/declares neither config\.roles nor config\.public/);
      await app.close().catch(() => {});
    } finally {
      modules.unshift(census as never);
      await database.close();
    }
  });
});

describe('the role matrix', () => {
  it('answers 401 without a token on every non-public route', async () => {
    const wrong: string[] = [];
    for (const route of guarded()) {
      const res = await request(route);
      if (res.statusCode !== 401 || res.headers['www-authenticate'] !== 'Bearer') {
        wrong.push(`${route.method} ${route.url} → ${res.statusCode}`);
      }
    }
    expect(guarded().length).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  });

  it.each(ROLES)('answers 403 to %s exactly where the role is not declared', async (role) => {
    const wrong: string[] = [];
    let allowedCount = 0;
    for (const route of guarded().filter((r) => r.url.startsWith('/api/v1/'))) {
      const allowed = role === 'admin' || route.roles.includes(role);
      const res = await request(route, await tokenFor(role));
      if (allowed) allowedCount++;
      const refused = res.statusCode === 403;
      // a 5xx is never right: minimal bodies and unknown ids are bad input, answered 4xx
      if (res.statusCode === 401 || res.statusCode >= 500 || refused === allowed) {
        wrong.push(
          `${route.method} ${route.url}: ${allowed ? 'declared' : 'not declared'}, got ${res.statusCode}`,
        );
      } else if (refused) {
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
    }
    expect(wrong).toEqual([]);
    expect(allowedCount).toBeGreaterThan(0);
  });
});
