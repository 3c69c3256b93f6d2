import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { DataTable } from '../../../components/data-table/DataTable';
import type { Column, ListQuery } from '../../../components/data-table/types';
import { formatDate } from '../../../lib/format';
import {
  exportPlans,
  listPlans,
  PLAN_STATUS_LABELS,
  PRIORITY_LABELS,
  planKeys,
  type TestPlan,
  type TestPlansQuery,
} from '../api';
import { PlanStatusBadge, PriorityBadge, planProgress } from './PlanBadges';

const columns: Column<TestPlan>[] = [
  {
    key: 'name',
    header: 'Plan',
    sortable: true,
    render: (p) => p.name || `${p.method_code} on ${p.sample_ids.length} sample(s)`,
  },
  { key: 'project_number', header: 'Project' },
  {
    key: 'method_code',
    header: 'Method',
    render: (p) => <span title={p.method_title}>{p.method_code}</span>,
  },
  { key: 'status', header: 'Status', sortable: true, render: (p) => <PlanStatusBadge status={p.status} /> },
  {
    key: 'progress',
    header: 'Executions done',
    render: (p) => {
      const { done, total } = planProgress(p);
      return (
        <Text size="sm" ff="monospace">
          {done} / {total}
        </Text>
      );
    },
  },
  {
    key: 'priority',
    header: 'Priority',
    sortable: true,
    render: (p) => <PriorityBadge priority={p.priority} />,
  },
  { key: 'engineer_name', header: 'Engineer', render: (p) => p.engineer_name ?? '—' },
  { key: 'due_date', header: 'Due', sortable: true, render: (p) => formatDate(p.due_date) },
  {
    key: 'decision_rule',
    header: 'Decision rule',
    render: (p) => (p.decision_rule === 'guarded' ? 'Guarded' : 'Simple'),
    hiddenByDefault: true,
  },
  {
    key: 'created_at',
    header: 'Created',
    sortable: true,
    render: (p) => formatDate(p.created_at),
    hiddenByDefault: true,
  },
];

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

export function PlansTable({ actions, emptyAction }: { actions?: ReactNode; emptyAction?: ReactNode }) {
  return (
    <DataTable<TestPlan>
      id="test-plans"
      noun="test plans"
      queryKey={planKeys.list()}
      fetchPage={(q: ListQuery) => listPlans(q as TestPlansQuery)}
      exportFile={exportPlans}
      columns={columns}
      getRowId={(p) => p.id}
      rowHref={(p) => `/test-plans/${p.id}`}
      searchable
      archivable
      defaultSort="-created_at"
      filters={[
        { name: 'status', label: 'Status', type: 'select', options: options(PLAN_STATUS_LABELS) },
        { name: 'priority', label: 'Priority', type: 'select', options: options(PRIORITY_LABELS) },
        {
          name: 'decision_rule',
          label: 'Decision rule',
          type: 'select',
          options: [
            { value: 'simple', label: 'Simple' },
            { value: 'guarded', label: 'Guarded' },
          ],
        },
      ]}
      actions={actions}
      emptyState={{
        title: 'No test plans yet',
        description:
          'A plan tests samples of a project by a method and judges the results against specifications.',
        action: emptyAction,
      }}
    />
  );
}
