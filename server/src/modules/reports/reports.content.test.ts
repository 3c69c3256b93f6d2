import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { rows } from '../../db/client.ts';
import { collectReportContent } from './reports.content.ts';

/**
 * The report's content is gathered in pages (100 samples per page, 25 samples' results per query):
 * across page boundaries no sample or result may be lost, repeated or reordered.
 */
let t: TestApp;
let projectId: string;
const SAMPLES = 230; // three sample pages, the last one partial
const PARAMETERS = ['Elongation', 'Force', 'Thickness'];

beforeAll(async () => {
  t = await createTestApp();
  const run = <T>(q: ReturnType<typeof sql>) => rows<T>(t.app.db, q);
  const [{ id: customerId }] = await run<{ id: string }>(
    sql`insert into customers (id, company_name, email) values (gen_random_uuid(), 'Paging Ltd', 'paging@example.test') returning id`,
  );
  const [{ id: methodId }] = await run<{ id: string }>(
    sql`insert into methods (id, code, title, parameters) values (gen_random_uuid(), 'PAGE-1', 'Paging method', '[]'::jsonb) returning id`,
  );
  [{ id: projectId }] = await run<{ id: string }>(
    sql`insert into projects (id, number, name, customer_id, status) values (gen_random_uuid(), 'PRJ-777001', 'Paging', ${customerId}, 'active') returning id`,
  );
  // Inserted in reverse, so the page order can only come from the sample numbers; one extra sample
  // has only an entered (not approved) result and must be left out.
  await run(sql`insert into samples (id, number, project_id, customer_id, description, received_date, status)
    select gen_random_uuid(), 'SMP-7' || lpad(i::text, 5, '0'), ${projectId}, ${customerId}, 'Sample ' || i, date '2026-11-01' + (i % 7), 'in_test'
    from generate_series(${SAMPLES + 1}, 1, -1) as s(i)`);
  const [{ id: planId }] = await run<{ id: string }>(
    sql`insert into test_plans (id, project_id, customer_id, method_id, sample_ids, status)
      select gen_random_uuid(), ${projectId}, ${customerId}, ${methodId}, array_agg(id), 'in_progress' from samples where project_id = ${projectId}
      returning id`,
  );
  await run(sql`insert into test_executions (id, plan_id, sample_id, project_id, customer_id, method_id, status, started_at)
    select gen_random_uuid(), ${planId}, id, ${projectId}, ${customerId}, ${methodId}, 'in_progress', timestamptz '2026-11-10 09:00Z'
    from samples where project_id = ${projectId}`);
  await run(sql`insert into test_results (id, execution_id, plan_id, sample_id, project_id, customer_id, method_id, parameter,
      value_numeric, unit, uncertainty, decision_rule, verdicts, overall_verdict, status)
    select gen_random_uuid(), e.id, e.plan_id, e.sample_id, e.project_id, e.customer_id, e.method_id, p.name,
      10.5, 'N', 0.3, 'simple', '[]'::jsonb, 'pass',
      case when s.number = ${`SMP-7${String(SAMPLES + 1).padStart(5, '0')}`} then 'entered' else 'approved' end
    from test_executions e join samples s on s.id = e.sample_id
    cross join unnest(${`{${PARAMETERS.join(',')}}`}::text[]) as p(name)
    where e.plan_id = ${planId}`);
}, 120_000);

afterAll(async () => t?.close());

const numbers = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `SMP-7${String(from + i).padStart(5, '0')}`);

describe('collectReportContent', () => {
  it('gathers every sample with approved results once, in number order, with all their results', async () => {
    const content = await collectReportContent(t.app.db, {
      project_id: projectId,
      sample_ids: [],
      title: null,
    });
    expect(content.samples.map((s) => s.number)).toEqual(numbers(1, SAMPLES));
    expect(content.results).toHaveLength(SAMPLES * PARAMETERS.length);
    expect(content.results.map((r) => `${r.sample_number} ${r.parameter}`)).toEqual(
      numbers(1, SAMPLES).flatMap((n) => PARAMETERS.map((p) => `${n} ${p}`)),
    );
    expect(content.methods.map((m) => m.code)).toEqual(['PAGE-1']);
    expect(content.dates).toEqual({ received: '2026-11-01 to 2026-11-07', testing: '2026-11-10' });
  });

  it('keeps to the chosen samples when the report names them', async () => {
    const [chosen] = await rows<{ ids: string[] }>(
      t.app.db,
      sql`select array_agg(id order by number desc) as ids from samples
          where project_id = ${projectId} and number between 'SMP-700050' and 'SMP-700199'`,
    );
    const content = await collectReportContent(t.app.db, {
      project_id: projectId,
      sample_ids: chosen.ids,
      title: 'Chosen',
    });
    expect(content.samples.map((s) => s.number)).toEqual(numbers(50, 199));
    expect(content.results).toHaveLength(150 * PARAMETERS.length);
    expect(content.title).toBe('Chosen');
  });
});
