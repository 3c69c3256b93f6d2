import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { addDays, type Filters } from './filters.ts';
import { and, byCustomer, byMethod, num, pct, rows } from './sql.ts';

/**
 * The testing figures. Results, turnaround and on-time come from the trigger-maintained rollups of
 * approved, current results (schema/analytics.ts): `analytics_result_lab_daily` (whole lab, a few
 * hundred rows a day) when no customer or method is chosen, else `analytics_result_daily` through
 * its (customer, day) / (method, day) indexes. Each request scans a rollup once per shape (GROUPING
 * SETS, memoised per request), and the percentiles are computed here from the day histograms.
 * Samples and open executions read their own tables through indexes.
 */
const filtered = (f: Filters) => Boolean(f.customerId || f.methodId);
const source = (f: Filters) => (filtered(f) ? sql`analytics_result_daily` : sql`analytics_result_lab_daily`);
const rollup = (f: Filters, from: string, to: string) =>
  and(
    sql`a.day between ${from}::date and ${to}::date`,
    byCustomer(f, sql`a.customer_id`),
    byMethod(f, sql`a.method_id`),
  );

function memo<T>(f: Filters, key: string, make: () => Promise<T>): Promise<T> {
  let hit = f.memo.get(key) as Promise<T> | undefined;
  if (!hit) {
    hit = make();
    f.memo.set(key, hit);
  }
  return hit;
}

type Agg = Record<string, string | number | null>;

/** Discrete percentiles (like `percentile_disc`) of a day histogram: the smallest TAT whose
 * cumulative share reaches the fraction. 5 results of 1, 2, 3, 4, 10 days: median 3, p90 10. */
export function percentiles(histogram: [number, number][]) {
  const sorted = histogram.filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  let cum = 0;
  let median: number | null = null;
  let p90: number | null = null;
  for (const [days, n] of sorted) {
    cum += n;
    if (median === null && cum * 2 >= total) median = days;
    if (p90 === null && cum * 10 >= total * 9) p90 = days;
  }
  return { median_days: median, p90_days: p90, results: total };
}

/** Current and previous period in one scan: counts by verdict and due state, and TAT histograms. */
const periodAggregates = (db: Db, f: Filters) =>
  memo(f, 'periods', () =>
    rows<Agg>(
      db,
      sql`select a.cur, a.verdict, a.due_state, a.tat_days, sum(a.n)::int as n
            from (select (a.day >= ${f.from}::date)::int as cur, a.verdict, a.due_state, a.tat_days, a.n
                    from ${source(f)} a where ${rollup(f, f.prevFrom, f.to)}) a
           group by grouping sets ((a.cur, a.verdict, a.due_state), (a.cur, a.tat_days))`,
    ),
  );

export interface ResultTotals {
  total: number;
  pass: number;
  fail: number;
  other: number;
  on_time: number;
  late: number;
}

/** Approved results of the period (`current`) or the previous one, by verdict and due state. */
export async function resultTotals(db: Db, f: Filters, current: boolean): Promise<ResultTotals> {
  const t = { total: 0, pass: 0, fail: 0, other: 0, on_time: 0, late: 0 };
  for (const r of await periodAggregates(db, f)) {
    if (num(r.cur) !== (current ? 1 : 0) || r.verdict === null) continue;
    const n = num(r.n);
    t.total += n;
    if (r.verdict === 'pass') t.pass += n;
    else if (r.verdict === 'fail') t.fail += n;
    else t.other += n;
    if (num(r.due_state) === 1) t.on_time += n;
    if (num(r.due_state) === 0) t.late += n;
  }
  return t;
}

export const passRate = (t: ResultTotals) => pct(t.pass, t.pass + t.fail);
export const onTimeRate = (t: ResultTotals) => pct(t.on_time, t.on_time + t.late);

export async function tatOverall(db: Db, f: Filters, current = true) {
  const histogram: [number, number][] = [];
  for (const r of await periodAggregates(db, f))
    if (num(r.cur) === (current ? 1 : 0) && r.tat_days !== null) histogram.push([num(r.tat_days), num(r.n)]);
  return percentiles(histogram);
}

