import { Type } from 'typebox';
import { REPORT_STATUSES, reports } from '../../db/schema/index.ts';
import type { ListSpec } from '../../lib/list.ts';
import { EntityFields, Id, Nullable, Timestamp } from '../../lib/schemas.ts';
import { SignaturePublic } from '../../lib/signatures.ts';

export const ReportStatus = Type.Union(REPORT_STATUSES.map((s) => Type.Literal(s)));

const SampleIds = Type.Array(Id, {
  maxItems: 1000,
  uniqueItems: true,
  description: 'Samples to report; omitted or empty = every sample of the project with approved results',
});
const Title = Type.String({ minLength: 1, maxLength: 200 });

export const ReportCreate = Type.Object({
  project_id: Id,
  sample_ids: Type.Optional(SampleIds),
  title: Type.Optional(Nullable(Title)),
});

/** Only the title of a report not yet issued may be edited; its content comes from the results. */
export const ReportUpdate = Type.Object({
  project_id: Type.Optional(Id),
  sample_ids: Type.Optional(SampleIds),
  title: Type.Optional(Nullable(Title)),
});

export const ReportPublic = Type.Object({
  ...EntityFields,
  number: Type.String({ description: 'RPT-000001; every revision of a report keeps it' }),
  revision: Type.Integer({ minimum: 1 }),
  identification: Type.String({ description: 'Number and revision as printed: "RPT-000001 rev 2"' }),
  project_id: Id,
  project_number: Nullable(Type.String()),
  customer_id: Id,
  customer_name: Nullable(Type.String()),
  sample_ids: Type.Array(Id),
  title: Nullable(Type.String()),
  status: ReportStatus,
  progress: Type.Integer({ minimum: 0, maximum: 100, description: 'Generation progress in percent' }),
  job_id: Nullable(Id),
  error: Nullable(Type.String()),
  verify_code: Type.String({ description: 'Public verification code (/verify/{code})' }),
  pdf_sha256: Nullable(Type.String({ description: 'SHA-256 of the PDF; fixed at issue' })),
  pdf_size: Nullable(Type.Integer()),
  page_count: Nullable(Type.Integer()),
  generated_at: Nullable(Timestamp),
  issue_date: Nullable(Type.String({ format: 'date' })),
  issued_at: Nullable(Timestamp),
  issued_by: Nullable(Id),
  supersedes_id: Nullable(Id),
  superseded_by_id: Nullable(Id),
  superseded_at: Nullable(Timestamp),
  amendment_reason: Nullable(Type.String()),
  what_changed: Nullable(Type.String()),
  revoked_at: Nullable(Timestamp),
  revoke_reason: Nullable(Type.String()),
  signatures: Type.Array(SignaturePublic),
  preview_url: Nullable(
    Type.String({ description: 'Same-origin URL of the inline PDF, valid a few minutes (for an iframe)' }),
  ),
});

export const AmendBody = Type.Object(
  {
    reason: Type.String({ minLength: 3, maxLength: 2000, description: 'Why the report is amended' }),
    what_changed: Type.String({ minLength: 3, maxLength: 2000, description: 'What the new version changes' }),
    sample_ids: Type.Optional(SampleIds),
    title: Type.Optional(Nullable(Title)),
  },
  { additionalProperties: false, title: 'ReportAmendment' },
);

export const RevokeBody = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 2000 }) },
  { additionalProperties: false, title: 'ReportRevocation' },
);

export const reportListSpec: ListSpec = {
  table: reports,
  idColumn: reports.id,
  archivedColumn: reports.archived_at,
  sortable: {
    created_at: { column: reports.created_at },
    updated_at: { column: reports.updated_at },
    number: { column: reports.number },
    status: { column: reports.status },
    issue_date: { column: reports.issue_date, nullable: true },
  },
  defaultSort: '-created_at',
  searchable: [reports.number, reports.title],
  filters: {
    project_id: { column: reports.project_id, kind: 'uuid' },
    customer_id: { column: reports.customer_id, kind: 'uuid' },
    status: { column: reports.status, kind: 'enum', values: REPORT_STATUSES },
    created_at: { column: reports.created_at, kind: 'range' },
    issue_date: { column: reports.issue_date, kind: 'range', format: 'date' },
  },
};

export const REPORT_CSV_COLUMNS = [
  'number',
  'revision',
  'status',
  'project_number',
  'customer_name',
  'title',
  'page_count',
  'issue_date',
  'pdf_sha256',
  'created_at',
] as const;
