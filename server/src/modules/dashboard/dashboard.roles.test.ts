import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { signedIn } from '../../../test/factories/index.ts';
import { todayIn } from '../../lib/dates.ts';
import { MARCH, seedScenario } from './dashboard.scenario.ts';

type Headers = Record<string, string>;
let t: TestApp;
let world: Awaited<ReturnType<typeof seedScenario>>;
let customerA: { headers: Headers };

beforeAll(async () => {
  t = await createTestApp();
  const engineer1 = await signedIn(t.app, 'engineer');
  const engineer2 = await signedIn(t.app, 'engineer');
  world = await seedScenario(t.app, {
    engineer1: engineer1.user.id,
    engineer2: engineer2.user.id,
    today: todayIn(t.config.TIMEZONE),
  });
  customerA = await signedIn(t.app, 'customer', { customer_id: world.A });
});
afterAll(async () => t?.close());

const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers });

describe('a customer user', () => {
  it('sees only its own customer’s figures, whatever customer_id it sends', async () => {
    for (const extra of ['', `&customer_id=${world.B}`]) {
      const res = await get(`/api/v1/dashboard/summary?${MARCH}${extra}`, customerA.headers);
      expect(res.statusCode).toBe(200);
      const s = res.json();
      expect(s.scope).toBe('customer');
      expect(s.filters.customer_id).toBe(world.A);
      expect(s.results).toMatchObject({ total: 15, pass: 12, fail: 3, pass_rate: 80 });
      expect(s.quotes).toMatchObject({ quoted: 2, won: 1, win_rate: 50 });
      expect(s.open_rfqs).toBe(2);
    }
  });

  it('gets null for the lab’s internal figures', async () => {
    const s = (await get(`/api/v1/dashboard/summary?${MARCH}`, customerA.headers)).json();
    expect(s.executions).toBeNull();
    expect(s.open_ncrs).toBeNull();
    expect(s.calibrations_due_30d).toBeNull();
    expect(s.tasks).toBeNull();
    const a = (await get(`/api/v1/dashboard/analytics?${MARCH}`, customerA.headers)).json();
    expect(a.series.workload_per_engineer).toBeNull();
    expect(a.series.ncrs_by_severity).toBeNull();
    expect(a.series.calibrations_due).toBeNull();
    expect(a.series.certificates_expiring.map((r: { number: string }) => r.number)).toEqual(['CERT-T1']);
    expect(a.series.pass_fail_by_customer.map((r: { id: string }) => r.id)).toEqual([world.A]);
    expect(a.series.revenue_by_month).toEqual([
      { month: '2026-03', currency: 'USD', quoted: '100.10', won: '100.10', invoiced: '80.00' },
    ]);
  });

  it('is refused the internal metrics on /analytics and scoped on the others', async () => {
    const refused = await get('/api/v1/analytics?metric=workload_per_engineer', customerA.headers);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const csv = await get(
      '/api/v1/dashboard/analytics?format=csv&series=ncrs_by_severity',
      customerA.headers,
    );
    expect(csv.statusCode).toBe(403);
    const own = await get(
      `/api/v1/dashboard/analytics?${MARCH}&format=csv&series=revenue_by_month`,
      customerA.headers,
    );
    expect(own.body.trim().split('\n')).toEqual([
      'month,currency,quoted,won,invoiced',
      '2026-03,USD,100.10,100.10,80.00',
    ]);
    const other = await get(
      `/api/v1/analytics?metric=pass_fail_by_method&${MARCH}&customer_id=${world.B}`,
      customerA.headers,
    );
    expect(other.statusCode).toBe(200);
    expect(other.json().rows.some((r: { id: string }) => r.id === world.m2.id)).toBe(false);
  });
});

describe('staff', () => {
  it.each(['admin', 'manager', 'engineer', 'auditor', 'viewer'] as const)(
    '%s sees the whole lab',
    async (role) => {
      const { headers } = await signedIn(t.app, role);
      const s = (await get(`/api/v1/dashboard/summary?${MARCH}`, headers)).json();
      expect(s.scope).toBe('lab');
      expect(s.results.total).toBe(20);
      expect(s.executions.open).toBe(3);
    },
  );

  it('needs a token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/dashboard/summary' });
    expect(res.statusCode).toBe(401);
  });
});
