import { Type } from 'typebox';
import { TRF_STATUSES, trfs } from '../../db/schema/index.ts';
import type { ListSpec } from '../../lib/list.ts';
import { DateOnly, Email, EntityFields, Id, LongText, Nullable, Text } from '../../lib/schemas.ts';

/** Test request forms: the customer's signed instructions for a project (issue 4, "TRFs"). */
export const MAX_TRF_ITEMS = 500;

export const TrfApplicant = Type.Object(
  {
    name: Text(200, 1),
    company: Type.Optional(Nullable(Text(200))),
    address: Type.Optional(Nullable(Text(1000))),
    email: Type.Optional(Nullable(Email)),
    phone: Type.Optional(Nullable(Text(50))),
  },
  { additionalProperties: false, title: 'TrfApplicant' },
);

export const TrfItem = Type.Object(
  {
    item_no: Type.Integer({
      minimum: 1,
      maximum: MAX_TRF_ITEMS,
      description: 'Items are numbered 1..n, each number once',
    }),
    description: Text(1000, 1),
    composition: Type.Optional(Nullable(Text(500))),
    colour: Type.Optional(Nullable(Text(100))),
    quantity: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1_000_000 }))),
    end_use: Type.Optional(Nullable(Text(500))),
    method_ids: Type.Array(Id, {
      maxItems: 50,
      default: [],
      description: 'Requested tests: active catalogue methods',
    }),
    specification_ids: Type.Array(Id, {
      maxItems: 50,
      default: [],
      description: 'Specifications to judge the results against',
    }),
  },
  { additionalProperties: false, title: 'TrfItem' },
);

/** The editable fields, as sent on create (and replaced whole by PUT). */
const editable = {
  project_id: Type.String({
    format: 'uuid',
    description: 'The project; the TRF belongs to its customer. A portal customer names its own.',
  }),
  applicant: TrfApplicant,
  items: Type.Array(TrfItem, { minItems: 1, maxItems: MAX_TRF_ITEMS }),
  special_instructions: Type.Optional(Nullable(LongText(5000))),
  declaration_accepted: Type.Optional(
    // no default: a PATCH that leaves it out must not withdraw the declaration
    Type.Boolean({ description: 'Must be true to submit (create or resubmit)' }),
  ),
  signature_name: Type.Optional(Nullable(Text(200, 1))),
  signature_date: Type.Optional(
    Nullable({ ...DateOnly, description: 'YYYY-MM-DD; defaults to today when submitted, never future' }),
  ),
};

export const TrfCreate = Type.Object(editable);
export const TrfUpdate = Type.Object(
  Object.fromEntries(
    Object.entries(editable).map(([k, v]) => [k, Type.Optional(v)]),
  ) as unknown as typeof editable,
);

export const TrfPublic = Type.Object({
  ...EntityFields,
  number: Type.String({ description: 'TRF-000001' }),
  project_id: Id,
  project_number: Type.String(),
  customer_id: Id,
  customer_name: Type.String(),
  applicant: TrfApplicant,
  items: Type.Array(TrfItem),
  special_instructions: Nullable(Type.String()),
  declaration_accepted: Type.Boolean(),
  signature_name: Nullable(Type.String()),
  signature_date: Nullable(DateOnly),
  status: Type.Union(TRF_STATUSES.map((s) => Type.Literal(s))),
  review_note: Nullable(Type.String({ description: 'The reason when returned; the note when accepted' })),
  reviewed_by: Nullable(Id),
  submitted_by: Nullable(Id),
  sample_count: Type.Integer({ description: 'Samples registered against this TRF' }),
});

export const TrfReturnBody = Type.Object(
  { reason: Text(2000, 1) },
  { additionalProperties: false, title: 'TrfReturn' },
);
export const TrfAcceptBody = Type.Object(
  { note: Type.Optional(Nullable(Text(2000))) },
  { additionalProperties: false, title: 'TrfAccept' },
);

export const trfListSpec: ListSpec = {
  table: trfs,
  idColumn: trfs.id,
  archivedColumn: trfs.archived_at,
  defaultSort: '-created_at',
  sortable: {
    number: { column: trfs.number },
    created_at: { column: trfs.created_at },
    updated_at: { column: trfs.updated_at },
    status: { column: trfs.status },
  },
  searchable: [trfs.number, trfs.signature_name, trfs.special_instructions],
  filters: {
    project_id: { column: trfs.project_id, kind: 'uuid' },
    customer_id: { column: trfs.customer_id, kind: 'uuid' },
    status: { column: trfs.status, kind: 'enum', values: TRF_STATUSES },
    created_at: { column: trfs.created_at, kind: 'range', format: 'date-time' },
  },
};

export const TRF_CSV_COLUMNS = [
  'id',
  'number',
  'project_number',
  'customer_name',
  'status',
  'applicant',
  'items',
  'special_instructions',
  'declaration_accepted',
  'signature_name',
  'signature_date',
  'review_note',
  'sample_count',
  'created_at',
  'updated_at',
  'version',
  'archived_at',
] as const;
