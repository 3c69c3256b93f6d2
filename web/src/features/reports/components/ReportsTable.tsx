import type { ReactNode } from 'react';
import { DataTable } from '../../../components/data-table/DataTable';
import type { Column, ListQuery } from '../../../components/data-table/types';
import { StateBadge } from '../../../components/ui/StateBadge';
import { formatDate, formatDateTime } from '../../../lib/format';
import { exportReports, listReports, REPORT_LOOKS, type Report, type ReportsQuery, reportKeys } from '../api';

const columns: Column<Report>[] = [
  { key: 'number', header: 'Number', sortable: true, render: (r) => r.identification },
  { key: 'title', header: 'Title', render: (r) => r.title ?? '—' },
  { key: 'customer_name', header: 'Customer' },
  { key: 'project_number', header: 'Project' },
  {
    key: 'status',
    header: 'Status',
    sortable: true,
    render: (r) => (
      <>
        <StateBadge status={r.status} looks={REPORT_LOOKS} archived={Boolean(r.archived_at)} />
        {(r.status === 'queued' || r.status === 'generating') && ` ${r.progress} %`}
      </>
    ),
  },
  { key: 'issue_date', header: 'Issued', sortable: true, render: (r) => formatDate(r.issue_date) },
  { key: 'page_count', header: 'Pages', render: (r) => r.page_count ?? '—', hiddenByDefault: true },
  { key: 'created_at', header: 'Created', sortable: true, render: (r) => formatDateTime(r.created_at) },
];

export function ReportsTable({ emptyAction }: { emptyAction?: ReactNode }) {
  return (
    <DataTable<Report>
      id="reports"
      noun="reports"
      queryKey={reportKeys.list()}
      fetchPage={(q: ListQuery) => listReports(q as ReportsQuery)}
      exportFile={exportReports}
      columns={columns}
      getRowId={(r) => r.id}
      rowHref={(r) => `/reports/${r.id}`}
      searchable
      archivable
      defaultSort="-created_at"
      filters={[
        {
          name: 'status',
          label: 'Status',
          type: 'select',
          options: Object.entries(REPORT_LOOKS).map(([value, look]) => ({ value, label: look.label })),
        },
        { name: 'issue_date_from', label: 'Issued from', type: 'date' },
        { name: 'issue_date_to', label: 'Issued to', type: 'date' },
      ]}
      emptyState={{
        title: 'No reports yet',
        description: 'Generate a report once a project has approved results; it is built in the background.',
        action: emptyAction,
      }}
    />
  );
}
