import { Type } from 'typebox';
import { DOCUMENT_CATEGORIES, DOCUMENT_KINDS, DOCUMENT_STATUSES, documents } from '../../db/schema/index.ts';
import type { ListSpec } from '../../lib/list.ts';
import { DateOnly, EntityFields, Id, LongText, Nullable, Text, Timestamp } from '../../lib/schemas.ts';
import { LINK_ENTITY_TYPES } from './links.ts';

const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const DocumentKind = literals(DOCUMENT_KINDS);
export const DocumentCategory = literals(DOCUMENT_CATEGORIES);
export const DocumentStatus = literals(DOCUMENT_STATUSES);
export const LinkEntityType = Type.String({
  enum: LINK_ENTITY_TYPES,
  description: `One of ${LINK_ENTITY_TYPES.join(', ')}`,
});

export const DocumentVersionPublic = Type.Object(
  {
    id: Id,
    document_id: Id,
    version: Type.Integer({ minimum: 1 }),
    filename: Type.String(),
    content_type: Type.String({ description: 'Detected from the content' }),
    size: Type.Integer({ minimum: 0 }),
    sha256: Type.String({ description: 'Hex SHA-256 of the stored bytes' }),
    change_note: Nullable(Type.String()),
    uploaded_by: Nullable(Id),
    uploaded_by_name: Nullable(Type.String()),
    uploaded_at: Timestamp,
    is_current: Type.Boolean({ description: 'The version in force (approved, or latest attachment)' }),
  },
  { title: 'DocumentVersion' },
);

export const DocumentLinkPublic = Type.Object(
  {
    id: Id,
    document_id: Id,
    entity_type: Type.String(),
    entity_id: Id,
    created_at: Timestamp,
  },
  { title: 'DocumentLink' },
);

/** The latest file, on list rows (one batched query per page). */
const FileSummary = Type.Object({
  version: Type.Integer(),
  filename: Type.String(),
  content_type: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  uploaded_at: Timestamp,
});

export const DocumentPublic = Type.Object({
  ...EntityFields,
  number: Type.String(),
  title: Type.String(),
  description: Nullable(Type.String()),
  kind: DocumentKind,
  category: Nullable(DocumentCategory),
  status: DocumentStatus,
  customer_visible: Type.Boolean(),
  latest_version: Type.Integer(),
  current_version: Nullable(Type.Integer()),
  effective_date: Nullable(DateOnly),
  approved_by: Nullable(Id),
  approved_at: Nullable(Timestamp),
  review_note: Nullable(Type.String({ description: 'Why the last review sent it back to draft' })),
  created_by: Nullable(Id),
  latest_file: Nullable(FileSummary),
  allowed_actions: Type.Array(Type.String(), { description: 'Actions the caller may take now' }),
});

export const DocumentDetail = Type.Object(
  {
    ...DocumentPublic.properties,
    versions: Type.Array(DocumentVersionPublic, { description: 'Newest first' }),
    links: Type.Array(DocumentLinkPublic),
  },
  { title: 'DocumentDetail' },
);

/** Editable after upload (PATCH). Kind and status change only through upload and actions. */
const editable = {
  title: Text(300, 1),
  description: Nullable(LongText(5000)),
  category: Nullable(DocumentCategory),
  customer_visible: Type.Boolean(),
};
export const DocumentUpdate = Type.Object(
  {
    ...Object.fromEntries(Object.entries(editable).map(([k, v]) => [k, Type.Optional(v)])),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'Same as If-Match' })),
  },
  { additionalProperties: false, title: 'DocumentUpdate' },
);

/**
 * The text fields of the multipart upload (`POST /documents`), validated like a JSON body. The
 * file part is `file`. Documented for OpenAPI; the handler parses the stream itself.
 */
export const DocumentUploadFields = Type.Object(
  {
    title: Type.Optional(Text(300, 1)),
    description: Type.Optional(LongText(5000)),
    kind: Type.Optional(DocumentKind),
    category: Type.Optional(DocumentCategory),
    customer_visible: Type.Optional(Type.Boolean()),
    change_note: Type.Optional(Text(1000)),
    entity_type: Type.Optional(LinkEntityType),
    entity_id: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export const VersionUploadFields = Type.Object(
  { change_note: Type.Optional(Text(1000)) },
  { additionalProperties: false },
);

export const LinkCreate = Type.Object(
  { entity_type: LinkEntityType, entity_id: Id },
  { additionalProperties: false, title: 'DocumentLinkCreate' },
);

export const documentListSpec: ListSpec = {
  table: documents,
  idColumn: documents.id,
  archivedColumn: documents.archived_at,
  defaultSort: '-created_at',
  sortable: {
    number: { column: documents.number },
    title: { column: documents.title },
    created_at: { column: documents.created_at },
    updated_at: { column: documents.updated_at },
    effective_date: { column: documents.effective_date, nullable: true },
  },
  searchable: [documents.number, documents.title, documents.description],
  filters: {
    kind: { column: documents.kind, kind: 'enum', values: DOCUMENT_KINDS },
    category: { column: documents.category, kind: 'enum', values: DOCUMENT_CATEGORIES },
    status: { column: documents.status, kind: 'enum', values: DOCUMENT_STATUSES },
    customer_visible: { column: documents.customer_visible, kind: 'boolean' },
    created_at: { column: documents.created_at, kind: 'range', format: 'date-time' },
    effective_date: { column: documents.effective_date, kind: 'range', format: 'date' },
  },
};

export const DOCUMENT_CSV_COLUMNS = [
  'id',
  'number',
  'title',
  'kind',
  'category',
  'status',
  'customer_visible',
  'latest_version',
  'current_version',
  'effective_date',
  'description',
  'created_at',
  'updated_at',
  'version',
  'archived_at',
] as const;
