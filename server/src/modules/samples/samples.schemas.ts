import { Type } from 'typebox';
import { SAMPLE_CONDITIONS, SAMPLE_STATUSES, samples } from '../../db/schema/index.ts';
import type { ListSpec } from '../../lib/list.ts';
import { DateOnly, EntityFields, Id, Nullable, Text, Timestamp } from '../../lib/schemas.ts';

/** Samples: the physical items received for testing (issue 4, "Samples"). */
export const MAX_BULK_SAMPLES = 500;
export const MAX_LABELS = 500;
export const MAX_PARTITIONS = 50;

// an enum, not a union of literals: a wrong word is "must be equal to one of the allowed values"
const Condition = Type.Enum(SAMPLE_CONDITIONS, {
  type: 'string',
  description: `Condition on receipt (${SAMPLE_CONDITIONS.join(', ')}); anything but ok needs condition_notes`,
});

/** The fields of one sample as registered, without its project (bulk items share one). */
const sampleFields = {
  trf_id: Type.Optional(Nullable(Id)),
  trf_item_no: Type.Optional(
    Nullable(Type.Integer({ minimum: 1, maximum: 500, description: 'An item of that TRF; with trf_id' })),
  ),
  description: Text(1000, 1),
  received_date: Type.Optional({ ...DateOnly, description: 'YYYY-MM-DD; today when omitted; never future' }),
  received_by: Type.Optional(Nullable({ ...Id, description: 'A staff user; the caller when omitted' })),
  // no schema default: a PATCH that leaves it out must keep the stored condition ('ok' set on create)
  condition: Type.Optional(Condition),
  condition_notes: Type.Optional(Nullable(Text(2000))),
  storage_location: Type.Optional(Nullable(Text(200))),
  retention_until: Type.Optional(Nullable({ ...DateOnly, description: 'Not before received_date' })),
};

const editable = { project_id: Id, ...sampleFields };

export const SampleCreate = Type.Object(editable);
export const SampleUpdate = Type.Object(
  Object.fromEntries(
    Object.entries(editable).map(([k, v]) => [k, Type.Optional(v)]),
  ) as unknown as typeof editable,
);

export const SamplePublic = Type.Object({
  ...EntityFields,
  number: Type.String({ description: 'SMP-000001' }),
  project_id: Id,
  project_number: Type.String(),
  customer_id: Id,
  customer_name: Type.String(),
  trf_id: Nullable(Id),
  trf_number: Nullable(Type.String()),
  trf_item_no: Nullable(Type.Integer()),
  parent_id: Nullable(Id),
  parent_number: Nullable(Type.String({ description: 'The sample this one was split from' })),
  description: Type.String(),
  received_date: DateOnly,
  received_by: Nullable(Id),
  received_by_name: Nullable(Type.String()),
  condition: Condition,
  condition_notes: Nullable(Type.String()),
  storage_location: Nullable(Type.String()),
  retention_until: Nullable(DateOnly),
  status: Type.Union(SAMPLE_STATUSES.map((s) => Type.Literal(s))),
});

/** Bulk registration: one project, up to 500 samples, all or nothing. */
export const SampleBulkCreate = Type.Object(
  {
    project_id: Id,
    items: Type.Array(Type.Object(sampleFields, { additionalProperties: false }), {
      minItems: 1,
      maxItems: MAX_BULK_SAMPLES,
    }),
  },
  { additionalProperties: false, title: 'SampleBulkCreate' },
);

export const SampleSplit = Type.Object(
  {
    count: Type.Integer({ minimum: 1, maximum: MAX_PARTITIONS, description: 'How many partitions' }),
    descriptions: Type.Optional(
      Type.Array(Text(1000, 1), {
        maxItems: MAX_PARTITIONS,
        description: 'One per partition; "<parent description> (part i of n)" when omitted',
      }),
    ),
  },
  { additionalProperties: false, title: 'SampleSplit' },
);

export const SampleLabelsRequest = Type.Object(
  { sample_ids: Type.Array(Id, { minItems: 1, maxItems: MAX_LABELS, description: 'Printed in this order' }) },
  { additionalProperties: false, title: 'SampleLabelsRequest' },
);

/** A PDF answer (labels): bytes, declared so the OpenAPI document is complete. */
export const PdfResponse = {
  description: 'PDF document',
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
};

/** Entries anyone with lab rights may record by hand; the system records the others itself. */
export const MANUAL_CUSTODY_ACTIONS = [
  'handover',
  'transfer',
  'storage',
  'collection',
  'dispatch',
  'inspection',
  'other',
] as const;

export const CustodyCreate = Type.Object(
  {
    action: Type.Enum(MANUAL_CUSTODY_ACTIONS, { type: 'string', description: 'What happened to the sample' }),
    from_party: Type.Optional(Nullable(Text(200))),
    to_party: Type.Optional(Nullable(Text(200))),
    location: Type.Optional(
      Nullable({
        ...Text(200),
        description: "Where the sample is now: becomes the sample's storage_location",
      }),
    ),
    notes: Type.Optional(Nullable(Text(2000))),
  },
  { additionalProperties: false, title: 'CustodyCreate' },
);

export const CustodyEntry = Type.Object(
  {
    id: Id,
    sample_id: Id,
    at: Timestamp,
    action: Type.String({
      description: `received, to_testing, from_testing, retained, disposed, returned_to_customer, split, split_from or one of ${MANUAL_CUSTODY_ACTIONS.join(', ')}`,
    }),
    from_party: Nullable(Type.String()),
    to_party: Nullable(Type.String()),
    location: Nullable(Type.String()),
    notes: Nullable(Type.String()),
    recorded_by: Nullable(Id),
    recorded_by_name: Nullable(Type.String()),
  },
  { title: 'CustodyEntry' },
);

export const sampleListSpec: ListSpec = {
  table: samples,
  idColumn: samples.id,
  archivedColumn: samples.archived_at,
  defaultSort: '-created_at',
  sortable: {
    number: { column: samples.number },
    received_date: { column: samples.received_date },
    created_at: { column: samples.created_at },
    updated_at: { column: samples.updated_at },
    status: { column: samples.status },
  },
  searchable: [samples.number, samples.description],
  filters: {
    project_id: { column: samples.project_id, kind: 'uuid' },
    customer_id: { column: samples.customer_id, kind: 'uuid' },
    trf_id: { column: samples.trf_id, kind: 'uuid' },
    parent_id: { column: samples.parent_id, kind: 'uuid' },
    status: { column: samples.status, kind: 'enum', values: SAMPLE_STATUSES },
    condition: { column: samples.condition, kind: 'enum', values: SAMPLE_CONDITIONS },
    received_date: { column: samples.received_date, kind: 'range', format: 'date' },
  },
};

export const SAMPLE_CSV_COLUMNS = [
  'id',
  'number',
  'project_number',
  'customer_name',
  'trf_number',
  'trf_item_no',
  'parent_number',
  'description',
  'received_date',
  'received_by_name',
  'condition',
  'condition_notes',
  'storage_location',
  'retention_until',
  'status',
  'created_at',
  'updated_at',
  'version',
  'archived_at',
] as const;
