import type { ReactNode } from 'react';
import { DataTable } from '../../../components/data-table/DataTable';
import type { Column, ListQuery } from '../../../components/data-table/types';
import { StateBadge } from '../../../components/ui/StateBadge';
import { formatDate } from '../../../lib/format';
import { formatMoney } from '../../../lib/money';
import {
  exportPurchaseOrders,
  listPurchaseOrders,
  PO_STATUS_LOOKS,
  type PurchaseOrder,
  type PurchaseOrdersQuery,
  purchaseOrderKeys,
} from '../api';

const columns: Column<PurchaseOrder>[] = [
  { key: 'number', header: 'Number', sortable: true },
  { key: 'supplier_name', header: 'Supplier' },
  { key: 'order_date', header: 'Ordered', sortable: true, render: (o) => formatDate(o.order_date) },
  { key: 'due_date', header: 'Due', sortable: true, render: (o) => formatDate(o.due_date) },
  {
    key: 'status',
    header: 'Status',
    sortable: true,
    render: (o) => <StateBadge status={o.status} looks={PO_STATUS_LOOKS} archived={!!o.archived_at} />,
  },
  { key: 'total', header: 'Total', render: (o) => formatMoney(o.total, o.currency) },
];

export function PurchaseOrdersTable({ emptyAction }: { emptyAction?: ReactNode }) {
  return (
    <DataTable<PurchaseOrder>
      id="purchase-orders"
      noun="purchase orders"
      queryKey={purchaseOrderKeys.list()}
      fetchPage={(q: ListQuery) => listPurchaseOrders(q as PurchaseOrdersQuery)}
      exportFile={exportPurchaseOrders}
      columns={columns}
      getRowId={(o) => o.id}
      rowHref={(o) => `/purchase-orders/${o.id}`}
      searchable
      archivable
      defaultSort="-created_at"
      filters={[
        {
          name: 'status',
          label: 'Status',
          type: 'select',
          options: Object.entries(PO_STATUS_LOOKS).map(([value, look]) => ({ value, label: look.label })),
        },
        { name: 'due_date_from', label: 'Due from', type: 'date' },
        { name: 'due_date_to', label: 'Due to', type: 'date' },
      ]}
      emptyState={{
        title: 'No purchase orders yet',
        description: 'Order reagents, consumables and services from approved suppliers.',
        action: emptyAction,
      }}
    />
  );
}
