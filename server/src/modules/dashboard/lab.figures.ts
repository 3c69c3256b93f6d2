import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Filters } from './filters.ts';
import { and, byCustomer, byMethod, num, numOrNull, pct, rows } from './sql.ts';

/**
 * The testing figures. Results, turnaround and on-time come from `analytics_result_daily` (the
 * trigger-maintained rollup of approved, current results: see schema/analytics.ts), so a year at a
 * million results reads a few hundred thousand small rows at most; samples and open executions
 * read their own tables through indexes.
 */
const rollup = (f: Filters, from: string, to: string, extra?: SQL) =>
  and(
    sql`a.day between ${from}::date and ${to}::date`,
    byCustomer(f, sql`a.customer_id`),
    byMethod(f, sql`a.method_id`),
    extra,
  );

export interface ResultTotals {
  total: number;
  pass: number;
  fail: number;
  other: number;
  on_time: number;
  late: number;
}

export async function resultTotals(db: Db, f: Filters, from: string, to: string): Promise<ResultTotals> {
  const [r] = await rows(
    db,
    sql`select coalesce(sum(n), 0)::int as total,
          coalesce(sum(n) filter (where verdict = 'pass'), 0)::int as pass,
          coalesce(sum(n) filter (where verdict = 'fail'), 0)::int as fail,
          coalesce(sum(n) filter (where due_state = 1), 0)::int as on_time,
          coalesce(sum(n) filter (where due_state = 0), 0)::int as late
        from analytics_result_daily a where ${rollup(f, from, to)}`,
  );
  const total = num(r.total);
  return {
    total,
    pass: num(r.pass),
    fail: num(r.fail),
    other: total - num(r.pass) - num(r.fail),
    on_time: num(r.on_time),
    late: num(r.late),
  };
}

export const passRate = (t: ResultTotals) => pct(t.pass, t.pass + t.fail);
export const onTimeRate = (t: ResultTotals) => pct(t.on_time, t.on_time + t.late);

/**
 * Median and 90th percentile of turnaround days per group, from the rollup's day histogram.
 * Discrete percentiles (like `percentile_disc`): the smallest TAT whose cumulative share reaches
 * 50 % / 90 %. Integer arithmetic, so 5 results of 1, 2, 3, 4, 10 days give median 3 and p90 10.
 */
export async function tatPercentiles(db: Db, f: Filters, group: SQL, from = f.from, to = f.to) {
  return rows<{ g: string | null; median: number; p90: number; n: number }>(
    db,
    sql`with h as (
          select ${group} as g, a.tat_days, sum(a.n)::bigint as n from analytics_result_daily a
           where ${rollup(f, from, to)} group by 1, 2 having sum(a.n) > 0),
        c as (
          select g, tat_days, sum(n) over (partition by g order by tat_days) as cum,
                 sum(n) over (partition by g) as total from h)
        select g, min(tat_days) filter (where cum * 2 >= total)::int as median,
               min(tat_days) filter (where cum * 10 >= total * 9)::int as p90, max(total)::int as n
          from c group by g`,
  );
}

export async function tatOverall(db: Db, f: Filters, from = f.from, to = f.to) {
  const [r] = await tatPercentiles(db, f, sql`null::text`, from, to);
  return { median_days: numOrNull(r?.median), p90_days: numOrNull(r?.p90), results: num(r?.n) };
}

/** TAT per method, with on-time and pass rates, busiest first. */
export async function tatByMethod(db: Db, f: Filters) {
  const [tat, counts] = await Promise.all([
    tatPercentiles(db, f, sql`a.method_id::text`),
    rows<Record<string, string | number>>(
      db,
      sql`select a.method_id::text as method_id, m.code, m.title, sum(a.n)::int as results,
            coalesce(sum(a.n) filter (where a.due_state = 1), 0)::int as on_time,
            coalesce(sum(a.n) filter (where a.due_state = 0), 0)::int as late
          from analytics_result_daily a join methods m on m.id = a.method_id
          where ${rollup(f, f.from, f.to)} group by 1, 2, 3 having sum(a.n) > 0 order by 4 desc, 2`,
    ),
  ]);
  const byId = new Map(tat.map((t) => [t.g, t]));
  return counts.map((c) => {
    const t = byId.get(String(c.method_id));
    return {
      method_id: String(c.method_id),
      method_code: String(c.code),
      method_title: String(c.title),
      results: num(c.results),
      median_days: numOrNull(t?.median),
      p90_days: numOrNull(t?.p90),
      on_time_rate: pct(num(c.on_time), num(c.on_time) + num(c.late)),
    };
  });
}

