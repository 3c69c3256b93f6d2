import type { ReactNode } from 'react';
import { DataTable } from '../../../components/data-table/DataTable';
import type { Column, ListQuery } from '../../../components/data-table/types';
import { formatDate } from '../../../lib/format';
import { exportRfqs, listRfqs, RFQ_STATUS_LABELS, type Rfq, type RfqsQuery, rfqKeys } from '../api';
import { RfqStatusBadge } from './RfqStatusBadge';

/**
 * RFQs in the shared table. `customerView` drops the customer column (a portal customer only sees
 * its own) and links rows to the portal pages.
 */
export function RfqsTable({
  actions,
  emptyAction,
  customerView = false,
}: {
  actions?: ReactNode;
  emptyAction?: ReactNode;
  customerView?: boolean;
}) {
  const columns: Column<Rfq>[] = [
    { key: 'number', header: 'Number', sortable: true },
    { key: 'title', header: 'Title', sortable: true },
    ...(customerView ? [] : [{ key: 'customer_name', header: 'Customer' }]),
    {
      key: 'status',
      header: 'Status',
      sortable: true,
      render: (r) => <RfqStatusBadge status={r.status} archived={Boolean(r.archived_at)} />,
    },
    { key: 'received_date', header: 'Received', sortable: true, render: (r) => formatDate(r.received_date) },
    { key: 'due_date', header: 'Due', sortable: true, render: (r) => formatDate(r.due_date) },
    { key: 'quantity', header: 'Items', render: (r) => r.quantity ?? '—', hiddenByDefault: true },
    {
      key: 'created_at',
      header: 'Created',
      sortable: true,
      render: (r) => formatDate(r.created_at),
      hiddenByDefault: true,
    },
  ];
  return (
    <DataTable<Rfq>
      id={customerView ? 'my-rfqs' : 'rfqs'}
      noun="requests"
      queryKey={rfqKeys.list()}
      fetchPage={(q: ListQuery) => listRfqs(q as RfqsQuery)}
      exportFile={customerView ? undefined : exportRfqs}
      columns={columns}
      getRowId={(r) => r.id}
      rowHref={(r) => (customerView ? `/portal/requests/${r.id}` : `/rfqs/${r.id}`)}
      searchable
      archivable={!customerView}
      defaultSort="-created_at"
      filters={[
        {
          name: 'status',
          label: 'Status',
          type: 'select',
          options: Object.entries(RFQ_STATUS_LABELS).map(([value, label]) => ({ value, label })),
        },
        { name: 'received_date_from', label: 'Received from', type: 'date' },
        { name: 'received_date_to', label: 'Received to', type: 'date' },
      ]}
      actions={actions}
      emptyState={{
        title: customerView ? 'No requests yet' : 'No RFQs yet',
        description: customerView
          ? 'Ask the laboratory for a quotation: describe your product and the tests you need.'
          : 'Requests for quotation arrive from customers (or the portal) and become quotes.',
        action: emptyAction,
      }}
    />
  );
}
