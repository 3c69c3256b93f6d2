import type { ReactNode } from 'react';
import { DataTable } from '../../../components/data-table/DataTable';
import type { Column, ListQuery } from '../../../components/data-table/types';
import { StatusBadge } from '../../../components/ui/StatusBadge';
import { formatDate } from '../../../lib/format';
import { type Customer, type CustomersQuery, customerKeys, exportCustomers, listCustomers } from '../api';

const columns: Column<Customer>[] = [
  { key: 'company_name', header: 'Company', sortable: true },
  { key: 'email', header: 'E-mail', sortable: true },
  { key: 'contact_person', header: 'Contact person', render: (c) => c.contact_person ?? '—' },
  { key: 'phone', header: 'Phone', render: (c) => c.phone ?? '—', hiddenByDefault: true },
  {
    key: 'is_active',
    header: 'Status',
    render: (c) => <StatusBadge archived={Boolean(c.archived_at)} active={c.is_active} />,
  },
  { key: 'created_at', header: 'Created', sortable: true, render: (c) => formatDate(c.created_at) },
  {
    key: 'updated_at',
    header: 'Updated',
    sortable: true,
    render: (c) => formatDate(c.updated_at),
    hiddenByDefault: true,
  },
];

export function CustomersTable({ actions, emptyAction }: { actions?: ReactNode; emptyAction?: ReactNode }) {
  return (
    <DataTable<Customer>
      id="customers"
      noun="customers"
      queryKey={customerKeys.list()}
      fetchPage={(q: ListQuery) => listCustomers(q as CustomersQuery)}
      exportFile={exportCustomers}
      columns={columns}
      getRowId={(c) => c.id}
      rowHref={(c) => `/customers/${c.id}`}
      searchable
      archivable
      defaultSort="-created_at"
      filters={[
        {
          name: 'is_active',
          label: 'Status',
          type: 'select',
          options: [
            { value: 'true', label: 'Active' },
            { value: 'false', label: 'Inactive' },
          ],
        },
      ]}
      actions={actions}
      emptyState={{
        title: 'No customers yet',
        description: 'Customers are the companies that send samples and receive reports.',
        action: emptyAction,
      }}
    />
  );
}
