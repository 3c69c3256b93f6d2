import type { ReactNode } from 'react';
import { DataTable } from '../../../components/data-table/DataTable';
import type { Column, ListQuery } from '../../../components/data-table/types';
import { StatusBadge } from '../../../components/ui/StatusBadge';
import { formatDate } from '../../../lib/format';
import { exportMethods, listMethods, type Method, type MethodsQuery, methodKeys } from '../api';
import { AccreditedBadge } from './AccreditedBadge';

export const formatPrice = (m: Pick<Method, 'default_price' | 'currency'>) =>
  m.default_price == null ? '—' : `${m.default_price} ${m.currency}`;

const nowrap = (text: ReactNode) => <span style={{ whiteSpace: 'nowrap' }}>{text}</span>;

const columns: Column<Method>[] = [
  { key: 'code', header: 'Code', sortable: true, render: (m) => nowrap(m.code) },
  { key: 'title', header: 'Title', sortable: true },
  { key: 'standard_reference', header: 'Standard', render: (m) => m.standard_reference ?? '—' },
  { key: 'parameters', header: 'Parameters', render: (m) => m.parameters.length, hiddenByDefault: true },
  { key: 'default_price', header: 'Price', render: (m) => nowrap(formatPrice(m)) },
  { key: 'tat_days', header: 'TAT', render: (m) => nowrap(m.tat_days == null ? '—' : `${m.tat_days} d`) },
  {
    key: 'accredited',
    header: 'Accredited',
    width: 130,
    render: (m) => <AccreditedBadge accredited={m.accredited} compact />,
  },
  {
    key: 'is_active',
    header: 'Status',
    width: 120,
    render: (m) => <StatusBadge archived={Boolean(m.archived_at)} active={m.is_active} />,
  },
  {
    key: 'created_at',
    header: 'Created',
    sortable: true,
    render: (m) => formatDate(m.created_at),
    hiddenByDefault: true,
  },
];

export function MethodsTable({ emptyAction }: { emptyAction?: ReactNode }) {
  return (
    <DataTable<Method>
      id="methods"
      noun="methods"
      queryKey={methodKeys.list()}
      fetchPage={(q: ListQuery) => listMethods(q as MethodsQuery)}
      exportFile={exportMethods}
      columns={columns}
      getRowId={(m) => m.id}
      rowHref={(m) => `/methods/${m.id}`}
      searchable
      archivable
      defaultSort="code"
      filters={[
        {
          name: 'accredited',
          label: 'Accreditation',
          type: 'select',
          options: [
            { value: 'true', label: 'Accredited' },
            { value: 'false', label: 'Not accredited' },
          ],
        },
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
      emptyState={{
        title: 'No methods yet',
        description: 'The test catalogue lists what the lab can test, to which standard, at what price.',
        action: emptyAction,
      }}
    />
  );
}
