import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { signedIn } from '../../../test/factories/index.ts';
import { testResults } from '../../db/schema/index.ts';
import { todayIn } from '../../lib/dates.ts';
import { MARCH, seedScenario } from './dashboard.scenario.ts';
import { makeWork } from './dashboard.test-support.ts';
import { splitMonths } from './lab.figures.ts';

type Headers = Record<string, string>;
let t: TestApp;
let admin: { headers: Headers };
let engineer1: { headers: Headers; user: { id: string } };
let world: Awaited<ReturnType<typeof seedScenario>>;
let today: string;

beforeAll(async () => {
  t = await createTestApp();
  today = todayIn(t.config.TIMEZONE);
  admin = await signedIn(t.app, 'admin');
  engineer1 = await signedIn(t.app, 'engineer');
  const engineer2 = await signedIn(t.app, 'engineer');
  world = await seedScenario(t.app, { engineer1: engineer1.user.id, engineer2: engineer2.user.id, today });
});
afterAll(async () => t?.close());

const get = async (url: string, headers: Headers = admin.headers) => {
  const res = await t.app.inject({ method: 'GET', url, headers });
  return res;
};
const json = async (url: string, headers?: Headers) => {
  const res = await get(url, headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('GET /dashboard/summary', () => {
  it('counts the records of the period: win rate, pass rate, TAT, on-time', async () => {
    const s = await json(`/api/v1/dashboard/summary?${MARCH}`);
    expect(s.period).toMatchObject({
      from: '2026-03-01',
      to: '2026-03-31',
      previous_to: '2026-02-28',
      today,
    });
    expect(s.scope).toBe('lab');
    expect(s.open_rfqs).toBe(2);
    expect(s.quotes).toMatchObject({
      rfqs_received: 4,
      quoted: 3,
      won: 1,
      win_rate: 33.3,
      previous_win_rate: null,
    });
    // 7 + 5 passes, 3 + 5 fails; the entered (unapproved) result is not counted
    expect(s.results).toMatchObject({
      total: 20,
      pass: 12,
      fail: 8,
      other: 0,
      pass_rate: 60,
      previous_total: 0,
    });
    // due dates: M1 works have one (7 on time, 3 late); M3 and M2 works none (M3 and M2 have no TAT)
    expect(s.on_time).toMatchObject({ on_time: 7, late: 3, rate: 70 });
    expect(s.samples_received.period).toBe(8);
  });

  it('filters by customer: win rate 50 % and only its results', async () => {
    const s = await json(`/api/v1/dashboard/summary?${MARCH}&customer_id=${world.A}`);
    expect(s.quotes).toMatchObject({ quoted: 2, won: 1, win_rate: 50 });
    expect(s.results).toMatchObject({ total: 15, pass: 12, fail: 3 });
    expect(s.filters.customer_id).toBe(world.A);
  });

  it('filters by method: 7 pass / 3 fail → 70 %', async () => {
    const s = await json(`/api/v1/dashboard/summary?${MARCH}&method_id=${world.m1.id}`);
    expect(s.results).toMatchObject({ total: 10, pass: 7, fail: 3, pass_rate: 70 });
    expect(s.turnaround).toMatchObject({ median_days: 3, p90_days: 7, results: 10 });
  });

  it('gives the TAT median and p90 of known timestamps', async () => {
    const s = await json(`/api/v1/dashboard/summary?${MARCH}&method_id=${world.m3.id}`);
    expect(s.turnaround).toMatchObject({ median_days: 3, p90_days: 10, results: 5 });
  });

  it('shows today’s work, quality and task figures to staff', async () => {
    const s = await json(`/api/v1/dashboard/summary?${MARCH}`, engineer1.headers);
    expect(s.executions).toEqual({ open: 3, overdue: 1, mine: 2, mine_overdue: 1 });
    expect(s.open_ncrs).toEqual({ total: 2, critical: 1, major: 0, minor: 1 });
    expect(s.calibrations_due_30d).toEqual({ due: 2, overdue: 1 });
    expect(s.tasks).toEqual({
      due: 3,
      done: 2,
      done_on_time: 1,
      completion_rate: 66.7,
      efficiency_score: 50,
    });
    // issued and within 30 days: A's in 10 days, B's in 3 (B's draft and its 40-day one are not)
    expect(s.certificates_expiring_30d).toBe(2);
  });

  it('answers an empty period with zeros and null rates', async () => {
    const s = await json('/api/v1/dashboard/summary?from=2020-01-01&to=2020-01-31');
    expect(s.results).toMatchObject({ total: 0, pass_rate: null });
    expect(s.turnaround).toMatchObject({ median_days: null, p90_days: null, results: 0 });
    expect(s.quotes.win_rate).toBeNull();
  });

  it('refuses a bad period with 422 naming the field', async () => {
    const reversed = await get('/api/v1/dashboard/summary?from=2026-03-31&to=2026-03-01');
    expect(reversed.statusCode).toBe(422);
    expect(reversed.json().errors[0].field).toBe('from');
    const tooLong = await get('/api/v1/dashboard/summary?from=2020-01-01&to=2026-03-01');
    expect(tooLong.statusCode).toBe(422);
    const notADate = await get('/api/v1/dashboard/summary?from=yesterday');
    expect(notADate.statusCode).toBe(422);
    expect(JSON.stringify(notADate.json().errors)).toContain('from');
    const notADay = await get('/api/v1/dashboard/summary?from=2026-02-30&to=2026-03-31');
    expect(notADay.statusCode).toBe(422);
    expect(JSON.stringify(notADay.json().errors)).toContain('from');
    const badId = await get('/api/v1/dashboard/summary?customer_id=42');
    expect(badId.statusCode).toBe(422);
  });

  it('exports CSV', async () => {
    const res = await get(`/api/v1/dashboard/summary?${MARCH}&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toBe('figure,value,previous');
    expect(lines).toContain('pass_rate_pct,60,');
    expect(lines).toContain('open_rfqs,2,');
  });
});

describe('GET /dashboard/analytics', () => {
  it('answers every series for the period', async () => {
    const a = await json(`/api/v1/dashboard/analytics?${MARCH}`, engineer1.headers);
    const s = a.series;
    expect(s.pass_fail_by_method.find((r: { id: string }) => r.id === world.m1.id)).toMatchObject({
      pass: 7,
      fail: 3,
      pass_rate: 70,
    });
    expect(
      s.pass_fail_by_customer.map((r: { id: string; pass_rate: number }) => [r.id, r.pass_rate]),
    ).toEqual([
      [world.A, 80],
      [world.B, 0],
    ]);
    expect(s.tat_by_method.find((r: { method_id: string }) => r.method_id === world.m3.id)).toMatchObject({
      results: 5,
      median_days: 3,
      p90_days: 10,
      on_time_rate: null,
    });
    // TAT histogram: 1 day ×6 (B's 5 + one M3), 2, 3 ×8 (7 M1 + one M3), 4, 7 ×3, 10
    expect(s.tat_histogram.map((r: { days: number; results: number }) => [r.days, r.results])).toEqual([
      [1, 6],
      [2, 1],
      [3, 8],
      [4, 1],
      [7, 3],
      [10, 1],
    ]);
    const weeks = Object.fromEntries(s.results_by_week.map((r: { week: string }) => [r.week, r]));
    expect(weeks['2026-03-02']).toMatchObject({ pass: 7, fail: 0 });
    expect(weeks['2026-03-09']).toMatchObject({ fail: 8 });
    expect(s.samples_by_week.reduce((n: number, r: { samples: number }) => n + r.samples, 0)).toBe(8);
    expect(s.revenue_by_month).toEqual([
      { month: '2026-03', currency: 'USD', quoted: '150.10', won: '100.10', invoiced: '80.00' },
    ]);
    const me = s.workload_per_engineer.find((r: { is_me: boolean }) => r.is_me);
    expect(me).toMatchObject({
      engineer_id: engineer1.user.id,
      open_executions: 2,
      overdue: 1,
      in_progress: 1,
    });
    expect(s.ncrs_by_severity.find((r: { severity: string }) => r.severity === 'minor')).toMatchObject({
      total: 1,
      age_31_90: 1,
    });
    expect(s.calibrations_due.map((r: { asset_number: string }) => r.asset_number)).toEqual([
      'EQ-T2',
      'EQ-T1',
    ]);
    expect(s.certificates_expiring.map((r: { number: string }) => r.number)).toEqual(['CERT-T4', 'CERT-T1']);
    expect(s.projects_by_status).toEqual([{ status: 'active', projects: 11 }]);
  });

  it('adds whole months (monthly rollup) and edge days (daily rollup) alike', async () => {
    const march = await json(`/api/v1/dashboard/analytics?${MARCH}`);
    const wide = await json('/api/v1/dashboard/analytics?from=2026-02-20&to=2026-04-05');
    expect(wide.series.pass_fail_by_method).toEqual(march.series.pass_fail_by_method);
    expect(wide.series.tat_by_method).toEqual(march.series.tat_by_method);
    // from 10 March: B's 5 fails (11 March) and A's five M3 passes; not the M1 results (5 and 9 March)
    const edge = await json('/api/v1/dashboard/analytics?from=2026-03-10&to=2026-04-30');
    const byCustomer = edge.series.pass_fail_by_customer.map(
      (r: { id: string; pass: number; fail: number }) => [r.id, r.pass, r.fail],
    );
    expect(byCustomer).toEqual([
      [world.A, 5, 0],
      [world.B, 0, 5],
    ]);
  });

  it('splits a period into whole months and edge days', () => {
    expect(splitMonths('2026-03-01', '2026-03-31')).toEqual({
      months: ['2026-03-01', '2026-03-01'],
      edges: [],
    });
    expect(splitMonths('2026-02-20', '2026-04-05')).toEqual({
      months: ['2026-03-01', '2026-03-01'],
      edges: [
        ['2026-02-20', '2026-02-28'],
        ['2026-04-01', '2026-04-05'],
      ],
    });
    expect(splitMonths('2026-03-10', '2026-03-20')).toEqual({
      months: null,
      edges: [['2026-03-10', '2026-03-20']],
    });
    expect(splitMonths('2025-12-15', '2026-02-28')).toEqual({
      months: ['2026-01-01', '2026-02-01'],
      edges: [['2025-12-15', '2025-12-31']],
    });
  });

  it('exports one series as CSV and asks which one', async () => {
    const res = await get(`/api/v1/dashboard/analytics?${MARCH}&format=csv&series=revenue_by_month`);
    expect(res.statusCode).toBe(200);
    expect(res.body.trim().split('\n')).toEqual([
      'month,currency,quoted,won,invoiced',
      '2026-03,USD,150.10,100.10,80.00',
    ]);
    const missing = await get(`/api/v1/dashboard/analytics?${MARCH}&format=csv`);
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors[0].field).toBe('series');
  });
});

describe('GET /analytics', () => {
  it('answers one metric with its columns, and as CSV', async () => {
    const a = await json(`/api/v1/analytics?metric=pass_fail_by_method&${MARCH}&customer_id=${world.B}`);
    expect(a.columns).toEqual(['id', 'name', 'pass', 'fail', 'other', 'pass_rate']);
    expect(a.rows).toEqual([expect.objectContaining({ id: world.m2.id, pass: 0, fail: 5, pass_rate: 0 })]);
    const csv = await get(`/api/v1/analytics?metric=tat_by_method&${MARCH}&method_id=${world.m3.id}`, {
      ...admin.headers,
      accept: 'text/csv',
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(`${world.m3.id},${world.m3.code},Method M3,5,3,10,`);
  });

  it('refuses an unknown metric with 422', async () => {
    const res = await get('/api/v1/analytics?metric=everything');
    expect(res.statusCode).toBe(422);
  });
});

describe('the rollup', () => {
  it('takes concurrent multi-result approvals in opposite orders without deadlock', async () => {
    const work = await makeWork(t.app, {
      customerId: world.B,
      methodId: world.m2.id,
      receivedDate: '2026-03-12',
      results: [
        { verdict: 'pass', approvedAt: null },
        { verdict: 'fail', approvedAt: null },
        { verdict: 'fail', approvedAt: null },
        { verdict: 'pass', approvedAt: null },
      ],
    });
    const ids = work.results.map((r) => r.id);
    const before = await json(`/api/v1/dashboard/summary?${MARCH}`);
    // each transaction touches the lab-wide pass row and fail row, in opposite orders
    const approve = (order: string[]) =>
      t.app.db.transaction(async (tx) => {
        for (const id of order) {
          await tx
            .update(testResults)
            .set({ status: 'approved', approved_at: new Date('2026-03-13T10:00:00Z') })
            .where(eq(testResults.id, id));
          await new Promise((resolve) => setTimeout(resolve, 30));
        }
      });
    await Promise.all([approve([ids[0], ids[1]]), approve([ids[2], ids[3]])]);
    const after = await json(`/api/v1/dashboard/summary?${MARCH}`);
    expect(after.results.pass - before.results.pass).toBe(2);
    expect(after.results.fail - before.results.fail).toBe(2);
    // leave the world as the next test expects it
    await t.app.db
      .update(testResults)
      .set({ archived_at: new Date() })
      .where(eq(testResults.execution_id, work.execution.id));
    const restored = await json(`/api/v1/dashboard/summary?${MARCH}`);
    expect(restored.results).toEqual(before.results);
  });

  it('follows approvals, corrections and archiving, and matches a full rebuild', async () => {
    const pending = world.betaPending;
    const base = await json(`/api/v1/dashboard/summary?${MARCH}&customer_id=${world.B}`);
    expect(base.results).toMatchObject({ total: 5, pass: 0 });

    await t.app.db
      .update(testResults)
      .set({ status: 'approved', approved_at: new Date('2026-03-12T09:00:00Z') })
      .where(eq(testResults.id, pending.id));
    const afterApprove = await json(`/api/v1/dashboard/summary?${MARCH}&customer_id=${world.B}`);
    expect(afterApprove.results).toMatchObject({ total: 6, pass: 1 });

    await t.app.db
      .update(testResults)
      .set({ superseded_by_id: pending.id })
      .where(eq(testResults.execution_id, pending.execution_id));
    const afterSupersede = await json(`/api/v1/dashboard/summary?${MARCH}&customer_id=${world.B}`);
    expect(afterSupersede.results).toMatchObject({ total: 0 });

    await t.app.db
      .update(testResults)
      .set({ superseded_by_id: null })
      .where(eq(testResults.execution_id, pending.execution_id));
    const before = await json(`/api/v1/dashboard/analytics?${MARCH}`);
    await t.app.db.execute(sql`select analytics_result_rollup_rebuild()`);
    const after = await json(`/api/v1/dashboard/analytics?${MARCH}`);
    expect(after.series).toEqual(before.series);
    expect(after.series.pass_fail_by_customer.find((r: { id: string }) => r.id === world.B)).toMatchObject({
      pass: 1,
      fail: 5,
    });
  });
});

describe('revenue pipeline', () => {
  it('counts an invoice in the month it was invoiced, not the month it was ordered', async () => {
    await t.app.db.execute(sql`insert into sales_orders (id, number, customer_id, total, order_date, invoicing_status, invoice_number, invoice_date)
      values (gen_random_uuid(), 'SO-T-INV', ${world.A}, '42.00', '2031-01-20', 'invoiced', 'INV-T-1', '2031-02-03')`);
    const a = await json('/api/v1/dashboard/analytics?from=2031-01-01&to=2031-03-31');
    expect(a.series.revenue_by_month).toEqual([
      { month: '2031-02', currency: 'USD', quoted: '0.00', won: '0.00', invoiced: '42.00' },
    ]);
  });
});
