import type { ReactNode } from 'react';
import { DataTable } from '../../../components/data-table/DataTable';
import type { Column, ListQuery } from '../../../components/data-table/types';
import { formatDate } from '../../../lib/format';
import {
  CATEGORY_LABELS,
  type DocumentRow,
  type DocumentsQuery,
  documentKeys,
  exportDocuments,
  formatBytes,
  KIND_LABELS,
  listDocuments,
} from '../api';
import { DOCUMENT_STATUS_LOOKS, DocumentStatusBadge } from './DocumentStatusBadge';

const columns: Column<DocumentRow>[] = [
  { key: 'number', header: 'Number', sortable: true },
  { key: 'title', header: 'Title', sortable: true },
  { key: 'kind', header: 'Kind', render: (d) => KIND_LABELS[d.kind] },
  { key: 'category', header: 'Category', render: (d) => (d.category ? CATEGORY_LABELS[d.category] : '—') },
  {
    key: 'status',
    header: 'Status',
    render: (d) => <DocumentStatusBadge status={d.status} archived={!!d.archived_at} />,
  },
  { key: 'latest_version', header: 'Version', render: (d) => `v${d.latest_version}` },
  {
    key: 'file',
    header: 'File',
    render: (d) => (d.latest_file ? `${d.latest_file.filename} (${formatBytes(d.latest_file.size)})` : '—'),
    hiddenByDefault: true,
  },
  { key: 'effective_date', header: 'Effective', sortable: true, render: (d) => formatDate(d.effective_date) },
  { key: 'updated_at', header: 'Updated', sortable: true, render: (d) => formatDate(d.updated_at) },
];

const options = (labels: Record<string, string | { label: string }>) =>
  Object.entries(labels).map(([value, label]) => ({
    value,
    label: typeof label === 'string' ? label : label.label,
  }));

export function DocumentsTable({ actions, emptyAction }: { actions?: ReactNode; emptyAction?: ReactNode }) {
  return (
    <DataTable<DocumentRow>
      id="documents"
      noun="documents"
      queryKey={documentKeys.list()}
      fetchPage={(q: ListQuery) => listDocuments(q as DocumentsQuery)}
      exportFile={exportDocuments}
      columns={columns}
      getRowId={(d) => d.id}
      rowHref={(d) => `/documents/${d.id}`}
      searchable
      archivable
      defaultSort="-created_at"
      filters={[
        { name: 'kind', label: 'Kind', type: 'select', options: options(KIND_LABELS) },
        { name: 'category', label: 'Category', type: 'select', options: options(CATEGORY_LABELS) },
        { name: 'status', label: 'Status', type: 'select', options: options(DOCUMENT_STATUS_LOOKS) },
      ]}
      actions={actions}
      emptyState={{
        title: 'No documents yet',
        description:
          'Upload SOPs, methods and forms as controlled documents, or attach photos, scans and data files to records.',
        action: emptyAction,
      }}
    />
  );
}
