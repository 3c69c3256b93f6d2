import { Badge, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { DataTable } from '../../../components/data-table/DataTable';
import type { Column, ListQuery } from '../../../components/data-table/types';
import { formatDate } from '../../../lib/format';
import {
  exportNcrs,
  listNcrs,
  NCR_SEVERITY_LABELS,
  NCR_SOURCE_LABELS,
  NCR_STATUS_LABELS,
  type Ncr,
  type NcrsQuery,
  ncrKeys,
} from '../api';
import { NcrStatusBadge, SeverityBadge } from './NcrBadges';

const columns: Column<Ncr>[] = [
  { key: 'number', header: 'Number', sortable: true },
  { key: 'title', header: 'Title' },
  {
    key: 'severity',
    header: 'Severity',
    sortable: true,
    render: (n) => <SeverityBadge severity={n.severity} />,
  },
  { key: 'status', header: 'State', sortable: true, render: (n) => <NcrStatusBadge ncr={n} /> },
  { key: 'source', header: 'Source', render: (n) => NCR_SOURCE_LABELS[n.source] },
  { key: 'owner_name', header: 'Owner', render: (n) => n.owner_name ?? '—' },
  {
    key: 'open_action_count',
    header: 'Open actions',
    render: (n) =>
      n.overdue_action_count > 0 ? (
        <Badge color="red" variant="light">
          {n.open_action_count} ({n.overdue_action_count} overdue)
        </Badge>
      ) : (
        <Text size="sm">{n.open_action_count}</Text>
      ),
  },
  { key: 'created_at', header: 'Raised', sortable: true, render: (n) => formatDate(n.created_at) },
];

export function NcrsTable({ emptyAction }: { emptyAction?: ReactNode }) {
  return (
    <DataTable<Ncr>
      id="ncrs"
      noun="NCRs"
      queryKey={ncrKeys.list()}
      fetchPage={(q: ListQuery) => listNcrs(q as NcrsQuery)}
      exportFile={exportNcrs}
      columns={columns}
      getRowId={(n) => n.id}
      rowHref={(n) => `/ncrs/${n.id}`}
      searchable
      archivable
      defaultSort="-created_at"
      filters={[
        {
          name: 'status',
          label: 'State',
          type: 'select',
          options: Object.entries(NCR_STATUS_LABELS).map(([value, label]) => ({ value, label })),
        },
        {
          name: 'severity',
          label: 'Severity',
          type: 'select',
          options: Object.entries(NCR_SEVERITY_LABELS).map(([value, label]) => ({ value, label })),
        },
        {
          name: 'source',
          label: 'Source',
          type: 'select',
          options: Object.entries(NCR_SOURCE_LABELS).map(([value, label]) => ({ value, label })),
        },
        {
          name: 'overdue',
          label: 'Overdue actions',
          type: 'select',
          options: [
            { value: 'true', label: 'With overdue actions' },
            { value: 'false', label: 'None overdue' },
          ],
        },
      ]}
      emptyState={{
        title: 'No NCRs',
        description:
          'Non-conformances are raised by hand, from audit findings, or drafted by a failed calibration.',
        action: emptyAction,
      }}
    />
  );
}
