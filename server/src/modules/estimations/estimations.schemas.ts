import { Type } from 'typebox';
import { ESTIMATION_STATUSES, estimations } from '../../db/schema/index.ts';
import type { ListSpec } from '../../lib/list.ts';
import { DateOnly, EntityFields, Id, LongText, Nullable, Text, Timestamp } from '../../lib/schemas.ts';
import { Currency, LineInput, PricedFields, TaxRate } from '../commercial/pricing.ts';

/**
 * A quote. Created from an RFQ (`rfq_id`: the customer and title come from it) or standalone
 * (`customer_id`); both are fixed once created. The server prices the lines; only drafts change.
 */
const editable = {
  rfq_id: Type.Optional(Nullable(Id)),
  customer_id: Type.Optional(Nullable(Id)),
  title: Type.Optional(Nullable(Text(200))),
  lines: Type.Optional(Type.Array(LineInput, { maxItems: 200, default: [] })),
  tax_rate: Type.Optional(Nullable(TaxRate)),
  currency: Type.Optional(Nullable(Currency)),
  /** defaults to 30 days from today; not in the past */
  valid_until: Type.Optional(Nullable(DateOnly)),
  notes: Type.Optional(Nullable(LongText(10_000))),
};

export const EstimationCreate = Type.Object(editable);
export const EstimationUpdate = Type.Object(
  Object.fromEntries(
    Object.entries(editable).map(([k, v]) => [k, Type.Optional(v)]),
  ) as unknown as typeof editable,
);

export const EstimationStatus = Type.Union(ESTIMATION_STATUSES.map((s) => Type.Literal(s)));

export const EstimationPublic = Type.Object({
  ...EntityFields,
  number: Type.String({ description: 'EST-000001, shared by all revisions' }),
  revision: Type.Integer({ minimum: 1 }),
  previous_id: Nullable(Id),
  rfq_id: Nullable(Id),
  customer_id: Id,
  customer_name: Type.String({ description: 'Read-only' }),
  rfq_number: Nullable(Type.String({ description: 'Read-only' })),
  title: Nullable(Type.String()),
  ...PricedFields,
  valid_until: Nullable(DateOnly),
  status: EstimationStatus,
  notes: Nullable(Type.String()),
  sent_at: Nullable(Timestamp),
  decided_at: Nullable(Timestamp),
  decided_by: Nullable(Id),
  decision_reason: Nullable(Type.String()),
  project_id: Nullable(Id),
  sales_order_id: Nullable(Id),
  created_by: Nullable(Id),
});

/** The same, with the caller's allowed actions: what the extra routes (revise, revisions) answer. */
export const EstimationWithActions = Type.Object(
  { ...EstimationPublic.properties, allowed_actions: Type.Array(Type.String()) },
  { title: 'EstimationRevision' },
);
export const RevisionList = Type.Object(
  { items: Type.Array(EstimationWithActions) },
  { title: 'EstimationRevisions' },
);

export const estimationListSpec: ListSpec = {
  table: estimations,
  idColumn: estimations.id,
  archivedColumn: estimations.archived_at,
  defaultSort: '-created_at',
  sortable: {
    number: { column: estimations.number },
    status: { column: estimations.status },
    valid_until: { column: estimations.valid_until, nullable: true },
    created_at: { column: estimations.created_at },
    updated_at: { column: estimations.updated_at },
  },
  searchable: [estimations.number, estimations.title],
  filters: {
    customer_id: { column: estimations.customer_id, kind: 'uuid' },
    rfq_id: { column: estimations.rfq_id, kind: 'uuid' },
    project_id: { column: estimations.project_id, kind: 'uuid' },
    status: { column: estimations.status, kind: 'enum', values: ESTIMATION_STATUSES },
    number: { column: estimations.number, kind: 'text' },
    valid_until: { column: estimations.valid_until, kind: 'range', format: 'date' },
    created_at: { column: estimations.created_at, kind: 'range', format: 'date-time' },
  },
};

export const ESTIMATION_CSV_COLUMNS = [
  'id',
  'number',
  'revision',
  'rfq_id',
  'customer_id',
  'title',
  'currency',
  'tax_rate',
  'subtotal',
  'tax_amount',
  'total',
  'valid_until',
  'status',
  'sent_at',
  'decided_at',
  'decision_reason',
  'project_id',
  'sales_order_id',
  'created_at',
  'updated_at',
  'version',
  'archived_at',
] as const;
