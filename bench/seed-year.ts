import type { Database } from '../server/src/db/client.ts';

/**
 * A year of lab work for the dashboard benchmark, in plain SQL (generate_series), scaled by the
 * number of results: 200 customers with a long-tailed share of the work, 40 methods of 3–8
 * parameters with their own TAT and failure rate, 15 engineers, ~100 samples per 1,000 results
 * received on weekdays with a growing trend, two tests per sample, turnaround spread around the
 * method's TAT (log-normal), verdicts mostly pass, the last weeks' work still open; plus RFQs,
 * quotes, sales orders, NCRs, equipment and tasks at matching scale.
 *
 * The rollup trigger is disabled during the bulk load and the rollup rebuilt once at the end
 * (`analytics_result_rollup_rebuild()`), as an operator would after a bulk import.
 */
export interface SeedYearOptions {
  results: number;
  log?: (message: string) => void;
}

export async function seedYear(database: Database, { results, log = () => {} }: SeedYearOptions) {
  const db = database.db;
  // one statement at a time (PGlite's query runs one); the caller opens one connection, as the
  // temporary tables below live in the session
  const run = async (label: string, q: string) => {
    const started = Date.now();
    for (const statement of q
      .split(/;\s*\n/)
      .map((x) => x.trim())
      .filter(Boolean))
      await db.execute(statement as never);
    log(`  ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  };
  // ~10 results per sample (2 tests × ~5 parameters)
  const samples = Math.max(50, Math.round(results / 10));
  const projects = Math.max(20, Math.round(samples / 25));

  await run(
    'reference data',
    `
    insert into customers (id, company_name, email)
      select gen_random_uuid(), 'Bench Customer ' || i, 'bench-customer-' || i || '@example.test' from generate_series(1, 200) i;
    insert into users (id, email, full_name, password_hash, role)
      select gen_random_uuid(), 'bench-engineer-' || i || '@example.test', 'Engineer ' || i, 'x', 'engineer' from generate_series(1, 15) i;
    insert into methods (id, code, title, parameters, tat_days, default_price)
      select gen_random_uuid(), 'BM-' || lpad(i::text, 3, '0'), 'Bench method ' || i,
             (select jsonb_agg(jsonb_build_object('name', 'P' || p, 'unit', 'N')) from generate_series(1, 3 + i % 6) p),
             3 + (i * 7) % 12, 50 + (i * 13) % 400
        from generate_series(1, 40) i;
    create temporary table bench_customers as
      select id, row_number() over (order by company_name) as rank from customers where company_name like 'Bench Customer %';
    create temporary table bench_methods as
      select id, row_number() over (order by code) as rank, tat_days, jsonb_array_length(parameters) as params
        from methods where code like 'BM-%';
    create temporary table bench_engineers as
      select id, row_number() over (order by email) as rank from users where email like 'bench-engineer-%';
  `,
  );

  // A customer's share of the work falls with its rank (Zipf-like): u^2.5 picks low ranks often.
  await run(
    `${projects} projects`,
    `
    insert into projects (id, number, name, customer_id, status, start_date, due_date)
      select gen_random_uuid(), 'PRJ-B' || lpad(g.i::text, 7, '0'), 'Bench project ' || g.i, c.id,
             (array['active','active','active','completed','completed','on_hold','planned'])[1 + floor(g.u * 7)::int],
             current_date - 365 + (g.i * 365 / ${projects}), current_date - 330 + (g.i * 365 / ${projects})
        from (select i, 1 + floor(power(random(), 2.5) * 200)::int as crank, random() as u
                from generate_series(1, ${projects}) i) g
        join bench_customers c on c.rank = g.crank;
    create temporary table bench_projects as
      select id, customer_id, row_number() over (order by number) as rank from projects where number like 'PRJ-B%';
  `,
  );

  // Received dates: weekdays only, the lab busier as the year goes on (sqrt skews to recent days).
  await run(
    `${samples} samples`,
    `
    insert into samples (id, number, project_id, customer_id, description, received_date, status)
      select gen_random_uuid(), 'SMP-B' || lpad(d.i::text, 8, '0'), p.id, p.customer_id, 'Bench sample ' || d.i, d.day,
             case when d.day > current_date - 14 then 'in_test' else 'tested' end
        from (select i, case extract(isodow from raw) when 6 then raw - 1 when 7 then raw - 2 else raw end as day
                from (select i, current_date - floor((1 - sqrt(random())) * 364)::int as raw
                        from generate_series(1, ${samples}) i) r) d
        join bench_projects p on p.rank = 1 + (d.i % ${projects});
  `,
  );

  // Two tests per sample: a plan and an execution for each (method by hash, engineer by method).
  await run(
    `${samples * 2} plans and executions`,
    `
    create temporary table bench_tests as
      select gen_random_uuid() as plan_id, gen_random_uuid() as execution_id, s.id as sample_id, s.project_id,
             s.customer_id, s.received_date, m.id as method_id, m.tat_days, m.params, m.rank as method_rank,
             e.id as engineer_id,
             -- turnaround: log-normal around the method's TAT (Box-Muller normal)
             greatest(0, round(m.tat_days * exp(0.45 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())) - 1))::int as tat
        from samples s
        cross join generate_series(1, 2) k
        join bench_methods m on m.rank = 1 + abs(hashtext(s.id::text || k::text)) % 40
        join bench_engineers e on e.rank = 1 + (m.rank + k) % 15
       where s.number like 'SMP-B%';
    insert into test_plans (id, project_id, customer_id, method_id, sample_ids, engineer_id, due_date, status)
      select plan_id, project_id, customer_id, method_id, array[sample_id], engineer_id,
             received_date + tat_days,
             case when received_date + tat > current_date then 'in_progress' else 'completed' end
        from bench_tests;
    insert into test_executions (id, plan_id, sample_id, project_id, customer_id, method_id, engineer_id, status,
                                 started_at, completed_at)
      select execution_id, plan_id, sample_id, project_id, customer_id, method_id, engineer_id,
             case when received_date + tat <= current_date then 'completed'
                  when random() < 0.5 then 'in_progress' else 'pending' end,
             received_date + interval '9 hours',
             case when received_date + tat <= current_date then (received_date + tat) + interval '11 hours' end
        from bench_tests;
  `,
  );

  await run(
    `~${results} results (trigger off, rollup rebuilt after)`,
    `
    alter table test_results disable trigger test_results_analytics;
    insert into test_results (id, execution_id, plan_id, sample_id, project_id, customer_id, method_id, parameter,
                              value_numeric, unit, decision_rule, overall_verdict, status, approved_at)
      select gen_random_uuid(), t.execution_id, t.plan_id, t.sample_id, t.project_id, t.customer_id, t.method_id,
             'P' || t.p, round((random() * 100)::numeric, 2), 'N', 'simple',
             case when t.v < 0.80 - t.method_rank * 0.002 then 'pass' when t.v < 0.93 then 'fail'
                  when t.v < 0.98 then 'warn' else 'inconclusive' end,
             case when t.received_date + t.tat <= current_date then 'approved' else 'entered' end,
             case when t.received_date + t.tat <= current_date
                  then (t.received_date + t.tat) + interval '15 hours' + (random() * interval '2 hours') end
        from (select b.*, p, random() as v from bench_tests b cross join lateral generate_series(1, b.params) p) t;
    alter table test_results enable trigger test_results_analytics;
    select analytics_result_rollup_rebuild();
  `,
  );

  const rfqs = Math.max(50, Math.round(results / 160));
  await run(
    `${rfqs} RFQs, quotes and sales orders`,
    `
    insert into rfqs (id, number, customer_id, title, received_date, status)
      select gen_random_uuid(), 'RFQ-B' || lpad(g.i::text, 7, '0'), c.id,
             'Bench request ' || g.i, current_date - floor(g.u * 365)::int,
             (array['received','under_review','quoted','won','won','lost','quoted','cancelled'])[1 + floor(g.w * 8)::int]
        from (select i, 1 + floor(power(random(), 2.5) * 200)::int as crank, random() as u, random() as w
                from generate_series(1, ${rfqs}) i) g
        join bench_customers c on c.rank = g.crank;
    insert into estimations (id, number, rfq_id, customer_id, total, subtotal, status, sent_at, decided_at)
      select gen_random_uuid(), 'EST-B' || lpad(row_number() over ()::text, 7, '0'), r.id, r.customer_id,
             r.total, r.total,
             case r.status when 'won' then 'accepted' when 'lost' then 'rejected' else 'sent' end,
             r.received_date + 3 + interval '10 hours',
             case when r.status in ('won', 'lost') then r.received_date + 12 + interval '10 hours' end
        from (select rfqs.*, round((200 + random() * 4800)::numeric, 2) as total from rfqs
               where number like 'RFQ-B%' and status in ('quoted', 'won', 'lost')) r;
    insert into sales_orders (id, number, customer_id, estimation_id, total, subtotal, order_date, status, invoicing_status)
      select gen_random_uuid(), 'SO-B' || lpad(row_number() over ()::text, 7, '0'), e.customer_id, e.id, e.total, e.total,
             (e.decided_at at time zone 'UTC')::date,
             'confirmed',
             case when e.decided_at < now() - interval '45 days' then 'paid'
                  when e.decided_at < now() - interval '15 days' then 'invoiced' else 'not_invoiced' end
        from estimations e where e.number like 'EST-B%' and e.status = 'accepted';
  `,
  );

  await run(
    'NCRs, equipment, tasks',
    `
    insert into ncrs (id, number, source, title, description, severity, status, created_at)
      select gen_random_uuid(), 'NCR-B' || lpad(i::text, 6, '0'), 'other', 'Bench NCR ' || i, 'x',
             (array['minor','minor','minor','major','major','critical'])[1 + floor(random() * 6)::int],
             (array['open','investigating','action_pending','verification','closed','closed','closed','closed'])[1 + floor(random() * 8)::int],
             now() - floor(random() * 365) * interval '1 day'
        from generate_series(1, 300) i;
    insert into equipment (id, asset_number, name, calibration_interval_days, calibration_due_date, status)
      select gen_random_uuid(), 'EQ-B' || lpad(i::text, 5, '0'), 'Bench instrument ' || i, 365,
             current_date - 20 + floor(random() * 365)::int,
             (array['in_service','in_service','in_service','in_service','quarantined','out_of_service'])[1 + floor(random() * 6)::int]
        from generate_series(1, 200) i;
    insert into tasks (id, number, title, status, priority, due_date, completed_at, assignee_id)
      select gen_random_uuid(), 'TSK-B' || lpad(s.i::text, 7, '0'), 'Bench task ' || s.i, s.status, 'medium', s.due,
             case when s.status = 'done' then (s.due + floor(s.late * 6)::int - 3) + interval '12 hours' end, e.id
        from (select d.*, case when d.due > current_date then (array['todo','in_progress','review'])[1 + floor(d.u * 3)::int]
                               when d.u < 0.85 then 'done' when d.u < 0.92 then 'cancelled' else 'todo' end as status
                from (select i, current_date - floor(random() * 365)::int + 14 as due, random() as u, random() as late
                        from generate_series(1, ${Math.max(100, Math.round(results / 50))}) i) d) s
        join bench_engineers e on e.rank = 1 + s.i % 15;
  `,
  );
  // steady state: visibility map set (index-only scans) and statistics, as autovacuum would leave it
  await run('vacuum analyze', 'vacuum analyze');
}
