import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, session } from '../../api/client';
import { ApiError, type Problem, unwrap } from '../../api/problem';
import type { QueryOf, ResponseOf } from '../../api/types';
import { listExporter, saveBlob } from '../../components/data-table/download';
import { uploadFile } from '../../lib/upload';

export type DocumentDetail = ResponseOf<'documents-get'>;
export type DocumentRow = ResponseOf<'documents-list'>['items'][number];
export type DocumentVersion = DocumentDetail['versions'][number];
export type DocumentsQuery = QueryOf<'documents-list'>;
export type DocumentKind = DocumentDetail['kind'];
export type DocumentStatus = DocumentDetail['status'];
export type DocumentCategory = NonNullable<DocumentDetail['category']>;
export type DocumentAction = 'submit' | 'approve' | 'reject' | 'obsolete';

const BASE = '/api/v1/documents';
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export const documentKeys = {
  all: ['documents'] as const,
  list: () => [...documentKeys.all, 'list'] as const,
  linked: (entityType: string, entityId: string) =>
    [...documentKeys.all, 'linked', entityType, entityId] as const,
  detail: (id: string) => [...documentKeys.all, 'detail', id] as const,
  history: (id: string) => [...documentKeys.all, 'history', id] as const,
};

export const KIND_LABELS: Record<DocumentKind, string> = {
  attachment: 'Attachment',
  controlled: 'Controlled document',
};

export const CATEGORY_LABELS: Record<DocumentCategory, string> = {
  sop: 'SOP',
  method: 'Method',
  form: 'Form',
  policy: 'Policy',
  manual: 'Manual',
  record: 'Record',
};

export const listDocuments = (query: DocumentsQuery) => unwrap(api.GET(BASE, { params: { query } }));

/** Documents to pick from (a calibration's certificate, …): searched by number or title. */
export const documentOptions = {
  queryKey: ['documents', 'options'] as const,
  search: async (q: string) =>
    (await listDocuments({ q: q || undefined, limit: 30, sort: '-created_at' } as DocumentsQuery)).items.map(
      (d) => ({ value: d.id, label: `${d.number} · ${d.title}` }),
    ),
};

/** The list as CSV or an Excel workbook, with the table's filter and sort. */
export const exportDocuments = listExporter(BASE);

export const documentQuery = (id: string) =>
  queryOptions({
    queryKey: documentKeys.detail(id),
    queryFn: () => unwrap(api.GET(`${BASE}/{id}`, { params: { path: { id } } })),
  });

export const useDocument = (id: string) => useQuery(documentQuery(id));

/** The documents attached to one record (the AttachmentsPanel). */
export const useLinkedDocuments = (entityType: string, entityId: string) =>
  useQuery({
    queryKey: documentKeys.linked(entityType, entityId),
    queryFn: () =>
      listDocuments({
        entity_type: entityType,
        entity_id: entityId,
        limit: 100,
        sort: '-created_at',
      } as DocumentsQuery),
  });

export const documentHistory = (id: string, skip: number) =>
  unwrap(api.GET(`${BASE}/{id}/history`, { params: { path: { id }, query: { skip, limit: 20 } } }));

/** A state action; `reject` carries the reason the authors will read. */
export const runDocumentAction = (doc: DocumentDetail, action: DocumentAction, reason?: string) =>
  unwrap(
    api.POST(
      `${BASE}/{id}/${action}` as `${typeof BASE}/{id}/reject`,
      {
        params: { path: { id: doc.id }, header: ifMatch(doc.version) },
        ...(reason !== undefined ? { body: { reason } } : {}),
      } as never,
    ),
  );

export const updateDocument = (
  doc: DocumentDetail,
  body: { title?: string; description?: string | null; customer_visible?: boolean },
) =>
  unwrap(api.PATCH(`${BASE}/{id}`, { params: { path: { id: doc.id }, header: ifMatch(doc.version) }, body }));

export const unlinkDocument = (id: string, linkId: string) =>
  unwrap(api.DELETE(`${BASE}/{id}/links/{linkId}`, { params: { path: { id, linkId } } }));

/** Upload URLs (multipart, sent by lib/upload with a progress bar). */
export const uploadUrl = BASE;
export const versionUploadUrl = (id: string) => `${BASE}/${id}/versions`;

/** Uploads a new document; `fields` are the form's text fields (sent before the file). */
export const uploadDocument = (
  file: File,
  fields: Record<string, string>,
  onProgress?: (fraction: number) => void,
  signal?: AbortSignal,
) => uploadFile<DocumentDetail>({ url: uploadUrl, file, extra: fields, onProgress, signal });

/**
 * Downloads one version through the API (the token goes in a header, so a plain link cannot do
 * it) and saves it under its stored name. Returns the SHA-256 the server sent with it.
 */
export async function downloadDocument(id: string, version: Pick<DocumentVersion, 'version' | 'filename'>) {
  const response = await session.fetch(
    new Request(`${BASE}/${id}/download?version=${version.version}`, { method: 'GET' }),
  );
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as Problem;
    throw new ApiError(response.status, problem);
  }
  saveBlob(await response.blob(), version.filename);
  return response.headers.get('x-content-sha256');
}

export const formatBytes = (size: number) => {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
};
