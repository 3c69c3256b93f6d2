import { Type } from 'typebox';
import { specifications } from '../../db/schema/index.ts';
import type { ListSpec } from '../../lib/list.ts';
import { EntityFields, Id, LongText, Nullable, Text } from '../../lib/schemas.ts';
import { partialOf } from '../methods/methods.schemas.ts';

/** A limit value: a decimal string, so "3.50" is stored and judged as exactly that. */
export const LimitNumber = Type.String({
  pattern: '^-?\\d{1,12}(\\.\\d{1,6})?$',
  description: 'Decimal as a string, e.g. "3.5" or "-0.25"',
});

export const SpecLimit = Type.Object(
  {
    parameter: Text(100, 1),
    method_id: Type.Optional(
      Nullable(Type.String({ format: 'uuid', description: 'Limit applies to this method only' })),
    ),
    unit: Type.Optional(Nullable(Text(40))),
    min: Type.Optional(Nullable(LimitNumber)),
    max: Type.Optional(Nullable(LimitNumber)),
    warn_min: Type.Optional(Nullable(LimitNumber)),
    warn_max: Type.Optional(Nullable(LimitNumber)),
    expected_text: Type.Optional(Nullable(Text(200))),
  },
  {
    additionalProperties: false,
    title: 'SpecLimit',
    description:
      'A numeric range (min and/or max, with an optional warning band: min ≤ warn_min ≤ warn_max ≤ max) or an expected text value, not both',
  },
);

/** The editable fields. `code` and `limits` are fixed per revision: they change by `revise`. */
const editable = {
  code: Text(50, 1),
  name: Text(200, 1),
  description: Type.Optional(Nullable(LongText(10_000))),
  source: Type.Optional(Nullable(Text(300, 0))),
  limits: Type.Optional(Type.Array(SpecLimit, { maxItems: 200, default: [] })),
};

export const SpecificationCreate = Type.Object(editable);
export const SpecificationUpdate = partialOf(editable);

export const SpecificationPublic = Type.Object({
  ...EntityFields,
  code: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  source: Nullable(Type.String()),
  revision: Type.Integer({ minimum: 1 }),
  previous_id: Nullable(Id),
  status: Type.Union([Type.Literal('active'), Type.Literal('superseded')]),
  limits: Type.Array(SpecLimit),
});

/** POST /specifications/{id}/revise: the new revision's limits; name, description, source carry over unless sent. */
export const SpecificationRevise = Type.Object(
  {
    limits: Type.Array(SpecLimit, { maxItems: 200, description: 'The whole new limit set' }),
    name: Type.Optional(Text(200, 1)),
    description: Type.Optional(Nullable(LongText(10_000))),
    source: Type.Optional(Nullable(Text(300))),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'Same as If-Match' })),
  },
  { additionalProperties: false, title: 'SpecificationRevise' },
);

export const specificationListSpec: ListSpec = {
  table: specifications,
  idColumn: specifications.id,
  archivedColumn: specifications.archived_at,
  defaultSort: 'code',
  sortable: {
    code: { column: specifications.code },
    name: { column: specifications.name },
    revision: { column: specifications.revision },
    created_at: { column: specifications.created_at },
    updated_at: { column: specifications.updated_at },
  },
  searchable: [specifications.code, specifications.name],
  filters: {
    status: { column: specifications.status, kind: 'enum', values: ['active', 'superseded'] },
    code: { column: specifications.code, kind: 'text' },
  },
};

export const SPECIFICATION_CSV_COLUMNS = [
  'id',
  'code',
  'name',
  'revision',
  'status',
  'previous_id',
  'description',
  'source',
  'limits',
  'created_at',
  'updated_at',
  'version',
  'archived_at',
] as const;
