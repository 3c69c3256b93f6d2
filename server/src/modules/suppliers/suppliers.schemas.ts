import { Type } from 'typebox';
import { SUPPLIER_CATEGORIES, SUPPLIER_STATUSES, suppliers } from '../../db/schema/index.ts';
import type { ListSpec } from '../../lib/list.ts';
import { DateOnly, Email, EntityFields, Id, LongText, Nullable, Text } from '../../lib/schemas.ts';
import { CustomerContact } from '../customers/customers.schemas.ts';

export const SupplierCategory = Type.Union(
  SUPPLIER_CATEGORIES.map((c) => Type.Literal(c)),
  { description: 'What they supply, as a kind' },
);
export const SupplierStatus = Type.Union(SUPPLIER_STATUSES.map((s) => Type.Literal(s)));

/** Editable fields. The approval status and evaluation only change through the actions. */
const editable = {
  name: Text(200, 1),
  category: Type.Optional(Type.Union([SupplierCategory], { default: 'other' })),
  supplies: Type.Optional(Nullable(Text(1000))),
  email: Type.Optional(Nullable(Email)),
  phone: Type.Optional(Nullable(Text(50))),
  address: Type.Optional(Nullable(Text(1000))),
  website: Type.Optional(Nullable(Text(500))),
  contacts: Type.Optional(Type.Array(CustomerContact, { maxItems: 50, default: [] })),
  next_evaluation_due: Type.Optional(Nullable(DateOnly)),
  notes: Type.Optional(Nullable(LongText(10_000))),
};

export const SupplierCreate = Type.Object(editable);
export const SupplierUpdate = Type.Object(
  Object.fromEntries(
    Object.entries(editable).map(([k, v]) => [k, Type.Optional(v)]),
  ) as unknown as typeof editable,
);

export const SupplierPublic = Type.Object({
  ...EntityFields,
  name: Type.String(),
  category: Type.String(),
  supplies: Nullable(Type.String()),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  address: Nullable(Type.String()),
  website: Nullable(Type.String()),
  contacts: Type.Array(CustomerContact),
  approval_status: SupplierStatus,
  evaluation_notes: Nullable(Type.String()),
  evaluation_date: Nullable(DateOnly),
  next_evaluation_due: Nullable(DateOnly),
  evaluated_by: Nullable(Id),
  notes: Nullable(Type.String()),
});

/** The evaluation behind an approval decision (ISO/IEC 17025 §6.6.2 c: record the evaluation). */
export const EvaluationBody = Type.Object(
  {
    evaluation_notes: Type.Optional(Nullable(LongText(10_000))),
    evaluation_date: Type.Optional(Nullable(DateOnly)),
    next_evaluation_due: Type.Optional(Nullable(DateOnly)),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false, title: 'SupplierEvaluation' },
);

export const supplierListSpec: ListSpec = {
  table: suppliers,
  idColumn: suppliers.id,
  archivedColumn: suppliers.archived_at,
  defaultSort: '-created_at',
  sortable: {
    name: { column: suppliers.name },
    created_at: { column: suppliers.created_at },
    updated_at: { column: suppliers.updated_at },
    approval_status: { column: suppliers.approval_status },
    next_evaluation_due: { column: suppliers.next_evaluation_due, nullable: true },
  },
  searchable: [suppliers.name, suppliers.supplies, suppliers.email],
  filters: {
    approval_status: { column: suppliers.approval_status, kind: 'enum', values: SUPPLIER_STATUSES },
    category: { column: suppliers.category, kind: 'enum', values: SUPPLIER_CATEGORIES },
    next_evaluation_due: { column: suppliers.next_evaluation_due, kind: 'range', format: 'date' },
    created_at: { column: suppliers.created_at, kind: 'range', format: 'date-time' },
  },
};

export const SUPPLIER_CSV_COLUMNS = [
  'id',
  'name',
  'category',
  'supplies',
  'email',
  'phone',
  'address',
  'website',
  'contacts',
  'approval_status',
  'evaluation_notes',
  'evaluation_date',
  'next_evaluation_due',
  'notes',
  'created_at',
  'updated_at',
  'version',
  'archived_at',
] as const;