/** How many approved results took 0, 1, 2 … days; 31 stands for "31 days or more". */
export const TAT_HISTOGRAM_CAP = 31;
export async function tatHistogram(db: Db, f: Filters) {
  const r = await rows<{ days: number; results: number }>(
    db,
    sql`select least(a.tat_days, ${TAT_HISTOGRAM_CAP})::int as days, sum(a.n)::int as results
          from analytics_result_daily a where ${rollup(f, f.from, f.to)}
         group by 1 having sum(a.n) > 0 order by 1`,
  );
  return r.map((x) => ({
    days: num(x.days),
    label: num(x.days) >= TAT_HISTOGRAM_CAP ? `${TAT_HISTOGRAM_CAP}+` : String(x.days),
    results: num(x.results),
  }));
}

/** Approved results per ISO week (Monday), split by verdict. */
export async function resultsByWeek(db: Db, f: Filters) {
  const r = await rows<Record<string, unknown>>(
    db,
    sql`select date_trunc('week', a.day)::date::text as week, sum(a.n)::int as total,
          coalesce(sum(a.n) filter (where a.verdict = 'pass'), 0)::int as pass,
          coalesce(sum(a.n) filter (where a.verdict = 'fail'), 0)::int as fail
        from analytics_result_daily a where ${rollup(f, f.from, f.to)} group by 1 having sum(a.n) > 0 order by 1`,
  );
  return r.map((x) => ({
    week: String(x.week),
    pass: num(x.pass),
    fail: num(x.fail),
    other: num(x.total) - num(x.pass) - num(x.fail),
  }));
}

/** Pass/fail per method or per customer (`dimension`), busiest first. */
export async function passFailBy(db: Db, f: Filters, dimension: 'method' | 'customer') {
  const join =
    dimension === 'method'
      ? sql`join methods d on d.id = a.method_id`
      : sql`join customers d on d.id = a.customer_id`;
  const label = dimension === 'method' ? sql`d.code` : sql`d.company_name`;
  const r = await rows<Record<string, unknown>>(
    db,
    sql`select d.id::text as id, ${label} as name, sum(a.n)::int as total,
          coalesce(sum(a.n) filter (where a.verdict = 'pass'), 0)::int as pass,
          coalesce(sum(a.n) filter (where a.verdict = 'fail'), 0)::int as fail
        from analytics_result_daily a ${join}
        where ${rollup(f, f.from, f.to)} group by 1, 2 having sum(a.n) > 0 order by 3 desc, 2`,
  );
  return r.map((x) => ({
    id: String(x.id),
    name: String(x.name),
    pass: num(x.pass),
    fail: num(x.fail),
    other: num(x.total) - num(x.pass) - num(x.fail),
    pass_rate: pct(num(x.pass), num(x.pass) + num(x.fail)),
  }));
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

export async function executionCounts(db: Db, f: Filters) {
  const [r] = await rows<Record<string, number>>(
    db,
    sql`select count(*)::int as open,
          count(*) filter (where p.due_date < ${f.today}::date)::int as overdue,
          count(*) filter (where e.engineer_id = ${f.userId}::uuid)::int as mine,
          count(*) filter (where e.engineer_id = ${f.userId}::uuid and p.due_date < ${f.today}::date)::int as mine_overdue
        from test_executions e join test_plans p on p.id = e.plan_id where ${openExecutions(f)}`,
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
          count(*) filter (where p.due_date < ${f.today}::date)::int as overdue
        from test_executions e join test_plans p on p.id = e.plan_id
        left join users u on u.id = e.engineer_id
        where ${openExecutions(f)} group by 1, 2, 3 order by 4 desc, 2`,
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
