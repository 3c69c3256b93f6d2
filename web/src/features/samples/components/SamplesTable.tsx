import { Button, Checkbox } from '@mantine/core';
import { IconPrinter, IconSquareCheck } from '@tabler/icons-react';
import { type ReactNode, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { DataTable } from '../../../components/data-table/DataTable';
import type { ExportFormat } from '../../../components/data-table/download';
import type { Column, ListQuery } from '../../../components/data-table/types';
import { formatDate } from '../../../lib/format';
import { notifyError } from '../../../lib/notify';
import {
  CONDITION_LABELS,
  exportSamples,
  labelsPdf,
  listSamples,
  type Sample,
  type SamplesQuery,
  STATUS_LABELS,
  sampleKeys,
} from '../api';
import { openPdf } from './openPdf';
import { ConditionBadge, SampleStatusBadge } from './SampleBadges';

/** Record numbers read as one word: never broken across lines. */
const NoWrap = ({ children }: { children: string }) => (
  <span style={{ whiteSpace: 'nowrap' }}>{children}</span>
);

const LINK_FILTERS = ['project_id', 'trf_id', 'parent_id'] as const;

/**
 * Samples, for the lab (with a selection for printing labels in a batch) or the portal (the
 * customer's own, read-only). Selections survive paging and filtering, up to the API's 500 labels.
 */
export function SamplesTable({
  portal = false,
  actions,
  emptyAction,
}: {
  portal?: boolean;
  actions?: ReactNode;
  emptyAction?: ReactNode;
}) {
  const [params] = useSearchParams();
  // Links from a project, TRF or parent sample narrow the list by id (no control to show for them).
  const narrowed = Object.fromEntries(
    LINK_FILTERS.map((name) => [name, params.get(name)]).filter(([, v]) => v),
  ) as Record<string, string>;
  const [selected, setSelected] = useState<Map<string, string>>(new Map());
  const [printing, setPrinting] = useState(false);
  const shown = useRef<Sample[]>([]);
  const toggle = (s: Sample) =>
    setSelected((prev) => {
      const next = new Map(prev);
      if (next.has(s.id)) next.delete(s.id);
      else next.set(s.id, s.number);
      return next;
    });
  const selectShown = () =>
    setSelected((prev) => {
      const next = new Map(prev);
      for (const s of shown.current) next.set(s.id, s.number);
      return next;
    });
  const print = async () => {
    setPrinting(true);
    try {
      await openPdf(() => labelsPdf([...selected.keys()]), 'sample-labels.pdf');
    } catch (error) {
      notifyError(error, 'Could not print the labels');
    } finally {
      setPrinting(false);
    }
  };

  const columns: Column<Sample>[] = [
    { key: 'number', header: 'Sample', sortable: true, render: (s: Sample) => <NoWrap>{s.number}</NoWrap> },
    { key: 'description', header: 'Description' },
    { key: 'project_number', header: 'Project', render: (s: Sample) => <NoWrap>{s.project_number}</NoWrap> },
    ...(portal ? [] : [{ key: 'customer_name', header: 'Customer', hiddenByDefault: true }]),
    {
      key: 'trf_number',
      header: 'TRF item',
      render: (s: Sample) => (s.trf_number ? <NoWrap>{`${s.trf_number} / ${s.trf_item_no}`}</NoWrap> : '—'),
    },
    {
      key: 'parent_number',
      header: 'Split from',
      hiddenByDefault: true,
      render: (s: Sample) => s.parent_number ?? '—',
    },
    {
      key: 'condition',
      header: 'Condition',
      width: 140,
      render: (s: Sample) => <ConditionBadge condition={s.condition} />,
    },
    {
      key: 'status',
      header: 'Status',
      sortable: true,
      width: 130,
      render: (s: Sample) => <SampleStatusBadge status={s.status} archived={Boolean(s.archived_at)} />,
    },
    {
      key: 'storage_location',
      header: 'Stored at',
      hiddenByDefault: portal,
      render: (s: Sample) => s.storage_location ?? '—',
    },
    {
      key: 'received_date',
      header: 'Received',
      sortable: true,
      render: (s: Sample) => <NoWrap>{formatDate(s.received_date)}</NoWrap>,
    },
    // last, not first: the first cell of a row is its link to the sample
    ...(portal
      ? []
      : [
          {
            key: 'select',
            header: 'Label',
            width: 60,
            render: (s: Sample) => (
              <Checkbox
                aria-label={`Select ${s.number}`}
                checked={selected.has(s.id)}
                onChange={() => toggle(s)}
              />
            ),
          },
        ]),
  ];

  const selection = !portal && (
    <>
      <Button variant="default" leftSection={<IconSquareCheck size={16} aria-hidden />} onClick={selectShown}>
        Select page
      </Button>
      {selected.size > 0 && (
        <Button variant="subtle" onClick={() => setSelected(new Map())}>
          Clear
        </Button>
      )}
      <Button
        leftSection={<IconPrinter size={16} aria-hidden />}
        disabled={selected.size === 0 || selected.size > 500}
        loading={printing}
        onClick={print}
        title={selected.size > 500 ? 'At most 500 labels at a time' : undefined}
      >
        Print labels{selected.size ? ` (${selected.size})` : ''}
      </Button>
    </>
  );

  return (
    <DataTable<Sample>
      id={portal ? 'portal-samples' : 'samples'}
      noun="samples"
      queryKey={[...sampleKeys.list(), narrowed]}
      fetchPage={async (q: ListQuery) => {
        const page = await listSamples({ ...q, ...narrowed } as SamplesQuery);
        shown.current = page.items;
        return page;
      }}
      exportFile={
        portal
          ? undefined
          : (q: ListQuery, format: ExportFormat) => exportSamples({ ...q, ...narrowed }, format)
      }
      columns={columns}
      getRowId={(s) => s.id}
      rowHref={(s) => (portal ? `/portal/samples/${s.id}` : `/samples/${s.id}`)}
      searchable
      archivable={!portal}
      defaultSort="-created_at"
      filters={[
        {
          name: 'status',
          label: 'Status',
          type: 'select',
          options: Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label })),
        },
        {
          name: 'condition',
          label: 'Condition',
          type: 'select',
          options: Object.entries(CONDITION_LABELS).map(([value, label]) => ({ value, label })),
        },
        { name: 'received_date_from', label: 'Received from', type: 'date' },
        { name: 'received_date_to', label: 'Received to', type: 'date' },
      ]}
      actions={
        <>
          {selection}
          {actions}
        </>
      }
      emptyState={{
        title: 'No samples yet',
        description: portal
          ? 'Samples you send appear here once the laboratory has received them.'
          : 'Register samples as they arrive, one by one or pasted from a spreadsheet.',
        action: emptyAction,
      }}
    />
  );
}
