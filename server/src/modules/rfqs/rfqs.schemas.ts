import { Type } from 'typebox';
import { RFQ_STATUSES, rfqs } from '../../db/schema/index.ts';
import type { ListSpec } from '../../lib/list.ts';
import { DateOnly, EntityFields, Id, LongText, Nullable, Text } from '../../lib/schemas.ts';

/**
 * The editable fields of an RFQ, as sent on create (PUT replaces exactly these). `customer_id` is
 * required from staff and ignored from a portal customer (it is always their own); it cannot change
 * after creation. The status moves only through the actions.
 */
const editable = {
  customer_id: Type.Optional(Id),
  title: Text(200, 1),
  product_description: Type.Optional(Nullable(LongText(5000))),
  requested_tests: Type.Optional(Nullable(LongText(5000))),
  requested_method_ids: Type.Optional(
    Type.Array(Id, { maxItems: 100, default: [], description: 'Active catalogue methods' }),
  ),
  quantity: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1_000_000 }))),
  /** defaults to today */
  received_date: Type.Optional(Nullable(DateOnly)),
  /** not before received_date */
  due_date: Type.Optional(Nullable(DateOnly)),
  notes: Type.Optional(Nullable(LongText(10_000))),
};

export const RfqCreate = Type.Object(editable);
export const RfqUpdate = Type.Object(
  Object.fromEntries(
    Object.entries(editable).map(([k, v]) => [k, Type.Optional(v)]),
  ) as unknown as typeof editable,
);

export const RfqStatus = Type.Union(RFQ_STATUSES.map((s) => Type.Literal(s)));

export const RfqPublic = Type.Object({
  ...EntityFields,
  number: Type.String({ description: 'RFQ-000001' }),
  customer_id: Id,
  customer_name: Type.String({ description: 'Read-only: the customer’s company name' }),
  title: Type.String(),
  product_description: Nullable(Type.String()),
  requested_tests: Nullable(Type.String()),
  requested_method_ids: Type.Array(Id),
  requested_methods: Type.Array(Type.Object({ id: Id, code: Type.String(), title: Type.String() }), {
    description: 'Read-only: the requested catalogue methods',
  }),
  quantity: Nullable(Type.Integer()),
  received_date: DateOnly,
  due_date: Nullable(DateOnly),
  status: RfqStatus,
  status_reason: Nullable(Type.String({ description: 'Why it was lost or cancelled' })),
  notes: Nullable(Type.String()),
  created_by: Nullable(Id),
});

export const ReasonBody = Type.Object(
  { reason: Text(1000, 1) },
  { additionalProperties: false, title: 'ReasonBody' },
);
export const OptionalReasonBody = Type.Object(
  { reason: Type.Optional(Nullable(Text(1000))) },
  { additionalProperties: false, title: 'OptionalReasonBody' },
);

export const rfqListSpec: ListSpec = {
  table: rfqs,
  idColumn: rfqs.id,
  archivedColumn: rfqs.archived_at,
  defaultSort: '-created_at',
  sortable: {
    number: { column: rfqs.number },
    title: { column: rfqs.title },
    received_date: { column: rfqs.received_date },
    due_date: { column: rfqs.due_date, nullable: true },
    status: { column: rfqs.status },
    created_at: { column: rfqs.created_at },
    updated_at: { column: rfqs.updated_at },
  },
  searchable: [rfqs.number, rfqs.title, rfqs.product_description, rfqs.requested_tests],
  filters: {
    customer_id: { column: rfqs.customer_id, kind: 'uuid' },
    status: { column: rfqs.status, kind: 'enum', values: RFQ_STATUSES },
    received_date: { column: rfqs.received_date, kind: 'range', format: 'date' },
    due_date: { column: rfqs.due_date, kind: 'range', format: 'date' },
    created_at: { column: rfqs.created_at, kind: 'range', format: 'date-time' },
  },
};

export const RFQ_CSV_COLUMNS = [
  'id',
  'number',
  'customer_id',
  'title',
  'product_description',
  'requested_tests',
  'requested_method_ids',
  'quantity',
  'received_date',
  'due_date',
  'status',
  'status_reason',
  'notes',
  'created_at',
  'updated_at',
  'version',
  'archived_at',
] as const;