/** The period's figures by week, TAT and verdict, for the charts. */
const periodSeries = (db: Db, f: Filters) =>
  memo(f, 'series', () =>
    rows<Agg>(
      db,
      sql`select a.week, a.verdict, a.tat_days, sum(a.n)::int as n
            from (select date_trunc('week', a.day)::date::text as week, a.verdict, a.tat_days, a.n
                    from ${source(f)} a where ${rollup(f, f.from, f.to)}) a
           group by grouping sets ((a.week, a.verdict), (a.tat_days))`,
    ),
  );

/**
 * Whole months inside [from, to] and the days left at either edge. The unfiltered per-method and
 * per-customer breakdowns read whole months from `analytics_result_monthly` and only the edge days
 * from the daily rollup.
 */
export function splitMonths(from: string, to: string) {
  const firstOfMonth = (d: string) => `${d.slice(0, 8)}01`;
  const lastOfMonth = (d: string) => addDays(firstOfMonth(addDays(firstOfMonth(d), 31)), -1);
  const firstFull = from === firstOfMonth(from) ? from : addDays(lastOfMonth(from), 1);
  const lastFullEnd = to === lastOfMonth(to) ? to : addDays(firstOfMonth(to), -1);
  if (firstFull > lastFullEnd) return { months: null, edges: [[from, to]] as [string, string][] };
  return {
    months: [firstFull, firstOfMonth(lastFullEnd)] as [string, string],
    edges: [
      [from, addDays(firstFull, -1)],
      [addDays(lastFullEnd, 1), to],
    ].filter(([a, b]) => a <= b) as [string, string][],
  };
}

const DIMENSION_SETS = sql`grouping sets ((a.method_id, a.verdict, a.due_state), (a.method_id, a.tat_days), (a.customer_id, a.verdict))`;

/** The period's figures per method and per customer, with their names. */
const dimensionSeries = (db: Db, f: Filters) =>
  memo(f, 'dimensions', () => {
    const split = filtered(f)
      ? { months: null, edges: [[f.from, f.to]] as [string, string][] }
      : splitMonths(f.from, f.to);
    const edgeDays = split.edges.length
      ? sql.join(
          split.edges.map(([a, b]) => sql`a.day between ${a}::date and ${b}::date`),
          sql` or `,
        )
      : sql`false`;
    const monthly = split.months
      ? sql`union all
          select case when kind in (1, 2) then key_id end, case when kind = 3 then key_id end,
                 case when kind in (1, 3) then verdict end, case when kind = 1 then due_state end,
                 case when kind = 2 then tat_days end, sum(n)::int
            from analytics_result_monthly
           where month between ${split.months[0]}::date and ${split.months[1]}::date
           group by 1, 2, 3, 4, 5 having sum(n) <> 0`
      : sql``;
    return rows<Agg>(
      db,
      sql`with g (method_id, customer_id, verdict, due_state, tat_days, n) as (
            select a.method_id, a.customer_id, a.verdict, a.due_state, a.tat_days, sum(a.n)::int
              from analytics_result_daily a
             where ${and(sql`(${edgeDays})`, byCustomer(f, sql`a.customer_id`), byMethod(f, sql`a.method_id`))}
             group by ${DIMENSION_SETS} having sum(a.n) <> 0
            ${monthly})
          select g.method_id::text as method_id, g.customer_id::text as customer_id, g.verdict, g.due_state, g.tat_days, g.n,
                 m.code as method_code, m.title as method_title, c.company_name
            from g left join methods m on m.id = g.method_id left join customers c on c.id = g.customer_id`,
    );
  });

