import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { addDays, type Filters } from './filters.ts';
import { and, byCustomer, num, pct, rows } from './sql.ts';

/**
 * Quality and operations figures: the lab's internal records, shown to staff only (a customer's
 * dashboard answers null for them). They are snapshots of today, not of the period, except the
 * task figures.
 */

export const NCR_AGE_BUCKETS = ['0-7', '8-30', '31-90', '90+'] as const;

/** Open NCRs (not closed, not archived) by severity and age in days since they were raised. */
export async function openNcrs(db: Db, f: Filters) {
  const r = await rows<Record<string, unknown>>(
    db,
    sql`select n.severity, ${sql.raw(
      `case when age <= 7 then '0-7' when age <= 30 then '8-30' when age <= 90 then '31-90' else '90+' end`,
    )} as bucket, count(*)::int as ncrs
        from (select severity, (${f.today}::date - (created_at at time zone 'UTC')::date) as age
                from ncrs where status <> 'closed' and archived_at is null) n
       group by 1, 2`,
  );
  const severities = ['critical', 'major', 'minor'];
  return severities.map((severity) => {
    const buckets = Object.fromEntries(NCR_AGE_BUCKETS.map((b) => [b, 0])) as Record<string, number>;
    for (const x of r) if (x.severity === severity) buckets[String(x.bucket)] = num(x.ncrs);
    const total = Object.values(buckets).reduce((a, b) => a + b, 0);
    return {
      severity,
      total,
      age_0_7: buckets['0-7'],
      age_8_30: buckets['8-30'],
      age_31_90: buckets['31-90'],
      age_90_plus: buckets['90+'],
    };
  });
}

/** Instruments in service or quarantined whose calibration is due within 30 days (or overdue). */
export async function calibrationsDue(db: Db, f: Filters, days = 30) {
  const r = await rows<Record<string, unknown>>(
    db,
    sql`select id::text as id, asset_number, name, calibration_due_date::text as due_date,
          (calibration_due_date - ${f.today}::date)::int as days_left
        from equipment
       where archived_at is null and status <> 'out_of_service' and calibration_due_date is not null
         and calibration_due_date <= ${addDays(f.today, days)}::date
       order by calibration_due_date, asset_number limit 200`,
  );
  return r.map((x) => ({
    equipment_id: String(x.id),
    asset_number: String(x.asset_number),
    name: String(x.name),
    due_date: String(x.due_date),
    days_left: num(x.days_left),
  }));
}

/**
 * Tasks due in the period (not cancelled, not archived):
 * - completion rate = done ÷ due;
 * - team efficiency score (0–100) = weighted on-time completion: each task due in the period
 *   scores 1 when done on or before its due date, 0.5 when done late, 0 while still open;
 *   the score is the mean × 100.
 */
export async function taskFigures(db: Db, f: Filters) {
  const [r] = await rows<Record<string, number>>(
    db,
    sql`select count(*)::int as due,
          count(*) filter (where status = 'done')::int as done,
          count(*) filter (where status = 'done' and (completed_at at time zone 'UTC')::date <= due_date)::int as on_time
        from tasks
       where archived_at is null and status <> 'cancelled' and due_date between ${f.from}::date and ${f.to}::date`,
  );
  const due = num(r.due);
  const done = num(r.done);
  const onTime = num(r.on_time);
  return {
    due,
    done,
    done_on_time: onTime,
    completion_rate: pct(done, due),
    efficiency_score: due > 0 ? Math.round(((onTime + 0.5 * (done - onTime)) / due) * 1000) / 10 : null,
  };
}

/**
 * Issued certificates whose expiry date falls within `days` of today (or has passed while still
 * issued: days_left < 0). A customer sees its own.
 */
export async function certificatesExpiring(db: Db, f: Filters, days = 30) {
  const r = await rows<Record<string, unknown>>(
    db,
    sql`select c.id::text as id, c.number, cu.company_name, c.product, c.expiry_date::text as expiry_date,
          (c.expiry_date - ${f.today}::date)::int as days_left
        from certifications c join customers cu on cu.id = c.customer_id
       where ${and(
         sql`c.archived_at is null`,
         sql`c.status = 'issued'`,
         sql`c.expiry_date <= ${addDays(f.today, days)}::date`,
         byCustomer(f, sql`c.customer_id`),
       )}
       order by c.expiry_date, c.number limit 1000`,
  );
  return r.map((x) => ({
    certificate_id: String(x.id),
    number: String(x.number),
    customer_name: String(x.company_name),
    product: String(x.product),
    expiry_date: String(x.expiry_date),
    days_left: num(x.days_left),
  }));
}
