import { methods, specifications } from '../../src/db/schema/index.ts';
import type { App } from '../../src/types.ts';
import { uniq } from './index.ts';

/** Catalogue factories: a method and a specification, straight into the database, with overrides. */
export async function makeMethod(app: App, overrides: Partial<typeof methods.$inferInsert> = {}) {
  const [row] = await app.db
    .insert(methods)
    .values({
      code: `M-${uniq()}`,
      title: 'Tensile strength (strip method)',
      standard_reference: 'ISO 13934-1:2013',
      parameters: [
        { name: 'Maximum force', unit: 'N', decimals: 0, kind: 'numeric' },
        { name: 'Elongation at maximum force', unit: '%', decimals: 1, kind: 'numeric' },
        { name: 'Break type', unit: null, decimals: null, kind: 'text' },
      ],
      default_price: '85.00',
      currency: 'USD',
      tat_days: 5,
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
    .values({
      code: `SPEC-${uniq()}`,
      name: 'Buyer protocol',
      limits: [
        {
          parameter: 'pH',
          method_id: null,
          unit: null,
          min: '4.0',
          max: '7.5',
          warn_min: '4.5',
          warn_max: '7.0',
          expected_text: null,
        },
      ],
      ...overrides,
    })
    .returning();
  return row;
}
