import {
  type MethodParameter,
  methods,
  projects,
  type SpecLimit,
  samples,
  specifications,
} from '../../src/db/schema/index.ts';
import type { App } from '../../src/types.ts';
import { makeCustomer, signedIn, uniq } from './index.ts';

/**
 * Factories for the bench: projects, samples, methods and specifications are written straight to
 * the database (their own modules are tested elsewhere), plans and results go through the API.
 */
export async function makeProject(app: App, overrides: Partial<typeof projects.$inferInsert> = {}) {
  const customerId = overrides.customer_id ?? (await makeCustomer(app)).id;
  const [row] = await app.db
    .insert(projects)
    .values({
      number: `PRJ-T${uniq()}`,
      name: `Project ${uniq()}`,
      status: 'active',
      ...overrides,
      customer_id: customerId,
    })
    .returning();
  return row;
}

export async function makeSamples(
  app: App,
  project: { id: string; customer_id: string },
  count = 1,
  overrides: Partial<typeof samples.$inferInsert> = {},
) {
  const tag = uniq();
  return app.db
    .insert(samples)
    .values(
      Array.from({ length: count }, (_, i) => ({
        number: `SMP-T${tag}-${String(i + 1).padStart(4, '0')}`,
        project_id: project.id,
        customer_id: project.customer_id,
        description: `Fabric swatch ${i + 1}`,
        received_date: '2026-01-15',
        ...overrides,
      })),
    )
    .returning();
}

export const TENSILE_PARAMETERS: MethodParameter[] = [
  { name: 'Breaking force', unit: 'N', decimals: 1, kind: 'numeric' },
  { name: 'Elongation', unit: '%', decimals: 1, kind: 'numeric' },
  { name: 'Appearance', kind: 'text' },
];

export async function makeMethod(app: App, overrides: Partial<typeof methods.$inferInsert> = {}) {
  const [row] = await app.db
    .insert(methods)
    .values({
      code: `M-${uniq()}`,
      title: 'Tensile properties of fabrics (strip method)',
      standard_reference: 'ISO 13934-1:2013',
      parameters: TENSILE_PARAMETERS,
      ...overrides,
    })
    .returning();
  return row;
}

export const TENSILE_LIMITS: SpecLimit[] = [
  { parameter: 'Breaking force', unit: 'N', min: '200.0', warn_min: '250.0' },
  { parameter: 'Elongation', unit: '%', min: '10.0', max: '40.0' },
  { parameter: 'Appearance', expected_text: 'no change' },
];

export async function makeSpecification(
  app: App,
  limits: SpecLimit[] = TENSILE_LIMITS,
  name = 'Buyer protocol',
) {
  const [row] = await app.db
    .insert(specifications)
    .values({ code: `SPEC-${uniq()}`, name, limits })
    .returning();
  return row;
}

/**
 * A ready bench: a customer's project with samples, a method with an authorised engineer, a
 * specification, and signed-in users (manager, the authorised engineer, another engineer).
 */
export async function makeBench(app: App, opts: { samples?: number } = {}) {
  const manager = await signedIn(app, 'manager');
  const engineer = await signedIn(app, 'engineer');
  const outsider = await signedIn(app, 'engineer');
  const project = await makeProject(app);
  const sampleRows = await makeSamples(app, project, opts.samples ?? 2);
  const method = await makeMethod(app, { authorised_engineer_ids: [engineer.user.id] });
  const spec = await makeSpecification(app);
  return { manager, engineer, outsider, project, samples: sampleRows, method, spec };
}

export type Bench = Awaited<ReturnType<typeof makeBench>>;

/** Creates a plan through the API (as the bench's manager) and returns its body. */
export async function createPlan(app: App, bench: Bench, overrides: Record<string, unknown> = {}) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/test-plans',
    headers: bench.manager.headers,
    payload: {
      project_id: bench.project.id,
      method_id: bench.method.id,
      sample_ids: bench.samples.map((s) => s.id),
      specification_ids: [bench.spec.id],
      engineer_id: bench.engineer.user.id,
      name: 'Tensile, first lot',
      ...overrides,
    },
  });
  if (res.statusCode !== 201) throw new Error(`plan create failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** The plan's executions (all of them), via the API. */
export async function planExecutions(app: App, bench: Bench, planId: string) {
  const res = await app.inject({
    url: `/api/v1/test-executions?plan_id=${planId}&limit=100&sort=created_at`,
    headers: bench.manager.headers,
  });
  return res.json().items as { id: string; sample_id: string; status: string; version: number }[];
}

/** Starts an execution as the bench's authorised engineer. */
export async function startExecution(app: App, bench: Bench, executionId: string) {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/test-executions/${executionId}/start`,
    headers: bench.engineer.headers,
  });
  if (res.statusCode !== 200) throw new Error(`start failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Enters a result as the bench's engineer (or `headers`), returning the raw response. */
export function enterResult(
  app: App,
  bench: Bench,
  payload: Record<string, unknown>,
  headers: Record<string, string> = bench.engineer.headers,
) {
  return app.inject({ method: 'POST', url: '/api/v1/test-results', headers, payload });
}
