import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { uniq } from '../../../test/factories/index.ts';
import { AUTH_TEST_CONFIG } from './auth.test-support.ts';

/** Per-client-address limits on the sensitive auth routes (in memory here; Redis in scale-out.test). */
let t: TestApp;
const LIMIT = 2;

beforeAll(async () => {
  t = await createTestApp({ ...AUTH_TEST_CONFIG, AUTH_RATE_LIMIT: LIMIT, AUTH_RATE_WINDOW_SECONDS: 600 });
});
afterAll(async () => t?.close());

const bodies: Record<string, () => object> = {
  login: () => ({ email: `rl-${uniq()}@example.test`, password: 'whatever it is' }),
  register: () => ({ email: `rl-${uniq()}@example.test`, password: 'a good long password', full_name: 'R' }),
  'forgot-password': () => ({ email: `rl-${uniq()}@example.test` }),
  'resend-verification': () => ({ email: `rl-${uniq()}@example.test` }),
  refresh: () => ({ refresh_token: 'not-a-token' }),
};

describe('auth rate limits', () => {
  for (const [index, [path, body]] of Object.entries(bodies).entries()) {
    it(`POST /auth/${path}: the request past AUTH_RATE_LIMIT is 429 problem+json with Retry-After`, async () => {
      const remoteAddress = `10.1.0.${index + 1}`;
      const send = () =>
        t.app.inject({ method: 'POST', url: `/api/v1/auth/${path}`, payload: body(), remoteAddress });
      for (let i = 0; i < LIMIT; i++) expect((await send()).statusCode).not.toBe(429);
      const limited = await send();
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toContain('application/problem+json');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.json()).toMatchObject({ status: 429, title: 'Too Many Requests' });
      // another client address is counted on its own
      const other = await t.app.inject({
        method: 'POST',
        url: `/api/v1/auth/${path}`,
        payload: body(),
        remoteAddress: '10.2.0.1',
      });
      expect(other.statusCode).not.toBe(429);
    });
  }

  it('does not limit ordinary routes', async () => {
    for (let i = 0; i < LIMIT + 2; i++) {
      expect((await t.app.inject({ url: '/health', remoteAddress: '10.3.0.1' })).statusCode).toBe(200);
    }
  });
});
