import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { App } from '../../types.ts';
import { approved, makeMethodRow, makeRfqRow, makeWork } from './dashboard.test-support.ts';
import { addDays } from './filters.ts';

/**
 * The known world the dashboard tests read, in March 2026 (period 2026-03-01 … 2026-03-31):
 * - customer A, method M1 (TAT 5 days): 7 passes approved on time (TAT 3 days), 3 fails approved
 *   late (TAT 7 days) → pass rate 70 %, on-time 70 %;
 * - customer A, method M3: five single passes with TAT 1, 2, 3, 4 and 10 days → median 3, p90 10;
 * - customer B, method M2 (no TAT, no due date): 5 fails, TAT 1;
 * - RFQs: A received / quoted / won, B lost → open 2; win rate A 50 %, all 33.3 %;
 * - quotes: A 100.10 sent 3 Mar and accepted 20 Mar, B 50.00 sent 4 Mar; A's sales order of 80.00
 *   invoiced (order date 25 Mar);
 * - today: engineer E1 has 2 open executions (one overdue), E2 one; NCRs, equipment and tasks.
 */
export async function seedScenario(app: App, ids: { engineer1: string; engineer2: string; today: string }) {
  const db = app.db;
  const run = (q: ReturnType<typeof sql>) => db.execute(q);
  const mk = async (name: string) => {
    const [c] = (
      (await run(
        sql`insert into customers (company_name, email, id) values (${name}, ${`${name.replace(/\W/g, '')}-${randomBytes(3).toString('hex')}@example.test`}, gen_random_uuid()) returning id`,
      )) as unknown as { rows: { id: string }[] }
    ).rows;
    return c.id;
  };
  const A = await mk('Alpha Textiles');
  const B = await mk('Beta Toys');
  const m1 = await makeMethodRow(app, 'M1', 5);
  const m2 = await makeMethodRow(app, 'M2');
  const m3 = await makeMethodRow(app, 'M3');

  await makeWork(app, {
    customerId: A,
    methodId: m1.id,
    receivedDate: '2026-03-02',
    dueDate: '2026-03-06',
    results: approved(7, 'pass', '2026-03-05T10:00:00Z'),
  });
  await makeWork(app, {
    customerId: A,
    methodId: m1.id,
    receivedDate: '2026-03-02',
    dueDate: '2026-03-06',
    results: approved(3, 'fail', '2026-03-09T10:00:00Z'),
  });
  for (const days of [1, 2, 3, 4, 10]) {
    await makeWork(app, {
      customerId: A,
      methodId: m3.id,
      receivedDate: '2026-03-16',
      results: approved(1, 'pass', `${addDays('2026-03-16', days)}T12:00:00Z`),
    });
  }
  const beta = await makeWork(app, {
    customerId: B,
    methodId: m2.id,
    receivedDate: '2026-03-10',
    results: [...approved(5, 'fail', '2026-03-11T09:00:00Z'), { verdict: 'pass', approvedAt: null }],
  });

  await makeRfqRow(app, A, 'received', '2026-03-03');
  await makeRfqRow(app, A, 'quoted', '2026-03-04');
  await makeRfqRow(app, A, 'won', '2026-03-05');
  await makeRfqRow(app, B, 'lost', '2026-03-06');

  await run(sql`insert into estimations (id, number, customer_id, total, status, sent_at, decided_at)
    values (gen_random_uuid(), 'EST-T1', ${A}, '100.10', 'accepted', '2026-03-03T10:00:00Z', '2026-03-20T10:00:00Z'),
           (gen_random_uuid(), 'EST-T2', ${B}, '50.00', 'sent', '2026-03-04T10:00:00Z', null),
           (gen_random_uuid(), 'EST-T3', ${B}, '999.00', 'draft', null, null)`);
  await run(sql`insert into sales_orders (id, number, customer_id, total, order_date, invoicing_status)
    values (gen_random_uuid(), 'SO-T1', ${A}, '80.00', '2026-03-25', 'invoiced'), (gen_random_uuid(), 'SO-T2', ${B}, '70.00', '2026-03-26', 'not_invoiced')`);

  // today's open work
  const yesterday = addDays(ids.today, -1);
  const nextWeek = addDays(ids.today, 7);
  await makeWork(app, {
    customerId: A,
    methodId: m1.id,
    receivedDate: ids.today,
    dueDate: yesterday,
    engineerId: ids.engineer1,
    executionStatus: 'in_progress',
  });
  await makeWork(app, {
    customerId: B,
    methodId: m2.id,
    receivedDate: ids.today,
    dueDate: nextWeek,
    engineerId: ids.engineer1,
    executionStatus: 'pending',
  });
  await makeWork(app, {
    customerId: A,
    methodId: m1.id,
    receivedDate: ids.today,
    dueDate: nextWeek,
    engineerId: ids.engineer2,
    executionStatus: 'pending',
  });

  const ago = (days: number) => `${addDays(ids.today, -days)}T08:00:00Z`;
  await run(sql`insert into ncrs (id, number, source, title, description, severity, status, created_at)
    values (gen_random_uuid(), 'NCR-T1', 'other', 'Critical', 'x', 'critical', 'open', ${ago(0)}),
           (gen_random_uuid(), 'NCR-T2', 'other', 'Minor', 'x', 'minor', 'investigating', ${ago(40)}),
           (gen_random_uuid(), 'NCR-T3', 'other', 'Closed', 'x', 'major', 'closed', ${ago(3)})`);
  await run(sql`insert into equipment (id, asset_number, name, calibration_due_date, status)
    values (gen_random_uuid(), 'EQ-T1', 'Balance', ${addDays(ids.today, 10)}, 'in_service'),
           (gen_random_uuid(), 'EQ-T2', 'Oven', ${addDays(ids.today, -5)}, 'in_service'),
           (gen_random_uuid(), 'EQ-T3', 'Tensile tester', ${addDays(ids.today, 60)}, 'in_service'),
           (gen_random_uuid(), 'EQ-T4', 'Old oven', ${addDays(ids.today, 5)}, 'out_of_service')`);
  await run(sql`insert into tasks (id, number, title, status, due_date, completed_at)
    values (gen_random_uuid(), 'TSK-T1', 'On time', 'done', '2026-03-10', '2026-03-09T10:00:00Z'),
           (gen_random_uuid(), 'TSK-T2', 'Late', 'done', '2026-03-10', '2026-03-12T10:00:00Z'),
           (gen_random_uuid(), 'TSK-T3', 'Open', 'todo', '2026-03-15', null),
           (gen_random_uuid(), 'TSK-T4', 'Cancelled', 'cancelled', '2026-03-15', null)`);

  const [spec] = (
    (await run(
      sql`insert into specifications (id, code, name) values (gen_random_uuid(), ${`SPEC-${randomBytes(3).toString('hex')}`}, 'Buyer spec') returning id`,
    )) as unknown as { rows: { id: string }[] }
  ).rows;
  const cert = (no: string, customer: string, status: string, expiresIn: number) =>
    sql`(gen_random_uuid(), ${no}, ${customer}::uuid, 'Knit fabric', 'ISO 13934-1', 'Tensile', ${spec.id}::uuid,
         ${addDays(ids.today, expiresIn)}::date, ${status}, ${`V-${no}`})`;
  await run(sql`insert into certifications (id, number, customer_id, product, standard, scope, specification_id,
      expiry_date, status, verify_code)
    values ${sql.join([cert('CERT-T1', A, 'issued', 10), cert('CERT-T2', B, 'issued', 40), cert('CERT-T3', B, 'draft', 5), cert('CERT-T4', B, 'issued', 3)], sql`, `)}`);

  return { A, B, m1, m2, m3, betaPending: beta.results.find((r) => r.status === 'entered')! };
}

export const MARCH = 'from=2026-03-01&to=2026-03-31';
