import { Text } from '@mantine/core';
import { DataTable } from '../../../components/data-table/DataTable';
import type { ExportFormat } from '../../../components/data-table/download';
import type { Column, ListQuery } from '../../../components/data-table/types';
import { VerdictChip } from '../../../components/ui/VerdictChip';
import { formatDateTime } from '../../../lib/format';
import {
  exportResults,
  formatValue,
  listResults,
  RESULT_STATUS_LABELS,
  type ResultsQuery,
  resultKeys,
  type TestResult,
  VERDICT_LABELS,
} from '../api';
import { ResultStatusBadge } from './ResultStatusBadge';

const columns: Column<TestResult>[] = [
  {
    key: 'sample_number',
    header: 'Sample',
    render: (r) => (
      <Text ff="monospace" size="sm">
        {r.sample_number}
      </Text>
    ),
  },
  { key: 'parameter', header: 'Parameter', sortable: true },
  { key: 'value', header: 'Value', render: (r) => formatValue(r) },
  {
    key: 'overall_verdict',
    header: 'Verdict',
    sortable: true,
    render: (r) => (
      <VerdictChip verdict={r.overall_verdict} reason={r.verdicts.map((v) => v.reason).join('; ')} />
    ),
  },
  { key: 'status', header: 'Status', sortable: true, render: (r) => <ResultStatusBadge result={r} /> },
  { key: 'project_number', header: 'Project' },
  { key: 'method_code', header: 'Method' },
  {
    key: 'entered_by_name',
    header: 'Entered by',
    render: (r) => r.entered_by_name ?? '—',
    hiddenByDefault: true,
  },
  {
    key: 'approved_by_name',
    header: 'Approved by',
    render: (r) => r.approved_by_name ?? '—',
    hiddenByDefault: true,
  },
  { key: 'created_at', header: 'Entered', sortable: true, render: (r) => formatDateTime(r.created_at) },
];

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** Results with their verdicts (within `fixed` filters: a plan, an execution…); for a customer the server lists only approved results of its own projects. */
export function ResultsTable({ portal = false, fixed = {} }: { portal?: boolean; fixed?: ResultsQuery }) {
  return (
    <DataTable<TestResult>
      id={portal ? 'portal-results' : 'test-results'}
      noun="results"
      queryKey={resultKeys.list(fixed)}
      fetchPage={(q: ListQuery) => listResults({ ...(q as ResultsQuery), ...fixed })}
      exportFile={(q: ListQuery, format: ExportFormat) => exportResults({ ...q, ...fixed }, format)}
      columns={portal ? columns.filter((c) => !['status', 'entered_by_name'].includes(c.key)) : columns}
      getRowId={(r) => r.id}
      rowHref={(r) => `/test-results/${r.id}`}
      searchable
      archivable={!portal}
      defaultSort="-created_at"
      filters={[
        { name: 'overall_verdict', label: 'Verdict', type: 'select', options: options(VERDICT_LABELS) },
        ...(portal
          ? []
          : [
              {
                name: 'status',
                label: 'Status',
                type: 'select' as const,
                options: options(RESULT_STATUS_LABELS),
              },
            ]),
        { name: 'parameter', label: 'Parameter', type: 'text' },
      ]}
      emptyState={{
        title: portal ? 'No approved results yet' : 'No results yet',
        description: portal
          ? 'Results appear here once the laboratory has approved them.'
          : 'Results are entered at the bench, on a test plan’s grid.',
      }}
    />
  );
}
