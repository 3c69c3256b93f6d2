import {
  projects,
  rfqs,
  samples,
  testExecutions,
  testPlans,
  testResults,
  trfs,
} from '../../src/db/schema/index.ts';
import { nextNumber } from '../../src/lib/numbering.ts';
import type { App } from '../../src/types.ts';
import { makeMethod } from './catalogue.ts';
import { makeCustomer, uniq } from './index.ts';

/**
 * Commercial-chain factories. RFQs and projects straight into the database (with real numbers, so
 * numbering stays gapless); quotes go through the API, since their pricing is what is tested.
 */
type Headers = Record<string, string>;

export async function makeRfq(app: App, overrides: Partial<typeof rfqs.$inferInsert> = {}) {
  const customerId = overrides.customer_id ?? (await makeCustomer(app)).id;
  return app.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(rfqs)
      .values({
        number: await nextNumber(tx, 'RFQ'),
        title: `Knitted jersey ${uniq()}`,
        received_date: '2026-01-10',
        ...overrides,
        customer_id: customerId,
      })
      .returning();
    return row;
  });
}

export async function makeCommercialProject(app: App, overrides: Partial<typeof projects.$inferInsert> = {}) {
  const customerId = overrides.customer_id ?? (await makeCustomer(app)).id;
  return app.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(projects)
      .values({
        number: await nextNumber(tx, 'PRJ'),
        name: `Project ${uniq()}`,
        ...overrides,
        customer_id: customerId,
      })
      .returning();
    return row;
  });
}

/** A priced method for quote lines: 19.99 by default. */
export const makePricedMethod = (app: App, price: string | null = '19.99') =>
  makeMethod(app, { default_price: price, title: 'Colour fastness to washing' });

/** Creates a quote through the API and returns the response body (throws on anything but 201). */
export async function createQuote(app: App, headers: Headers, body: Record<string, unknown>) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/estimations', headers, payload: body });
  if (res.statusCode !== 201) throw new Error(`quote create failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Runs an action through the API and returns the raw response. */
export const act = (app: App, headers: Headers, path: string, id: string, action: string, payload?: object) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/${path}/${id}/${action}`,
    headers,
    ...(payload ? { payload } : {}),
  });

/** A sent quote for a fresh RFQ: one line of 3 × 19.99 at 7.5 % tax (total 64.47). */
export async function makeSentQuote(app: App, managerHeaders: Headers, rfqOverrides = {}) {
  const rfq = await makeRfq(app, rfqOverrides);
  const quote = await createQuote(app, managerHeaders, {
    rfq_id: rfq.id,
    tax_rate: '7.5',
    lines: [{ description: 'Colour fastness to washing', quantity: 3, unit_price: '19.99' }],
  });
  const sent = await act(app, managerHeaders, 'estimations', quote.id, 'send');
  if (sent.statusCode !== 200) throw new Error(`send failed: ${sent.statusCode} ${sent.body}`);
  return { rfq, quote: sent.json() };
}

/**
 * Lab work on a project, straight into the tables (their routes are tested in their modules):
 * `n` samples, a TRF, one plan over the samples, one completed execution and two results per
 * sample (one pass, one fail; the first sample's results approved).
 */
export async function makeProjectWork(app: App, project: { id: string; customer_id: string }, n: number) {
  const method = await makeMethod(app);
  const tag = uniq();
  const base = { project_id: project.id, customer_id: project.customer_id };
  await app.db.insert(trfs).values({
    ...base,
    number: `TRF-T${tag}`,
    applicant: { name: 'Ana QA' },
    items: [],
  });
  const sampleRows = await app.db
    .insert(samples)
    .values(
      Array.from({ length: n }, (_, i) => ({
        ...base,
        number: `SMP-T${tag}-${i}`,
        description: `Swatch ${i}`,
        received_date: '2026-02-01',
        status: i === 0 ? ('in_test' as const) : ('received' as const),
      })),
    )
    .returning();
  const [plan] = await app.db
    .insert(testPlans)
    .values({ ...base, method_id: method.id, name: 'Tensile', sample_ids: sampleRows.map((s) => s.id) })
    .returning();
  const executions = await app.db
    .insert(testExecutions)
    .values(
      sampleRows.map((s) => ({
        ...base,
        plan_id: plan.id,
        sample_id: s.id,
        method_id: method.id,
        status: 'completed' as const,
      })),
    )
    .returning();
  await app.db.insert(testResults).values(
    executions.flatMap((e, i) =>
      (['pass', 'fail'] as const).map((verdict) => ({
        ...base,
        execution_id: e.id,
        plan_id: plan.id,
        sample_id: e.sample_id,
        method_id: method.id,
        parameter: verdict === 'pass' ? 'Breaking force' : 'Elongation',
        value_numeric: '12.5',
        decision_rule: 'simple' as const,
        overall_verdict: verdict,
        status: i === 0 ? ('approved' as const) : ('entered' as const),
      })),
    ),
  );
  return { samples: sampleRows, plan, executions };
}
