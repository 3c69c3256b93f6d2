import { Type } from 'typebox';
import { PURCHASE_ORDER_STATUSES, purchaseOrders } from '../../db/schema/index.ts';
import type { ListSpec } from '../../lib/list.ts';
import { DateOnly, EntityFields, Id, LongText, Money, Nullable, Text, Timestamp } from '../../lib/schemas.ts';
import { Currency, TaxRate } from '../commercial/pricing.ts';

const decimal = (description: string) =>
  Type.Union(
    [Type.String({ pattern: '^\\d{1,10}(\\.\\d{1,4})?$' }), Type.Number({ minimum: 0, maximum: 1e10 })],
    { description },
  );

export const PurchaseOrderLineInput = Type.Object(
  {
    id: Type.Optional(
      Type.String({ maxLength: 64, description: 'Keep a line’s id when editing; omit for a new line' }),
    ),
    item_code: Type.Optional(Nullable(Text(100))),
    description: Text(500, 1),
    quantity: decimal('> 0, up to 4 decimals'),
    unit: Type.Optional(Nullable(Text(30))),
    unit_price: decimal('≥ 0; rounded half-up to cents'),
  },
  { additionalProperties: false, title: 'PurchaseOrderLineInput' },
);

export const PurchaseOrderLine = Type.Object(
  {
    id: Type.String(),
    item_code: Nullable(Type.String()),
    description: Type.String(),
    quantity: Type.String(),
    unit: Nullable(Type.String()),
    unit_price: Money,
    line_total: Money,
    received_quantity: Type.String(),
  },
  { title: 'PurchaseOrderLine' },
);

const editable = {
  supplier_id: Id,
  lines: Type.Optional(Type.Array(PurchaseOrderLineInput, { maxItems: 200, default: [] })),
  tax_rate: Type.Optional(Nullable(TaxRate)),
  currency: Type.Optional(Nullable(Currency)),
  /** defaults to today */
  order_date: Type.Optional(Nullable(DateOnly)),
  due_date: Type.Optional(Nullable(DateOnly)),
  notes: Type.Optional(Nullable(LongText(10_000))),
};

export const PurchaseOrderCreate = Type.Object(editable);
export const PurchaseOrderUpdate = Type.Object(
  Object.fromEntries(
    Object.entries(editable).map(([k, v]) => [k, Type.Optional(v)]),
  ) as unknown as typeof editable,
);

export const PurchaseOrderPublic = Type.Object({
  ...EntityFields,
  number: Type.String({ description: 'PO-000001' }),
  supplier_id: Id,
  supplier_name: Type.String({ description: 'Read-only' }),
  supplier_approval_status: Type.String({ description: 'Read-only' }),
  lines: Type.Array(PurchaseOrderLine),
  currency: Type.String(),
  tax_rate: Type.String(),
  subtotal: Money,
  tax_amount: Money,
  total: Money,
  order_date: DateOnly,
  due_date: Nullable(DateOnly),
  status: Type.Union(PURCHASE_ORDER_STATUSES.map((s) => Type.Literal(s))),
  submitted_by: Nullable(Id),
  submitted_at: Nullable(Timestamp),
  approved_by: Nullable(Id),
  approved_at: Nullable(Timestamp),
  ordered_at: Nullable(Timestamp),
  received_at: Nullable(Timestamp),
  status_reason: Nullable(Type.String()),
  notes: Nullable(Type.String()),
});

export const ReasonBody = Type.Object(
  { reason: Text(2000, 1), version: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false, title: 'PurchaseOrderReason' },
);

export const ReceiptCreate = Type.Object(
  {
    lines: Type.Array(
      Type.Object(
        {
          line_id: Type.String({ minLength: 1, maxLength: 64 }),
          quantity: decimal('> 0; at most what is still outstanding on the line'),
          note: Type.Optional(Nullable(Text(1000))),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 200 },
    ),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'Same as If-Match' })),
  },
  { additionalProperties: false, title: 'PurchaseOrderReceiptCreate' },
);

export const ReceiptPublic = Type.Object(
  {
    id: Id,
    purchase_order_id: Id,
    line_id: Type.String(),
    quantity: Type.String(),
    note: Nullable(Type.String()),
    received_by: Nullable(Id),
    received_by_name: Nullable(Type.String()),
    created_at: Timestamp,
  },
  { title: 'PurchaseOrderReceipt' },
);

export const purchaseOrderListSpec: ListSpec = {
  table: purchaseOrders,
  idColumn: purchaseOrders.id,
  archivedColumn: purchaseOrders.archived_at,
  defaultSort: '-created_at',
  sortable: {
    number: { column: purchaseOrders.number },
    order_date: { column: purchaseOrders.order_date },
    due_date: { column: purchaseOrders.due_date, nullable: true },
    status: { column: purchaseOrders.status },
    created_at: { column: purchaseOrders.created_at },
    updated_at: { column: purchaseOrders.updated_at },
  },
  searchable: [purchaseOrders.number, purchaseOrders.notes],
  filters: {
    supplier_id: { column: purchaseOrders.supplier_id, kind: 'uuid' },
    status: { column: purchaseOrders.status, kind: 'enum', values: PURCHASE_ORDER_STATUSES },
    order_date: { column: purchaseOrders.order_date, kind: 'range', format: 'date' },
    due_date: { column: purchaseOrders.due_date, kind: 'range', format: 'date' },
    created_at: { column: purchaseOrders.created_at, kind: 'range', format: 'date-time' },
  },
};

export const PURCHASE_ORDER_CSV_COLUMNS = [
  'id',
  'number',
  'supplier_id',
  'supplier_name',
  'currency',
  'tax_rate',
  'subtotal',
  'tax_amount',
  'total',
  'order_date',
  'due_date',
  'status',
  'submitted_at',
  'approved_at',
  'ordered_at',
  'received_at',
  'notes',
  'created_at',
  'updated_at',
  'version',
  'archived_at',
] as const;
