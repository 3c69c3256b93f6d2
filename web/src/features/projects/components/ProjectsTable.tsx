import type { ReactNode } from 'react';
import { DataTable } from '../../../components/data-table/DataTable';
import type { Column, ListQuery } from '../../../components/data-table/types';
import { formatDate } from '../../../lib/format';
import {
  exportProjects,
  listProjects,
  PROJECT_STATUS_LABELS,
  type Project,
  type ProjectsQuery,
  projectKeys,
} from '../api';
import { ProjectStatusBadge } from './ProjectStatusBadge';

/** Projects in the shared table; `customerView` is the portal's "My projects". */
export function ProjectsTable({
  actions,
  emptyAction,
  customerView = false,
}: {
  actions?: ReactNode;
  emptyAction?: ReactNode;
  customerView?: boolean;
}) {
  const columns: Column<Project>[] = [
    { key: 'number', header: 'Code', sortable: true },
    { key: 'name', header: 'Name', sortable: true },
    ...(customerView ? [] : [{ key: 'customer_name', header: 'Customer' }]),
    {
      key: 'status',
      header: 'Status',
      sortable: true,
      render: (p) => <ProjectStatusBadge status={p.status} archived={Boolean(p.archived_at)} />,
    },
    { key: 'due_date', header: 'Due', sortable: true, render: (p) => formatDate(p.due_date) },
    ...(customerView
      ? []
      : [{ key: 'manager_name', header: 'Manager', render: (p: Project) => p.manager_name ?? '—' }]),
    {
      key: 'created_at',
      header: 'Created',
      sortable: true,
      render: (p) => formatDate(p.created_at),
      hiddenByDefault: true,
    },
  ];
  return (
    <DataTable<Project>
      id={customerView ? 'my-projects' : 'projects'}
      noun="projects"
      queryKey={projectKeys.list()}
      fetchPage={(q: ListQuery) => listProjects(q as ProjectsQuery)}
      exportFile={customerView ? undefined : exportProjects}
      columns={columns}
      getRowId={(p) => p.id}
      rowHref={(p) => (customerView ? `/portal/projects/${p.id}` : `/projects/${p.id}`)}
      searchable
      archivable={!customerView}
      defaultSort="-created_at"
      filters={[
        {
          name: 'status',
          label: 'Status',
          type: 'select',
          options: Object.entries(PROJECT_STATUS_LABELS).map(([value, label]) => ({ value, label })),
        },
        { name: 'due_date_to', label: 'Due by', type: 'date' },
      ]}
      actions={actions}
      emptyState={{
        title: 'No projects yet',
        description: customerView
          ? 'A project opens when you accept a quote.'
          : 'Projects open when a quote is accepted, or by hand for work without a quote.',
        action: emptyAction,
      }}
    />
  );
}
