import { methods, projects, specifications } from '../../src/db/schema/index.ts';
import { nextNumber } from '../../src/lib/numbering.ts';
import type { App } from '../../src/types.ts';
import { makeCustomer, uniq } from './index.ts';

/**
 * Factories for intake tests (TRFs and samples). Projects are inserted directly with a real
 * PRJ number: the intake tests need a project to file under, not the commercial workflow.
 */
type Headers = Record<string, string>;

export async function makeProject(app: App, overrides: Partial<typeof projects.$inferInsert> = {}) {
  const customerId = overrides.customer_id ?? (await makeCustomer(app)).id;
  return app.db.transaction(async (tx) => {
    const number = await nextNumber(tx, 'PRJ');
    const [row] = await tx
      .insert(projects)
      .values({ name: `Project ${uniq()}`, status: 'active', ...overrides, number, customer_id: customerId })
      .returning();
    return row;
  });
}

export async function makeMethod(app: App, overrides: Partial<typeof methods.$inferInsert> = {}) {
  const [row] = await app.db
    .insert(methods)
    .values({
      code: `M-${uniq()}`,
      title: 'Colour fastness to washing',
      standard_reference: 'ISO 105-C06:2010',
      ...overrides,
    })
    .returning();
  return row;
}

export async function makeSpecification(
  app: App,
  overrides: Partial<typeof specifications.$inferInsert> = {},
) {
  const [row] = await app.db
    .insert(specifications)
    .values({ code: `SPEC-${uniq()}`, name: 'Buyer protocol A', ...overrides })
    .returning();
  return row;
}

/** A valid TRF body for a project: one item, declaration accepted and signed. */
export function trfBody(projectId: string, overrides: Record<string, unknown> = {}) {
  return {
    project_id: projectId,
    applicant: { name: 'Ingrid Lindqvist', company: 'Nordic Threads AB', email: 'ingrid@example.test' },
    items: [
      {
        item_no: 1,
        description: 'Knitted jersey, navy',
        composition: '95% cotton, 5% elastane',
        colour: 'Navy',
        quantity: 3,
        end_use: 'T-shirts',
        method_ids: [],
        specification_ids: [],
      },
    ],
    special_instructions: 'Wash at 40 °C',
    declaration_accepted: true,
    signature_name: 'Ingrid Lindqvist',
    ...overrides,
  };
}

/** Items 1..n with a description each. */
export const trfItems = (n: number, extra: Record<string, unknown> = {}) =>
  Array.from({ length: n }, (_, i) => ({
    item_no: i + 1,
    description: `Item ${i + 1}`,
    method_ids: [],
    specification_ids: [],
    ...extra,
  }));

/** Creates a TRF through the API and returns its body (throws unless 201). */
export async function makeTrf(app: App, headers: Headers, projectId: string, overrides = {}) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/trfs',
    headers,
    payload: trfBody(projectId, overrides),
  });
  if (res.statusCode !== 201) throw new Error(`makeTrf: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** A valid sample body for a project (received today, condition ok). */
export function sampleBody(projectId: string, overrides: Record<string, unknown> = {}) {
  return {
    project_id: projectId,
    description: `Fabric swatch ${uniq()}`,
    storage_location: 'Shelf A1',
    ...overrides,
  };
}

/** Registers a sample through the API and returns its body (throws unless 201). */
export async function makeSample(app: App, headers: Headers, projectId: string, overrides = {}) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/samples',
    headers,
    payload: sampleBody(projectId, overrides),
  });
  if (res.statusCode !== 201) throw new Error(`makeSample: ${res.statusCode} ${res.body}`);
  return res.json();
}
