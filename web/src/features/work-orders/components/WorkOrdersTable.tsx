import { Group, Progress, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { DataTable } from '../../../components/data-table/DataTable';
import type { Column, ListQuery } from '../../../components/data-table/types';
import { StateBadge } from '../../../components/ui/StateBadge';
import { formatDate } from '../../../lib/format';
import {
  exportWorkOrders,
  listWorkOrders,
  WO_PRIORITIES,
  WO_STATUS_LOOKS,
  type WorkOrder,
  type WorkOrdersQuery,
  workOrderKeys,
} from '../api';

export function ProgressCell({ order }: { order: WorkOrder }) {
  return (
    <Group gap={6} wrap="nowrap" miw={120}>
      <Progress value={order.progress} size="sm" w={80} aria-label={`${order.progress} % done`} />
      <Text size="xs">{order.progress} %</Text>
    </Group>
  );
}

const columns: Column<WorkOrder>[] = [
  { key: 'number', header: 'Number', sortable: true },
  { key: 'title', header: 'Title' },
  {
    key: 'link',
    header: 'For',
    render: (o) => [o.project_number, o.sales_order_number].filter(Boolean).join(' · ') || '—',
  },
  { key: 'assignee_name', header: 'Assignee', render: (o) => o.assignee_name ?? '—' },
  {
    key: 'priority',
    header: 'Priority',
    render: (o) => WO_PRIORITIES.find((p) => p.value === o.priority)?.label ?? o.priority,
  },
  { key: 'due_date', header: 'Due', sortable: true, render: (o) => formatDate(o.due_date) },
  {
    key: 'status',
    header: 'Status',
    sortable: true,
    render: (o) => <StateBadge status={o.status} looks={WO_STATUS_LOOKS} archived={!!o.archived_at} />,
  },
  { key: 'progress', header: 'Progress', render: (o) => <ProgressCell order={o} /> },
];

export function WorkOrdersTable({ emptyAction }: { emptyAction?: ReactNode }) {
  return (
    <DataTable<WorkOrder>
      id="work-orders"
      noun="work orders"
      queryKey={workOrderKeys.list()}
      fetchPage={(q: ListQuery) => listWorkOrders(q as WorkOrdersQuery)}
      exportFile={exportWorkOrders}
      columns={columns}
      getRowId={(o) => o.id}
      rowHref={(o) => `/work-orders/${o.id}`}
      searchable
      archivable
      defaultSort="-created_at"
      filters={[
        {
          name: 'status',
          label: 'Status',
          type: 'select',
          options: Object.entries(WO_STATUS_LOOKS).map(([value, look]) => ({ value, label: look.label })),
        },
        { name: 'priority', label: 'Priority', type: 'select', options: WO_PRIORITIES },
        { name: 'due_date_to', label: 'Due by', type: 'date' },
      ]}
      emptyState={{
        title: 'No work orders yet',
        description: 'A work order is the lab-floor job for a project or a sales order.',
        action: emptyAction,
      }}
    />
  );
}
