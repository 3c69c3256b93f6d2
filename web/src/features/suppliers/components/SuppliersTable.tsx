import type { ReactNode } from 'react';
import { DataTable } from '../../../components/data-table/DataTable';
import type { Column, ListQuery } from '../../../components/data-table/types';
import { StateBadge } from '../../../components/ui/StateBadge';
import { formatDate } from '../../../lib/format';
import {
  categoryLabel,
  exportSuppliers,
  listSuppliers,
  SUPPLIER_CATEGORIES,
  SUPPLIER_STATUS_LOOKS,
  type Supplier,
  type SuppliersQuery,
  supplierKeys,
} from '../api';

const columns: Column<Supplier>[] = [
  { key: 'name', header: 'Name', sortable: true },
  { key: 'category', header: 'Category', render: (s) => categoryLabel(s.category) },
  { key: 'supplies', header: 'Supplies', render: (s) => s.supplies ?? '—' },
  {
    key: 'approval_status',
    header: 'Approval',
    sortable: true,
    render: (s) => (
      <StateBadge status={s.approval_status} looks={SUPPLIER_STATUS_LOOKS} archived={!!s.archived_at} />
    ),
  },
  {
    key: 'next_evaluation_due',
    header: 'Next evaluation',
    sortable: true,
    render: (s) => formatDate(s.next_evaluation_due),
  },
  { key: 'email', header: 'E-mail', render: (s) => s.email ?? '—', hiddenByDefault: true },
];

export function SuppliersTable({ emptyAction }: { emptyAction?: ReactNode }) {
  return (
    <DataTable<Supplier>
      id="suppliers"
      noun="suppliers"
      queryKey={supplierKeys.list()}
      fetchPage={(q: ListQuery) => listSuppliers(q as SuppliersQuery)}
      exportFile={exportSuppliers}
      columns={columns}
      getRowId={(s) => s.id}
      rowHref={(s) => `/suppliers/${s.id}`}
      searchable
      archivable
      defaultSort="name"
      filters={[
        {
          name: 'approval_status',
          label: 'Approval',
          type: 'select',
          options: Object.entries(SUPPLIER_STATUS_LOOKS).map(([value, look]) => ({
            value,
            label: look.label,
          })),
        },
        { name: 'category', label: 'Category', type: 'select', options: SUPPLIER_CATEGORIES },
      ]}
      emptyState={{
        title: 'No suppliers yet',
        description:
          'Record the suppliers of reagents, consumables, equipment and services, then evaluate and approve them (ISO/IEC 17025 §6.6).',
        action: emptyAction,
      }}
    />
  );
}