/** TAT per method, with on-time rate, busiest first. */
export async function tatByMethod(db: Db, f: Filters) {
  const methods = new Map<
    string,
    { code: string; title: string; results: number; onTime: number; late: number; hist: [number, number][] }
  >();
  for (const r of await dimensionSeries(db, f)) {
    if (r.method_id === null) continue;
    const id = String(r.method_id);
    let m = methods.get(id);
    if (!m) {
      m = {
        code: String(r.method_code),
        title: String(r.method_title),
        results: 0,
        onTime: 0,
        late: 0,
        hist: [],
      };
      methods.set(id, m);
    }
    const n = num(r.n);
    if (r.tat_days !== null) m.hist.push([num(r.tat_days), n]);
    else {
      m.results += n;
      if (num(r.due_state) === 1) m.onTime += n;
      if (num(r.due_state) === 0) m.late += n;
    }
  }
  return [...methods]
    .filter(([, m]) => m.results > 0)
    .sort((a, b) => b[1].results - a[1].results || a[1].code.localeCompare(b[1].code))
    .map(([id, m]) => {
      const p = percentiles(m.hist);
      return {
        method_id: id,
        method_code: m.code,
        method_title: m.title,
        results: m.results,
        median_days: p.median_days,
        p90_days: p.p90_days,
        on_time_rate: pct(m.onTime, m.onTime + m.late),
      };
    });
}

/** How many approved results took 0, 1, 2 … days; 31 stands for "31 days or more". */
export const TAT_HISTOGRAM_CAP = 31;
export async function tatHistogram(db: Db, f: Filters) {
  const byDays = new Map<number, number>();
  for (const r of await periodSeries(db, f)) {
    if (r.tat_days === null) continue;
    const days = Math.min(num(r.tat_days), TAT_HISTOGRAM_CAP);
    byDays.set(days, (byDays.get(days) ?? 0) + num(r.n));
  }
  return [...byDays]
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0])
    .map(([days, results]) => ({
      days,
      label: days >= TAT_HISTOGRAM_CAP ? `${TAT_HISTOGRAM_CAP}+` : String(days),
      results,
    }));
}

/** Approved results per ISO week (Monday), split by verdict. */
export async function resultsByWeek(db: Db, f: Filters) {
  const weeks = new Map<string, { week: string; pass: number; fail: number; other: number }>();
  for (const r of await periodSeries(db, f)) {
    if (r.verdict === null || r.week === null) continue;
    const week = String(r.week);
    const w = weeks.get(week) ?? { week, pass: 0, fail: 0, other: 0 };
    const n = num(r.n);
    if (r.verdict === 'pass') w.pass += n;
    else if (r.verdict === 'fail') w.fail += n;
    else w.other += n;
    weeks.set(week, w);
  }
  return [...weeks.values()]
    .filter((w) => w.pass + w.fail + w.other > 0)
    .sort((a, b) => a.week.localeCompare(b.week));
}

/** Pass/fail per method or per customer (`dimension`), busiest first. */
export async function passFailBy(db: Db, f: Filters, dimension: 'method' | 'customer') {
  const groups = new Map<string, { id: string; name: string; pass: number; fail: number; other: number }>();
  for (const r of await dimensionSeries(db, f)) {
    const id = dimension === 'method' ? r.method_id : r.customer_id;
    if (id === null || r.verdict === null || (dimension === 'method' && r.due_state === null)) continue;
    const name = dimension === 'method' ? String(r.method_code) : String(r.company_name);
    const g = groups.get(String(id)) ?? { id: String(id), name, pass: 0, fail: 0, other: 0 };
    const n = num(r.n);
    if (r.verdict === 'pass') g.pass += n;
    else if (r.verdict === 'fail') g.fail += n;
    else g.other += n;
    groups.set(String(id), g);
  }
  return [...groups.values()]
    .filter((g) => g.pass + g.fail + g.other > 0)
    .sort((a, b) => b.pass + b.fail + b.other - (a.pass + a.fail + a.other) || a.name.localeCompare(b.name))
    .map((g) => ({ ...g, pass_rate: pct(g.pass, g.pass + g.fail) }));
}

