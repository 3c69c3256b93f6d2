import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';
import { DataTable } from '../../../components/data-table/DataTable';
import type { Column, ListQuery } from '../../../components/data-table/types';
import { StatusBadge } from '../../../components/ui/StatusBadge';
import { formatDateTime } from '../../../lib/format';
import { exportUsers, listUsers, type User, type UsersQuery, userKeys } from '../api';
import { ROLE_OPTIONS } from './roles';

const roleLabel = (role: string) => ROLE_OPTIONS.find((r) => r.value === role)?.label ?? role;

const columns: Column<User>[] = [
  { key: 'email', header: 'E-mail', sortable: true },
  { key: 'full_name', header: 'Name', sortable: true },
  { key: 'role', header: 'Role', render: (u) => <Badge variant="outline">{roleLabel(u.role)}</Badge> },
  {
    key: 'is_active',
    header: 'Status',
    render: (u) => <StatusBadge archived={Boolean(u.archived_at)} active={u.is_active} />,
  },
  {
    key: 'last_login_at',
    header: 'Last sign-in',
    sortable: true,
    render: (u) => formatDateTime(u.last_login_at),
  },
  {
    key: 'created_at',
    header: 'Created',
    sortable: true,
    render: (u) => formatDateTime(u.created_at),
    hiddenByDefault: true,
  },
];

export function UsersTable({ actions }: { actions?: ReactNode }) {
  return (
    <DataTable<User>
      id="users"
      noun="users"
      queryKey={userKeys.list()}
      fetchPage={(q: ListQuery) => listUsers(q as UsersQuery)}
      exportFile={exportUsers}
      columns={columns}
      getRowId={(u) => u.id}
      rowHref={(u) => `/users/${u.id}`}
      searchable
      archivable
      defaultSort="email"
      filters={[
        {
          name: 'role',
          label: 'Role',
          type: 'select',
          options: ROLE_OPTIONS.map(({ value, label }) => ({ value, label })),
        },
        {
          name: 'is_active',
          label: 'Status',
          type: 'select',
          options: [
            { value: 'true', label: 'Active' },
            { value: 'false', label: 'Deactivated' },
          ],
        },
      ]}
      actions={actions}
    />
  );
}
