import { Type } from 'typebox';
import { CERTIFICATION_STATUSES, certifications } from '../../db/schema/index.ts';
import type { ListSpec } from '../../lib/list.ts';
import { DateOnly, EntityFields, Id, Nullable, Timestamp } from '../../lib/schemas.ts';
import { SignaturePublic } from '../../lib/signatures.ts';

export const CertificationStatus = Type.Union(CERTIFICATION_STATUSES.map((s) => Type.Literal(s)));

const editable = {
  customer_id: Id,
  project_id: Type.Optional(Nullable(Id)),
  product: Type.String({ minLength: 1, maxLength: 300, description: 'The certified product' }),
  standard: Type.String({ minLength: 1, maxLength: 300, description: 'The standard it conforms to' }),
  scope: Type.String({ minLength: 1, maxLength: 2000 }),
  specification_id: Type.String({
    format: 'uuid',
    description: 'The specification every named result must pass',
  }),
  result_ids: Type.Array(Id, {
    minItems: 1,
    maxItems: 500,
    uniqueItems: true,
    description: 'Approved, current results of this customer that pass the specification',
  }),
  expiry_date: DateOnly,
  notes: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
};

export const CertificationCreate = Type.Object(editable);
export const CertificationUpdate = Type.Object(
  Object.fromEntries(
    Object.entries(editable).map(([k, v]) => [k, Type.Optional(v)]),
  ) as unknown as typeof editable,
);

export const CertificationPublic = Type.Object({
  ...EntityFields,
  number: Type.String(),
  customer_id: Id,
  customer_name: Nullable(Type.String()),
  project_id: Nullable(Id),
  product: Type.String(),
  standard: Type.String(),
  scope: Type.String(),
  specification_id: Id,
  specification_code: Nullable(Type.String()),
  result_ids: Type.Array(Id),
  expiry_date: Type.String({ format: 'date' }),
  issue_date: Nullable(Type.String({ format: 'date' })),
  days_to_expiry: Type.Integer({ description: 'Negative once expired' }),
  status: CertificationStatus,
  verify_code: Type.String(),
  notes: Nullable(Type.String()),
  pdf_sha256: Nullable(Type.String()),
  pdf_size: Nullable(Type.Integer()),
  issued_at: Nullable(Timestamp),
  issued_by: Nullable(Id),
  suspended_at: Nullable(Timestamp),
  suspend_reason: Nullable(Type.String()),
  revoked_at: Nullable(Timestamp),
  revoke_reason: Nullable(Type.String()),
  expired_at: Nullable(Timestamp),
  signatures: Type.Array(SignaturePublic),
  preview_url: Type.String({ description: 'Same-origin URL of the inline PDF, valid a few minutes' }),
});

export const ReasonBody = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 2000 }) },
  { additionalProperties: false },
);

export const certificationListSpec: ListSpec = {
  table: certifications,
  idColumn: certifications.id,
  archivedColumn: certifications.archived_at,
  sortable: {
    created_at: { column: certifications.created_at },
    updated_at: { column: certifications.updated_at },
    number: { column: certifications.number },
    expiry_date: { column: certifications.expiry_date },
    issue_date: { column: certifications.issue_date, nullable: true },
    status: { column: certifications.status },
  },
  defaultSort: '-created_at',
  searchable: [certifications.number, certifications.product, certifications.standard, certifications.scope],
  filters: {
    customer_id: { column: certifications.customer_id, kind: 'uuid' },
    project_id: { column: certifications.project_id, kind: 'uuid' },
    specification_id: { column: certifications.specification_id, kind: 'uuid' },
    status: { column: certifications.status, kind: 'enum', values: CERTIFICATION_STATUSES },
    expiry_date: { column: certifications.expiry_date, kind: 'range', format: 'date' },
    issue_date: { column: certifications.issue_date, kind: 'range', format: 'date' },
  },
};

export const CERTIFICATION_CSV_COLUMNS = [
  'number',
  'status',
  'customer_name',
  'product',
  'standard',
  'specification_code',
  'issue_date',
  'expiry_date',
  'pdf_sha256',
] as const;
