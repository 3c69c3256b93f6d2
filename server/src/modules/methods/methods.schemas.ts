import { type TObject, type TSchema, Type } from 'typebox';
import { methods } from '../../db/schema/index.ts';
import type { ListSpec } from '../../lib/list.ts';
import { EntityFields, Id, LongText, Nullable, Text, Timestamp } from '../../lib/schemas.ts';

/** A price in the catalogue: an exact, non-negative decimal with at most two places (numeric(14,2)). */
export const Price = Type.String({
  pattern: '^\\d{1,12}(\\.\\d{1,2})?$',
  description: 'Exact decimal ≥ 0 with at most 2 places, e.g. "85.00"',
});
export const Currency = Type.String({
  pattern: '^[A-Z]{3}$',
  description: 'ISO 4217; default from CURRENCY',
});

export const MethodParameter = Type.Object(
  {
    name: Text(100, 1),
    unit: Type.Optional(Nullable(Text(40))),
    decimals: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 6 }))),
    kind: Type.Optional(
      Type.Union([Type.Literal('numeric'), Type.Literal('text')], {
        default: 'numeric',
        description: 'numeric parameters take a number, text ones a word or grade ("no change")',
      }),
    ),
  },
  { additionalProperties: false, title: 'MethodParameter' },
);

/** The editable fields, as sent on create (and replaced whole by PUT). */
const editable = {
  code: Text(50, 1),
  title: Text(200, 1),
  standard_reference: Type.Optional(Nullable(Text(200))),
  method_version: Type.Optional(Nullable(Text(50))),
  description: Type.Optional(Nullable(LongText(10_000))),
  parameters: Type.Optional(
    Type.Array(MethodParameter, {
      maxItems: 100,
      default: [],
      description: 'Names unique within the method',
    }),
  ),
  default_price: Type.Optional(Nullable(Price)),
  currency: Type.Optional(Currency),
  tat_days: Type.Optional(
    Nullable(Type.Integer({ minimum: 0, maximum: 365, description: 'Standard turnaround, working days' })),
  ),
  accredited: Type.Optional(Type.Boolean({ default: false })),
  authorised_engineer_ids: Type.Optional(
    Type.Array(Id, {
      maxItems: 200,
      default: [],
      description: 'Active users with role engineer, manager or admin who may perform the method',
    }),
  ),
  is_active: Type.Optional(Type.Boolean({ default: true })),
};

/**
 * PATCH body: the same fields, all optional and without defaults (a default would silently reset a
 * field the client did not send).
 */
export function partialOf<T extends Record<string, TSchema>>(fields: T): TObject<T> {
  const out: Record<string, TSchema> = {};
  for (const [key, schema] of Object.entries(fields)) {
    const { default: _dropped, ...rest } = schema as TSchema & { default?: unknown };
    out[key] = Type.Optional(rest as TSchema);
  }
  return Type.Object(out) as unknown as TObject<T>;
}

export const MethodCreate = Type.Object(editable);
export const MethodUpdate = partialOf(editable);

const catalogueFields = {
  id: Id,
  created_at: Timestamp,
  code: Type.String(),
  title: Type.String(),
  standard_reference: Nullable(Type.String()),
  method_version: Nullable(Type.String()),
  description: Nullable(Type.String()),
  parameters: Type.Array(MethodParameter),
  default_price: Nullable(Type.String()),
  currency: Type.String(),
  tat_days: Nullable(Type.Integer()),
  accredited: Type.Boolean(),
};

export const MethodPublic = Type.Object({
  ...EntityFields,
  ...catalogueFields,
  authorised_engineer_ids: Type.Array(Id),
  is_active: Type.Boolean(),
});

/** What a customer sees of an active method: the catalogue entry, never who is authorised. */
export const CatalogueMethod = Type.Object(catalogueFields, { title: 'CatalogueMethod' });

export const methodListSpec: ListSpec = {
  table: methods,
  idColumn: methods.id,
  archivedColumn: methods.archived_at,
  defaultSort: 'code',
  sortable: {
    code: { column: methods.code },
    title: { column: methods.title },
    created_at: { column: methods.created_at },
    updated_at: { column: methods.updated_at },
  },
  searchable: [methods.code, methods.title, methods.standard_reference],
  filters: {
    accredited: { column: methods.accredited, kind: 'boolean' },
    is_active: { column: methods.is_active, kind: 'boolean' },
  },
};

/** The catalogue lists active methods only, so it has no is_active filter (and no archived ones). */
export const catalogueListSpec: ListSpec = {
  ...methodListSpec,
  sortable: { code: { column: methods.code }, title: { column: methods.title } },
  filters: { accredited: methodListSpec.filters.accredited },
};

/** The columns of a catalogue entry (the list helper selects these and nothing else). */
export const CATALOGUE_COLUMNS = Object.fromEntries(
  Object.keys(catalogueFields).map((key) => [key, methods[key as keyof typeof catalogueFields]]),
);

export const MethodEngineer = Type.Object(
  {
    id: Id,
    full_name: Type.String(),
    email: Type.String(),
    role: Type.String(),
    is_active: Type.Boolean(),
    eligible: Type.Boolean({
      description: 'Still an active, non-archived engineer, manager or admin: may perform the method now',
    }),
  },
  { title: 'MethodEngineer' },
);

export const METHOD_CSV_COLUMNS = [
  'id',
  'code',
  'title',
  'standard_reference',
  'method_version',
  'description',
  'parameters',
  'default_price',
  'currency',
  'tat_days',
  'accredited',
  'authorised_engineer_ids',
  'is_active',
  'created_at',
  'updated_at',
  'version',
  'archived_at',
] as const;
