import type { ReactNode } from 'react';
import { DataTable } from '../../../components/data-table/DataTable';
import type { Column, ListQuery } from '../../../components/data-table/types';
import { formatDate } from '../../../lib/format';
import { exportTrfs, listTrfs, TRF_STATUS_LABELS, type Trf, type TrfsQuery, trfKeys } from '../api';
import { TrfStatusBadge } from './TrfStatusBadge';

/** Record numbers read as one word: never broken across lines. */
const NoWrap = ({ children }: { children: string }) => (
  <span style={{ whiteSpace: 'nowrap' }}>{children}</span>
);

/** TRFs, for the lab (every customer) or the portal (the customer's own, under /portal). */
export function TrfsTable({
  portal = false,
  actions,
  emptyAction,
}: {
  portal?: boolean;
  actions?: ReactNode;
  emptyAction?: ReactNode;
}) {
  const columns: Column<Trf>[] = [
    { key: 'number', header: 'TRF', sortable: true, render: (t: Trf) => <NoWrap>{t.number}</NoWrap> },
    { key: 'project_number', header: 'Project', render: (t: Trf) => <NoWrap>{t.project_number}</NoWrap> },
    ...(portal ? [] : [{ key: 'customer_name', header: 'Customer' }]),
    {
      key: 'items',
      header: 'Items',
      render: (t: Trf) =>
        `${t.items.length} · ${t.items[0]?.description ?? ''}${t.items.length > 1 ? ' …' : ''}`,
    },
    {
      key: 'status',
      header: 'Status',
      sortable: true,
      width: 140,
      render: (t: Trf) => <TrfStatusBadge status={t.status} archived={Boolean(t.archived_at)} />,
    },
    { key: 'sample_count', header: 'Samples', hiddenByDefault: portal },
    { key: 'signature_name', header: 'Signed by', hiddenByDefault: true },
    { key: 'created_at', header: 'Submitted', sortable: true, render: (t: Trf) => formatDate(t.created_at) },
  ];
  return (
    <DataTable<Trf>
      id={portal ? 'portal-trfs' : 'trfs'}
      noun="test requests"
      queryKey={trfKeys.list()}
      fetchPage={(q: ListQuery) => listTrfs(q as TrfsQuery)}
      exportFile={portal ? undefined : exportTrfs}
      columns={columns}
      getRowId={(t) => t.id}
      rowHref={(t) => (portal ? `/portal/test-requests/${t.id}` : `/trfs/${t.id}`)}
      searchable
      archivable={!portal}
      defaultSort="-created_at"
      filters={[
        {
          name: 'status',
          label: 'Status',
          type: 'select',
          options: Object.entries(TRF_STATUS_LABELS).map(([value, label]) => ({ value, label })),
        },
      ]}
      actions={actions}
      emptyState={{
        title: portal ? 'No test requests yet' : 'No TRFs yet',
        description: portal
          ? 'Submit a test request to tell the laboratory what to test your samples for.'
          : 'Test request forms arrive from customers through the portal, or are filed by staff on their behalf.',
        action: emptyAction,
      }}
    />
  );
}
