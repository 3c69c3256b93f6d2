import { Badge } from '@mantine/core';
import { IconArchive, IconCircleCheck, IconHistory } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { DataTable } from '../../../components/data-table/DataTable';
import type { Column, ListQuery } from '../../../components/data-table/types';
import { formatDate } from '../../../lib/format';
import {
  exportSpecifications,
  listSpecifications,
  type Specification,
  type SpecificationsQuery,
  specificationKeys,
} from '../api';

/** Current, superseded or archived: by word and icon, never by colour alone. */
export function RevisionBadge({ spec }: { spec: Pick<Specification, 'status' | 'archived_at'> }) {
  if (spec.archived_at)
    return (
      <Badge color="gray" variant="light" leftSection={<IconArchive size={12} aria-hidden />}>
        Archived
      </Badge>
    );
  return spec.status === 'active' ? (
    <Badge color="green" variant="light" leftSection={<IconCircleCheck size={12} aria-hidden />}>
      Current
    </Badge>
  ) : (
    <Badge color="gray" variant="outline" leftSection={<IconHistory size={12} aria-hidden />}>
      Superseded
    </Badge>
  );
}

const columns: Column<Specification>[] = [
  { key: 'code', header: 'Code', sortable: true },
  { key: 'name', header: 'Name', sortable: true },
  { key: 'revision', header: 'Rev.', sortable: true, render: (s) => s.revision },
  { key: 'limits', header: 'Limits', render: (s) => s.limits.length },
  { key: 'source', header: 'Source', render: (s) => s.source ?? '—', hiddenByDefault: true },
  { key: 'status', header: 'Status', render: (s) => <RevisionBadge spec={s} /> },
  { key: 'updated_at', header: 'Updated', sortable: true, render: (s) => formatDate(s.updated_at) },
];

export function SpecificationsTable({ emptyAction }: { emptyAction?: ReactNode }) {
  return (
    <DataTable<Specification>
      id="specifications"
      noun="specifications"
      queryKey={specificationKeys.list()}
      fetchPage={(q: ListQuery) => listSpecifications(q as SpecificationsQuery)}
      exportFile={exportSpecifications}
      columns={columns}
      getRowId={(s) => s.id}
      rowHref={(s) => `/specifications/${s.id}`}
      searchable
      archivable
      defaultSort="code"
      filters={[
        {
          name: 'status',
          label: 'Revision',
          type: 'select',
          options: [
            { value: 'active', label: 'Current' },
            { value: 'superseded', label: 'Superseded' },
          ],
        },
        { name: 'code', label: 'Code', type: 'text', placeholder: 'e.g. REACH' },
      ]}
      emptyState={{
        title: 'No specifications yet',
        description:
          'Specifications are the limit sets results are judged against: regulations, standards, buyer protocols.',
        action: emptyAction,
      }}
    />
  );
}