/** Samples received per ISO week. */
export async function samplesByWeek(db: Db, f: Filters) {
  const r = await rows<{ week: string; samples: number }>(
    db,
    sql`select date_trunc('week', s.received_date)::date::text as week, count(*)::int as samples
          from samples s
         where ${and(
           sql`s.received_date between ${f.from}::date and ${f.to}::date`,
           sql`s.archived_at is null`,
           byCustomer(f, sql`s.customer_id`),
         )}
         group by 1 order by 1`,
  );
  return r.map((x) => ({ week: String(x.week), samples: num(x.samples) }));
}

/** Samples received in the period and the previous one, this ISO week and the last. */
export async function sampleCounts(db: Db, f: Filters) {
  const monday = sql`date_trunc('week', ${f.today}::date)::date`;
  const [r] = await rows<Record<string, number>>(
    db,
    sql`select
          count(*) filter (where s.received_date between ${f.from}::date and ${f.to}::date)::int as period,
          count(*) filter (where s.received_date between ${f.prevFrom}::date and ${f.prevTo}::date)::int as previous,
          count(*) filter (where s.received_date between ${monday} and ${f.today}::date)::int as this_week,
          count(*) filter (where s.received_date between ${monday} - 7 and ${monday} - 1)::int as last_week
        from samples s
        where ${and(
          sql`s.archived_at is null`,
          byCustomer(f, sql`s.customer_id`),
          sql`s.received_date >= least(${f.prevFrom}::date, ${monday} - 7)`,
        )}`,
  );
  return {
    period: num(r.period),
    previous: num(r.previous),
    this_week: num(r.this_week),
    last_week: num(r.last_week),
  };
}

/**
 * Open executions (pending or in progress) and the overdue ones among them: their plan's due date
 * is before today. A snapshot of today, not of the period.
 */
const openExecutions = (f: Filters) =>
  and(
    sql`e.status in ('pending', 'in_progress')`,
    sql`e.archived_at is null`,
    byCustomer(f, sql`e.customer_id`),
    byMethod(f, sql`e.method_id`),
  );

/** Open executions with their plan's due date, looked up per row through the plan's primary key
 * (a few thousand open rows: cheaper than joining every plan ever made). */
const openWithDue = (f: Filters) =>
  sql`(select e.engineer_id, e.status, (select p.due_date from test_plans p where p.id = e.plan_id) as due
         from test_executions e where ${openExecutions(f)})`;

export async function executionCounts(db: Db, f: Filters) {
  const [r] = await rows<Record<string, number>>(
    db,
    sql`select count(*)::int as open,
          count(*) filter (where e.due < ${f.today}::date)::int as overdue,
          count(*) filter (where e.engineer_id = ${f.userId}::uuid)::int as mine,
          count(*) filter (where e.engineer_id = ${f.userId}::uuid and e.due < ${f.today}::date)::int as mine_overdue
        from ${openWithDue(f)} e`,
  );
  return { open: num(r.open), overdue: num(r.overdue), mine: num(r.mine), mine_overdue: num(r.mine_overdue) };
}

/** Open executions per engineer (unassigned as one row), the caller's own row flagged `is_me`. */
export async function workloadPerEngineer(db: Db, f: Filters) {
  const r = await rows<Record<string, unknown>>(
    db,
    sql`select e.engineer_id::text as engineer_id, u.full_name, u.email,
          count(*)::int as open_executions,
          count(*) filter (where e.status = 'in_progress')::int as in_progress,
          count(*) filter (where e.due < ${f.today}::date)::int as overdue
        from ${openWithDue(f)} e
        left join users u on u.id = e.engineer_id
        group by 1, 2, 3 order by 4 desc, 2`,
  );
  return r.map((x) => ({
    engineer_id: x.engineer_id === null ? null : String(x.engineer_id),
    name: x.engineer_id === null ? 'Unassigned' : String(x.full_name || x.email || 'Unknown'),
    open_executions: num(x.open_executions),
    in_progress: num(x.in_progress),
    overdue: num(x.overdue),
    is_me: x.engineer_id === f.userId,
  }));
}
