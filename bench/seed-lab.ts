import type { Database } from '../server/src/db/client.ts';

/**
 * One big project for the lab-screen benchmarks: 500 samples, one plan of a 10-parameter method,
 * an execution per sample and 5,000 results with verdicts. Plain SQL (generate_series), so the
 * seed takes seconds; returns the project id.
 */
export async function seedBigProject(database: Database, samples = 500, parameters = 10): Promise<string> {
  const db = database.db;
  const run = (q: string) => db.execute(q as never) as unknown as Promise<{ rows: Record<string, string>[] }>;
  const params = Array.from({ length: parameters }, (_, i) => ({
    name: `P${i + 1}`,
    unit: 'N',
    decimals: 1,
    kind: 'numeric',
  }));
  const [{ id: customerId }] = (
    await run(
      `insert into customers (id, company_name, email) values (gen_random_uuid(), 'Bench Lab Customer', 'bench-lab@example.test') returning id`,
    )
  ).rows;
  const [{ id: methodId }] = (
    await run(
      `insert into methods (id, code, title, parameters) values (gen_random_uuid(), 'BENCH-1', 'Bench method', '${JSON.stringify(params)}'::jsonb) returning id`,
    )
  ).rows;
  const [{ id: projectId }] = (
    await run(
      `insert into projects (id, number, name, customer_id, status) values (gen_random_uuid(), 'PRJ-900001', 'Bench project', '${customerId}', 'active') returning id`,
    )
  ).rows;
  await run(`insert into samples (id, number, project_id, customer_id, description, received_date, status)
    select gen_random_uuid(), 'SMP-9' || lpad(i::text, 5, '0'), '${projectId}', '${customerId}', 'Bench sample ' || i, current_date, 'in_test'
    from generate_series(1, ${samples}) as s(i)`);
  const [{ id: planId }] = (
    await run(`insert into test_plans (id, project_id, customer_id, method_id, sample_ids, status)
      select gen_random_uuid(), '${projectId}', '${customerId}', '${methodId}', array_agg(id), 'in_progress' from samples where project_id = '${projectId}'
      returning id`)
  ).rows;
  await run(`insert into test_executions (id, plan_id, sample_id, project_id, customer_id, method_id, status, started_at)
    select gen_random_uuid(), '${planId}', id, '${projectId}', '${customerId}', '${methodId}', 'in_progress', now()
    from samples where project_id = '${projectId}'`);
  await run(`insert into test_results (id, execution_id, plan_id, sample_id, project_id, customer_id, method_id, parameter,
      value_numeric, unit, uncertainty, decision_rule, verdicts, overall_verdict, status)
    select gen_random_uuid(), e.id, e.plan_id, e.sample_id, e.project_id, e.customer_id, e.method_id, 'P' || p,
      round((random() * 20)::numeric, 1), 'N', 0.3, 'simple', '[]'::jsonb,
      (array['pass','pass','pass','warn','fail'])[1 + (p % 5)], 'entered'
    from test_executions e cross join generate_series(1, ${parameters}) as g(p)
    where e.plan_id = '${planId}'`);
  await run('analyze');
  return projectId;
}
