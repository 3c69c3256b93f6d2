import { Type } from 'typebox';
import { AUDIT_STATUSES, AUDIT_TYPES, audits, FINDING_KINDS, NCR_SEVERITIES } from '../../db/schema/index.ts';
import type { ListSpec } from '../../lib/list.ts';
import { DateOnly, EntityFields, Id, LongText, Nullable, Text } from '../../lib/schemas.ts';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

const editable = {
  type: literals(AUDIT_TYPES),
  title: Text(200, 1),
  scope: Type.Optional(Nullable(LongText(5000))),
  clauses: Type.Optional(
    Type.Array(Text(200, 1), {
      maxItems: 50,
      uniqueItems: true,
      default: [],
      description: 'Standard clauses audited, e.g. "ISO/IEC 17025 §7.8"',
    }),
  ),
  planned_start: DateOnly,
  planned_end: DateOnly,
  lead_auditor_id: Type.Optional(Nullable(Type.String({ format: 'uuid', description: 'A staff user' }))),
  auditor_ids: Type.Optional(
    Type.Array(Id, { maxItems: 20, uniqueItems: true, default: [], description: 'Further auditors' }),
  ),
  auditee: Type.Optional(Nullable(Text(200))),
  summary: Type.Optional(Nullable(LongText(10_000))),
};

export const AuditCreate = Type.Object(editable);
export const AuditUpdate = Type.Object(
  Object.fromEntries(
    Object.entries(editable).map(([k, v]) => [k, Type.Optional(v)]),
  ) as unknown as typeof editable,
);

export const AuditPublic = Type.Object({
  ...EntityFields,
  number: Type.String(),
  type: literals(AUDIT_TYPES),
  title: Type.String(),
  scope: Nullable(Type.String()),
  clauses: Type.Array(Type.String()),
  planned_start: DateOnly,
  planned_end: DateOnly,
  actual_start: Nullable(DateOnly),
  actual_end: Nullable(DateOnly),
  lead_auditor_id: Nullable(Id),
  auditor_ids: Type.Array(Id),
  auditee: Nullable(Type.String()),
  summary: Nullable(Type.String()),
  cancel_reason: Nullable(Type.String()),
  status: literals(AUDIT_STATUSES),
  // read-only
  lead_auditor_name: Nullable(Type.String()),
  auditor_names: Type.Array(Type.String()),
  finding_count: Type.Integer(),
  major_count: Type.Integer(),
  minor_count: Type.Integer(),
  observation_count: Type.Integer(),
});

export const AuditStart = Type.Object({
  actual_start: Type.Optional(Type.String({ format: 'date', description: 'Default: today' })),
});
export const AuditComplete = Type.Object({
  actual_end: Type.Optional(Type.String({ format: 'date', description: 'Default: today' })),
  summary: Type.Optional(Nullable(LongText(10_000))),
});
export const AuditCancel = Type.Object({ reason: Text(2000, 1) });

export const auditListSpec: ListSpec = {
  table: audits,
  idColumn: audits.id,
  archivedColumn: audits.archived_at,
  defaultSort: '-planned_start',
  sortable: {
    planned_start: { column: audits.planned_start },
    created_at: { column: audits.created_at },
    updated_at: { column: audits.updated_at },
    number: { column: audits.number },
    status: { column: audits.status },
  },
  searchable: [audits.number, audits.title, audits.scope, audits.auditee],
  filters: {
    type: { column: audits.type, kind: 'enum', values: AUDIT_TYPES },
    status: { column: audits.status, kind: 'enum', values: AUDIT_STATUSES },
    lead_auditor_id: { column: audits.lead_auditor_id, kind: 'uuid' },
    planned_start: { column: audits.planned_start, kind: 'range', format: 'date' },
  },
};

export const AUDIT_CSV_COLUMNS = [
  'id',
  'number',
  'type',
  'title',
  'status',
  'clauses',
  'planned_start',
  'planned_end',
  'actual_start',
  'actual_end',
  'lead_auditor_name',
  'auditee',
  'finding_count',
  'major_count',
  'minor_count',
  'observation_count',
  'created_at',
  'updated_at',
  'version',
  'archived_at',
] as const;

// ——— findings ———

export const FindingCreate = Type.Object(
  {
    kind: literals(FINDING_KINDS),
    clause: Type.Optional(Nullable(Text(200))),
    description: Text(5000, 1),
    evidence: Type.Optional(Nullable(LongText(10_000))),
  },
  { additionalProperties: false, title: 'AuditFindingCreate' },
);

export const FindingUpdate = Type.Object(
  {
    kind: Type.Optional(literals(FINDING_KINDS)),
    clause: Type.Optional(Nullable(Text(200))),
    description: Type.Optional(Text(5000, 1)),
    evidence: Type.Optional(Nullable(LongText(10_000))),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'Same as If-Match' })),
  },
  { additionalProperties: false, title: 'AuditFindingUpdate' },
);

export const FindingPublic = Type.Object(
  {
    ...EntityFields,
    audit_id: Id,
    kind: literals(FINDING_KINDS),
    clause: Nullable(Type.String()),
    description: Type.String(),
    evidence: Nullable(Type.String()),
    ncr_id: Nullable(Id),
    ncr_number: Nullable(Type.String()),
    recorded_by: Nullable(Id),
  },
  { title: 'AuditFinding' },
);

export const RaiseNcr = Type.Object(
  {
    title: Type.Optional(Text(200, 1)),
    severity: Type.Optional(literals(NCR_SEVERITIES)),
    owner_id: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
  },
  { additionalProperties: false, title: 'RaiseNcr' },
);
