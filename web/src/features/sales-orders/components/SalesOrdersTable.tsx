import type { ReactNode } from 'react';
import { DataTable } from '../../../components/data-table/DataTable';
import type { Column, ListQuery } from '../../../components/data-table/types';
import { formatDate } from '../../../lib/format';
import { formatMoney } from '../../../lib/money';
import {
  exportSalesOrders,
  INVOICING_LABELS,
  listSalesOrders,
  SALES_ORDER_STATUS_LABELS,
  type SalesOrder,
  type SalesOrdersQuery,
  salesOrderKeys,
} from '../api';

const columns: Column<SalesOrder>[] = [
  { key: 'number', header: 'Number', sortable: true },
  { key: 'customer_name', header: 'Customer' },
  { key: 'project_number', header: 'Project', render: (o) => o.project_number ?? '—' },
  { key: 'order_date', header: 'Ordered', sortable: true, render: (o) => formatDate(o.order_date) },
  { key: 'status', header: 'Status', sortable: true, render: (o) => SALES_ORDER_STATUS_LABELS[o.status] },
  { key: 'total', header: 'Total', render: (o) => formatMoney(o.total, o.currency) },
  {
    key: 'invoicing_status',
    header: 'Invoicing',
    render: (o) => INVOICING_LABELS[o.invoicing_status],
    hiddenByDefault: true,
  },
];

export function SalesOrdersTable({ actions, emptyAction }: { actions?: ReactNode; emptyAction?: ReactNode }) {
  return (
    <DataTable<SalesOrder>
      id="sales-orders"
      noun="sales orders"
      queryKey={salesOrderKeys.list()}
      fetchPage={(q: ListQuery) => listSalesOrders(q as SalesOrdersQuery)}
      exportFile={exportSalesOrders}
      columns={columns}
      getRowId={(o) => o.id}
      rowHref={(o) => `/sales-orders/${o.id}`}
      searchable
      archivable
      defaultSort="-created_at"
      filters={[
        {
          name: 'status',
          label: 'Status',
          type: 'select',
          options: Object.entries(SALES_ORDER_STATUS_LABELS).map(([value, label]) => ({ value, label })),
        },
        { name: 'order_date_from', label: 'Ordered from', type: 'date' },
        { name: 'order_date_to', label: 'Ordered to', type: 'date' },
      ]}
      actions={actions}
      emptyState={{
        title: 'No sales orders yet',
        description:
          'Accepting a quote makes its sales order; orders without a quote can be entered by hand.',
        action: emptyAction,
      }}
    />
  );
}
