import type { ReactNode } from 'react';
import { DataTable } from '../../../components/data-table/DataTable';
import type { Column, ListQuery } from '../../../components/data-table/types';
import { formatDate } from '../../../lib/format';
import { formatMoney } from '../../../lib/money';
import {
  exportQuotes,
  listQuotes,
  QUOTE_STATUS_LABELS,
  type Quote,
  type QuotesQuery,
  quoteKeys,
} from '../api';
import { QuoteStatusBadge } from './QuoteStatusBadge';

const columns: Column<Quote>[] = [
  { key: 'number', header: 'Number', sortable: true, render: (q) => `${q.number} rev ${q.revision}` },
  { key: 'title', header: 'Title', render: (q) => q.title ?? '—' },
  { key: 'customer_name', header: 'Customer' },
  { key: 'rfq_number', header: 'RFQ', render: (q) => q.rfq_number ?? '—' },
  {
    key: 'status',
    header: 'Status',
    sortable: true,
    render: (q) => <QuoteStatusBadge status={q.status} archived={Boolean(q.archived_at)} />,
  },
  { key: 'total', header: 'Total', render: (q) => formatMoney(q.total, q.currency) },
  { key: 'valid_until', header: 'Valid until', sortable: true, render: (q) => formatDate(q.valid_until) },
  {
    key: 'created_at',
    header: 'Created',
    sortable: true,
    render: (q) => formatDate(q.created_at),
    hiddenByDefault: true,
  },
];

export function QuotesTable({ actions, emptyAction }: { actions?: ReactNode; emptyAction?: ReactNode }) {
  return (
    <DataTable<Quote>
      id="quotes"
      noun="quotes"
      queryKey={quoteKeys.list()}
      fetchPage={(q: ListQuery) => listQuotes(q as QuotesQuery)}
      exportFile={exportQuotes}
      columns={columns}
      getRowId={(q) => q.id}
      rowHref={(q) => `/quotes/${q.id}`}
      searchable
      archivable
      defaultSort="-created_at"
      filters={[
        {
          name: 'status',
          label: 'Status',
          type: 'select',
          options: Object.entries(QUOTE_STATUS_LABELS).map(([value, label]) => ({ value, label })),
        },
        { name: 'valid_until_to', label: 'Valid until before', type: 'date' },
      ]}
      actions={actions}
      emptyState={{
        title: 'No quotes yet',
        description:
          'Quotes are priced from the catalogue, usually for an RFQ: open one and choose “Make quote”.',
        action: emptyAction,
      }}
    />
  );
}
