import { Type } from 'typebox';
import { INVOICING_STATUSES, SALES_ORDER_STATUSES, salesOrders } from '../../db/schema/index.ts';
import type { ListSpec } from '../../lib/list.ts';
import { DateOnly, EntityFields, Id, LongText, Nullable } from '../../lib/schemas.ts';
import { Currency, LineInput, PricedFields, TaxRate } from '../commercial/pricing.ts';

/**
 * A sales order made by hand (an accepted quote makes its own). Priced like a quote; the customer
 * is fixed once created, and a project must be that customer's.
 */
const editable = {
  customer_id: Id,
  project_id: Type.Optional(Nullable(Id)),
  lines: Type.Optional(Type.Array(LineInput, { maxItems: 200, default: [] })),
  tax_rate: Type.Optional(Nullable(TaxRate)),
  currency: Type.Optional(Nullable(Currency)),
  /** defaults to today */
  order_date: Type.Optional(Nullable(DateOnly)),
  notes: Type.Optional(Nullable(LongText(10_000))),
};

export const SalesOrderCreate = Type.Object(editable);
export const SalesOrderUpdate = Type.Object(
  Object.fromEntries(
    Object.entries(editable).map(([k, v]) => [k, Type.Optional(v)]),
  ) as unknown as typeof editable,
);

export const SalesOrderPublic = Type.Object({
  ...EntityFields,
  number: Type.String({ description: 'SO-000001' }),
  customer_id: Id,
  customer_name: Type.String({ description: 'Read-only' }),
  project_id: Nullable(Id),
  project_number: Nullable(Type.String({ description: 'Read-only' })),
  estimation_id: Nullable(Id),
  ...PricedFields,
  order_date: DateOnly,
  status: Type.Union(SALES_ORDER_STATUSES.map((s) => Type.Literal(s))),
  invoicing_status: Type.Union(INVOICING_STATUSES.map((s) => Type.Literal(s))),
  invoice_number: Nullable(Type.String()),
  invoice_date: Nullable(DateOnly),
  paid_date: Nullable(DateOnly),
  status_reason: Nullable(Type.String({ description: 'The reason given with cancel' })),
  notes: Nullable(Type.String()),
});

export const salesOrderListSpec: ListSpec = {
  table: salesOrders,
  idColumn: salesOrders.id,
  archivedColumn: salesOrders.archived_at,
  defaultSort: '-created_at',
  sortable: {
    number: { column: salesOrders.number },
    order_date: { column: salesOrders.order_date },
    status: { column: salesOrders.status },
    created_at: { column: salesOrders.created_at },
    updated_at: { column: salesOrders.updated_at },
  },
  searchable: [salesOrders.number, salesOrders.invoice_number, salesOrders.notes],
  filters: {
    customer_id: { column: salesOrders.customer_id, kind: 'uuid' },
    project_id: { column: salesOrders.project_id, kind: 'uuid' },
    estimation_id: { column: salesOrders.estimation_id, kind: 'uuid' },
    status: { column: salesOrders.status, kind: 'enum', values: SALES_ORDER_STATUSES },
    order_date: { column: salesOrders.order_date, kind: 'range', format: 'date' },
    invoicing_status: { column: salesOrders.invoicing_status, kind: 'enum', values: INVOICING_STATUSES },
    invoice_date: { column: salesOrders.invoice_date, kind: 'range', format: 'date' },
    created_at: { column: salesOrders.created_at, kind: 'range', format: 'date-time' },
  },
};

export const SALES_ORDER_CSV_COLUMNS = [
  'id',
  'number',
  'customer_id',
  'project_id',
  'estimation_id',
  'currency',
  'tax_rate',
  'subtotal',
  'tax_amount',
  'total',
  'order_date',
  'status',
  'invoicing_status',
  'invoice_number',
  'invoice_date',
  'paid_date',
  'notes',
  'created_at',
  'updated_at',
  'version',
  'archived_at',
] as const;
