import { describe, expect, it, vi } from 'vitest';
import { createSession, REFRESH_PATH } from './session';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * A fake API: tokens "t1", "t2"… are valid once issued by refresh; data requests answer 401 for
 * any other bearer. Refresh answers after a tick so parallel callers really overlap.
 */
function fakeServer(options: { refreshOk?: boolean; valid?: string } = {}) {
  let issued = 0;
  let valid = options.valid ?? null;
  const calls = { refresh: 0, data: [] as (string | null)[] };
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    const request = input as Request;
    const path = new URL(request.url).pathname;
    if (path === REFRESH_PATH) {
      calls.refresh++;
      await new Promise((r) => setTimeout(r, 5));
      if (options.refreshOk === false) return json(401, { status: 401, detail: 'no session' });
      valid = `t${++issued}`;
      return json(200, { access_token: valid, refresh_token: 'r', token_type: 'bearer', expires_in: 60 });
    }
    const bearer = request.headers.get('authorization')?.replace('Bearer ', '') ?? null;
    calls.data.push(bearer);
    if (!bearer || bearer !== valid) return json(401, { status: 401, detail: 'expired' });
    return json(200, { ok: true, path, body: request.method === 'POST' ? await request.text() : null });
  });
  return { fetch, calls, expire: () => (valid = 'nobody') };
}

const noLock = <T>(work: () => Promise<T>) => work();
const url = (path: string) => `http://test${path}`;

describe('session refresh', () => {
  it('renews before a costly request when less than half the lifetime is left, not otherwise', async () => {
    const server = fakeServer({ valid: 'fresh' });
    let clock = 0;
    const session = createSession({
      fetch: server.fetch,
      baseUrl: 'http://test',
      lock: noLock,
      now: () => clock,
    });
    session.setTokens({ access_token: 'fresh', expires_in: 60 });
    clock = 20_000; // 40 s of 60 left
    expect(await session.freshToken()).toBe('fresh');
    expect(server.calls.refresh).toBe(0);
    clock = 31_000; // 29 s left: under half
    expect(await session.freshToken()).toBe('t1');
    expect(server.calls.refresh).toBe(1);
  });

  it('sends many parallel 401s through exactly one refresh and retries each with the new token', async () => {
    const server = fakeServer();
    const session = createSession({ fetch: server.fetch, baseUrl: 'http://test', lock: noLock });
    session.setTokens({ access_token: 'stale', expires_in: 60 });

    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => session.fetch(new Request(url(`/api/v1/customers/${i}`)))),
    );

    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(server.calls.refresh).toBe(1);
    expect(session.getToken()).toBe('t1');
    // 10 first attempts with the stale token, 10 retries with the new one
    expect(server.calls.data.filter((t) => t === 'stale')).toHaveLength(10);
    expect(server.calls.data.filter((t) => t === 't1')).toHaveLength(10);
  });

  it('does not refresh again for a 401 that arrives after another request already renewed the token', async () => {
    const server = fakeServer();
    const session = createSession({ fetch: server.fetch, baseUrl: 'http://test', lock: noLock });
    session.setTokens({ access_token: 'stale', expires_in: 60 });
    await session.fetch(new Request(url('/api/v1/a')));
    expect(server.calls.refresh).toBe(1);
    await session.fetch(new Request(url('/api/v1/b')));
    expect(server.calls.refresh).toBe(1);
  });

  it('retries a POST with its body intact', async () => {
    const server = fakeServer();
    const session = createSession({ fetch: server.fetch, baseUrl: 'http://test', lock: noLock });
    session.setTokens({ access_token: 'stale', expires_in: 60 });
    const response = await session.fetch(
      new Request(url('/api/v1/customers'), { method: 'POST', body: '{"company_name":"Acme"}' }),
    );
    expect(await response.json()).toMatchObject({ body: '{"company_name":"Acme"}' });
  });

  it('renews shortly before expiry, before sending the request', async () => {
    let now = 1_000_000;
    const server = fakeServer({ valid: 'first' });
    const session = createSession({
      fetch: server.fetch,
      baseUrl: 'http://test',
      lock: noLock,
      now: () => now,
    });
    session.setTokens({ access_token: 'first', expires_in: 60 });
    await session.fetch(new Request(url('/api/v1/x')));
    expect(server.calls.refresh).toBe(0);
    now += 50_000; // 10 s left of 60: inside the renewal window
    const response = await session.fetch(new Request(url('/api/v1/x')));
    expect(response.status).toBe(200);
    expect(server.calls.refresh).toBe(1);
    expect(server.calls.data.at(-1)).toBe('t1');
  });

  it('reports the session lost when the refresh is refused, and returns the 401', async () => {
    const server = fakeServer({ refreshOk: false });
    const session = createSession({ fetch: server.fetch, baseUrl: 'http://test', lock: noLock });
    session.setTokens({ access_token: 'stale', expires_in: 60 });
    const events: string[] = [];
    session.subscribe((e) => events.push(e));
    const responses = await Promise.all([
      session.fetch(new Request(url('/api/v1/a'))),
      session.fetch(new Request(url('/api/v1/b'))),
    ]);
    expect(responses.map((r) => r.status)).toEqual([401, 401]);
    expect(server.calls.refresh).toBe(1);
    expect(events).toContain('lost');
    expect(session.getToken()).toBeNull();
  });

  it('never refreshes for the login call itself', async () => {
    const server = fakeServer();
    const session = createSession({ fetch: server.fetch, baseUrl: 'http://test', lock: noLock });
    const response = await session.fetch(
      new Request(url('/api/v1/auth/login'), { method: 'POST', body: '{}' }),
    );
    expect(response.status).toBe(401);
    expect(server.calls.refresh).toBe(0);
  });

  it('clear() forgets the token', () => {
    const session = createSession({ fetch: vi.fn(), lock: noLock });
    session.setTokens({ access_token: 'a', expires_in: 60 });
    session.clear();
    expect(session.getToken()).toBeNull();
    expect(session.isSignedIn()).toBe(false);
  });
});
