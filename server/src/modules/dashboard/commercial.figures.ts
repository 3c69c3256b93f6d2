import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Filters } from './filters.ts';
import { and, byCustomer, num, pct, rows } from './sql.ts';

/** RFQ states after a quote went out: the denominator of the win rate. */
const QUOTED = sql`('quoted', 'won', 'lost')`;

/**
 * Open RFQs (received, under review or quoted: a snapshot of today) and, over the RFQs received in
 * the period, the quote win rate = won ÷ quoted (quoted, won or lost).
 */
export async function rfqFigures(db: Db, f: Filters) {
  const [r] = await rows<Record<string, number>>(
    db,
    sql`select
          count(*) filter (where r.status in ('received', 'under_review', 'quoted'))::int as open,
          count(*) filter (where r.received_date between ${f.from}::date and ${f.to}::date)::int as received,
          count(*) filter (where r.received_date between ${f.from}::date and ${f.to}::date and r.status in ${QUOTED})::int as quoted,
          count(*) filter (where r.received_date between ${f.from}::date and ${f.to}::date and r.status = 'won')::int as won,
          count(*) filter (where r.received_date between ${f.prevFrom}::date and ${f.prevTo}::date and r.status in ${QUOTED})::int as prev_quoted,
          count(*) filter (where r.received_date between ${f.prevFrom}::date and ${f.prevTo}::date and r.status = 'won')::int as prev_won
        from rfqs r where ${and(sql`r.archived_at is null`, byCustomer(f, sql`r.customer_id`))}`,
  );
  return {
    open: num(r.open),
    received: num(r.received),
    quoted: num(r.quoted),
    won: num(r.won),
    win_rate: pct(num(r.won), num(r.quoted)),
    previous_win_rate: pct(num(r.prev_won), num(r.prev_quoted)),
  };
}

/** Projects by status (not archived): a snapshot of today. */
export async function projectsByStatus(db: Db, f: Filters) {
  const r = await rows<{ status: string; projects: number }>(
    db,
    sql`select p.status, count(*)::int as projects from projects p
         where ${and(sql`p.archived_at is null`, byCustomer(f, sql`p.customer_id`))}
         group by 1 order by 2 desc, 1`,
  );
  return r.map((x) => ({ status: String(x.status), projects: num(x.projects) }));
}

/**
 * Revenue pipeline per month and currency, exact decimals:
 * - quoted: totals of quotes sent that month (the latest revision only: superseded ones are not
 *   counted twice; drafts never);
 * - won: totals of quotes accepted that month;
 * - invoiced: totals of sales orders invoiced or paid, by invoice date (order date when none was
 *   recorded, as for orders invoiced before invoicing had a date).
 */
export async function revenueByMonth(db: Db, f: Filters) {
  const period = (column: ReturnType<typeof sql>) =>
    sql`${column} >= ${f.from}::date and ${column} < ${f.to}::date + 1`;
  const r = await rows<Record<string, string>>(
    db,
    sql`with q as (
          select date_trunc('month', e.sent_at at time zone 'UTC')::date as month, e.currency,
                 e.total as quoted, 0::numeric as won, 0::numeric as invoiced
            from estimations e
           where ${and(
             sql`e.archived_at is null`,
             sql`e.status not in ('draft', 'superseded')`,
             sql`e.sent_at is not null`,
             period(sql`(e.sent_at at time zone 'UTC')::date`),
             byCustomer(f, sql`e.customer_id`),
           )}
          union all
          select date_trunc('month', e.decided_at at time zone 'UTC')::date, e.currency, 0, e.total, 0
            from estimations e
           where ${and(
             sql`e.archived_at is null`,
             sql`e.status = 'accepted'`,
             sql`e.decided_at is not null`,
             period(sql`(e.decided_at at time zone 'UTC')::date`),
             byCustomer(f, sql`e.customer_id`),
           )}
          union all
          select date_trunc('month', coalesce(so.invoice_date, so.order_date))::date, so.currency, 0, 0, so.total
            from sales_orders so
           where ${and(
             sql`so.archived_at is null`,
             sql`so.invoicing_status in ('invoiced', 'paid')`,
             period(sql`coalesce(so.invoice_date, so.order_date)`),
             byCustomer(f, sql`so.customer_id`),
           )})
        select to_char(month, 'YYYY-MM') as month, currency, sum(quoted)::numeric(16,2)::text as quoted,
               sum(won)::numeric(16,2)::text as won, sum(invoiced)::numeric(16,2)::text as invoiced
          from q group by month, currency order by month, currency`,
  );
  return r.map((x) => ({
    month: String(x.month),
    currency: String(x.currency),
    quoted: String(x.quoted),
    won: String(x.won),
    invoiced: String(x.invoiced),
  }));
}
