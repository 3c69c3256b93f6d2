import { Type } from 'typebox';
import { customers } from '../../db/schema/index.ts';
import type { ListSpec } from '../../lib/list.ts';
import { Email, EntityFields, LongText, Nullable, Text } from '../../lib/schemas.ts';

export const CustomerContact = Type.Object(
  {
    name: Text(200, 1),
    email: Type.Optional(Nullable(Email)),
    phone: Type.Optional(Nullable(Text(50))),
    role: Type.Optional(Nullable(Text(100))),
  },
  { additionalProperties: false, title: 'CustomerContact' },
);

/** The editable fields, as sent on create (and replaced whole by PUT). */
const editable = {
  company_name: Text(200, 1),
  email: Email,
  phone: Type.Optional(Nullable(Text(50))),
  address: Type.Optional(Nullable(Text(1000))),
  contact_person: Type.Optional(Nullable(Text(200))),
  is_active: Type.Optional(Type.Boolean({ default: true })),
  notes: Type.Optional(Nullable(LongText(10_000))),
  contacts: Type.Optional(Type.Array(CustomerContact, { maxItems: 50, default: [] })),
};

export const CustomerCreate = Type.Object(editable);
export const CustomerUpdate = Type.Object(
  Object.fromEntries(
    Object.entries(editable).map(([k, v]) => [k, Type.Optional(v)]),
  ) as unknown as typeof editable,
);
export const CustomerPublic = Type.Object({
  ...EntityFields,
  company_name: Type.String(),
  email: Type.String(),
  phone: Nullable(Type.String()),
  address: Nullable(Type.String()),
  contact_person: Nullable(Type.String()),
  is_active: Type.Boolean(),
  notes: Nullable(Type.String()),
  contacts: Type.Array(CustomerContact),
});

export const customerListSpec: ListSpec = {
  table: customers,
  idColumn: customers.id,
  archivedColumn: customers.archived_at,
  defaultSort: '-created_at',
  sortable: {
    company_name: { column: customers.company_name },
    email: { column: customers.email },
    created_at: { column: customers.created_at },
    updated_at: { column: customers.updated_at },
  },
  searchable: [customers.company_name, customers.email, customers.contact_person],
  filters: {
    is_active: { column: customers.is_active, kind: 'boolean' },
    email: { column: customers.email, kind: 'text' },
    created_at: { column: customers.created_at, kind: 'range', format: 'date-time' },
  },
};

export const CUSTOMER_CSV_COLUMNS = [
  'id',
  'company_name',
  'email',
  'phone',
  'address',
  'contact_person',
  'is_active',
  'notes',
  'contacts',
  'created_at',
  'updated_at',
  'version',
  'archived_at',
] as const;
