import {
  Anchor,
  Box,
  Button,
  Group,
  Menu,
  Pagination,
  Paper,
  Select,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import {
  IconArrowDown,
  IconArrowsSort,
  IconArrowUp,
  IconChevronDown,
  IconChevronLeft,
  IconChevronRight,
  IconDownload,
  IconSearch,
} from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { QueryError } from '../ui/QueryState';
import { ColumnChooser } from './ColumnChooser';
import { EXPORT_LABELS, type ExportFormat, saveBlob } from './download';
import { DebouncedInput, FilterControl } from './FilterBar';
import { nextSort, PAGE_SIZES, sortDirection, toApiQuery } from './listState';
import type { Column, FilterDef, ListQuery, PageData } from './types';
import { useHiddenColumns } from './useHiddenColumns';
import { useListState } from './useListState';

export interface DataTableProps<T> {
  /** Names the table for remembered column choices. */
  id: string;
  /** What the rows are, plural ("customers"): used in messages and labels. */
  noun: string;
  queryKey: readonly unknown[];
  fetchPage: (query: ListQuery) => Promise<PageData<T>>;
  columns: Column<T>[];
  getRowId: (row: T) => string;
  /** Row click (and the first cell's link) goes here. */
  rowHref?: (row: T) => string;
  filters?: FilterDef[];
  /** Shows a search box searching the resource's text fields (`q`). */
  searchable?: boolean;
  /** Shows a "Show archived" switch (`archived=true`). */
  archivable?: boolean;
  defaultSort?: string;
  /** CSV or Excel export of the current filter (`format=csv|xlsx`); see download.ts listExporter. */
  exportFile?: (query: ListQuery, format: ExportFormat) => Promise<Blob>;
  /** Shown when there are no rows at all (not when a filter hides them). */
  emptyState?: { title: string; description?: string; action?: ReactNode };
  actions?: ReactNode;
}

const SKELETON_ROWS = 8;
const DEFAULTS_CACHE = new Map<string, { sort?: string }>();
const defaultsFor = (sort?: string) => {
  const key = sort ?? '';
  if (!DEFAULTS_CACHE.has(key)) DEFAULTS_CACHE.set(key, { sort });
  return DEFAULTS_CACHE.get(key)!;
};

/**
 * The server-driven table every list uses. Paging, sort, search and filters live in the URL query
 * (bookmarkable); the server does the work (skip/limit/sort/q/filters); rows link to their detail.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { columns, filters = [], noun } = props;
  const filterNames = filters.map((f) => f.name);
  const { state, update, clear } = useListState(filterNames, defaultsFor(props.defaultSort));
  const { hidden, toggle } = useHiddenColumns(props.id, columns);
  const navigate = useNavigate();
  const [exporting, setExporting] = useState(false);
  const query = toApiQuery(state);
  const result = useQuery({
    queryKey: [...props.queryKey, query],
    queryFn: () => props.fetchPage(query),
    placeholderData: keepPreviousData,
  });
  const visible = columns.filter((c) => !hidden.has(c.key));
  const filtered = Boolean(state.q) || Object.keys(state.filters).length > 0 || state.archived;
  const page = result.data;
  const rows = page?.items ?? [];

  const formats: ExportFormat[] = props.exportFile ? ['csv', 'xlsx'] : [];
  const exportAs = async (format: ExportFormat) => {
    setExporting(true);
    try {
      const query = toApiQuery(state, { csv: true });
      const blob = await props.exportFile!(query, format);
      saveBlob(blob, `${props.id}.${format}`);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Group align="flex-end" gap="sm">
          {props.searchable && (
            <DebouncedInput
              label="Search"
              placeholder={`Search ${noun}`}
              leftSection={<IconSearch size={16} aria-hidden />}
              value={state.q ?? ''}
              onChange={(q) => update({ q }, { replace: true })}
              w={240}
            />
          )}
          {filters.map((filter) => (
            <FilterControl
              key={filter.name}
              filter={filter}
              value={state.filters[filter.name]}
              onChange={(value) => update({ filters: { [filter.name]: value } })}
            />
          ))}
          {props.archivable && (
            <Switch
              label="Show archived"
              checked={state.archived}
              onChange={(event) => update({ archived: event.currentTarget.checked })}
              mb={8}
            />
          )}
        </Group>
        <Group gap="xs">
          {props.actions}
          {formats.length > 0 && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button
                  variant="default"
                  leftSection={<IconDownload size={16} aria-hidden />}
                  rightSection={<IconChevronDown size={14} aria-hidden />}
                  loading={exporting}
                >
                  Export
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>The whole filtered list</Menu.Label>
                {formats.map((format) => (
                  <Menu.Item key={format} onClick={() => exportAs(format)}>
                    {EXPORT_LABELS[format]}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          )}
          <ColumnChooser columns={columns} hidden={hidden} onToggle={toggle} />
        </Group>
      </Group>

      {result.error ? (
        <QueryError error={result.error} onRetry={() => result.refetch()} />
      ) : (
        <Paper withBorder pos="relative" style={{ overflowX: 'auto' }}>
          {result.isFetching && !result.isLoading && <Box className="table-busy" aria-hidden />}
          <Table
            highlightOnHover
            verticalSpacing="sm"
            aria-busy={result.isFetching}
            aria-label={noun[0]!.toUpperCase() + noun.slice(1)}
            data-testid={`table-${props.id}`}
          >
            <Table.Thead>
              <Table.Tr>
                {visible.map((column) => (
                  <Table.Th
                    key={column.key}
                    w={column.width}
                    aria-sort={column.sortable ? sortDirection(state.sort, column.key) : undefined}
                  >
                    {column.sortable ? (
                      <SortButton
                        label={column.header}
                        direction={sortDirection(state.sort, column.key)}
                        onClick={() => update({ sort: nextSort(state.sort, column.key) })}
                      />
                    ) : (
                      column.header
                    )}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.isLoading &&
                Array.from({ length: Math.min(state.limit, SKELETON_ROWS) }, (_, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
                  <Table.Tr key={i} data-testid="skeleton-row">
                    {visible.map((column) => (
                      <Table.Td key={column.key}>
                        <Skeleton h={14} my={3} />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              {!result.isLoading &&
                rows.map((row) => {
                  const href = props.rowHref?.(row);
                  return (
                    <Table.Tr
                      key={props.getRowId(row)}
                      className={href ? 'row-link' : undefined}
                      onClick={(event) => {
                        // let the link, buttons and text selection do their own thing
                        if (!href || (event.target as HTMLElement).closest('a,button,input')) return;
                        if (window.getSelection()?.toString()) return;
                        navigate(href);
                      }}
                    >
                      {visible.map((column, i) => {
                        const content = column.render
                          ? column.render(row)
                          : String((row as Record<string, unknown>)[column.key] ?? '—');
                        return (
                          <Table.Td key={column.key}>
                            {i === 0 && href ? (
                              <Anchor component={Link} to={href} fw={500}>
                                {content}
                              </Anchor>
                            ) : (
                              content
                            )}
                          </Table.Td>
                        );
                      })}
                    </Table.Tr>
                  );
                })}
              {!result.isLoading && rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={visible.length}>
                    <EmptyState
                      filtered={filtered}
                      noun={noun}
                      onClear={clear}
                      emptyState={props.emptyState}
                    />
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Paper>
      )}

      <Pager
        skip={state.skip}
        limit={state.limit}
        page={page}
        noun={noun}
        onSkip={(skip) => update({ skip })}
        onLimit={(limit) => update({ limit })}
      />
    </Stack>
  );
}

function SortButton({
  label,
  direction,
  onClick,
}: {
  label: string;
  direction: 'ascending' | 'descending' | 'none';
  onClick: () => void;
}) {
  const Icon =
    direction === 'ascending' ? IconArrowUp : direction === 'descending' ? IconArrowDown : IconArrowsSort;
  const hint = direction === 'none' ? 'not sorted' : `sorted ${direction}`;
  return (
    <UnstyledButton onClick={onClick} aria-label={`${label}, ${hint}; change sort`} fw={600} fz="sm">
      <Group gap={4} wrap="nowrap">
        {label}
        <Icon size={14} aria-hidden style={{ opacity: direction === 'none' ? 0.4 : 1 }} />
      </Group>
    </UnstyledButton>
  );
}

function EmptyState({
  filtered,
  noun,
  onClear,
  emptyState,
}: {
  filtered: boolean;
  noun: string;
  onClear: () => void;
  emptyState?: DataTableProps<unknown>['emptyState'];
}) {
  if (filtered)
    return (
      <Stack align="center" gap="xs" py="xl">
        <Text fw={500}>No {noun} match this search and filter</Text>
        <Button variant="light" size="xs" onClick={onClear}>
          Clear search and filters
        </Button>
      </Stack>
    );
  return (
    <Stack align="center" gap="xs" py="xl">
      <Text fw={500}>{emptyState?.title ?? `No ${noun} yet`}</Text>
      {emptyState?.description && (
        <Text size="sm" c="dimmed">
          {emptyState.description}
        </Text>
      )}
      {emptyState?.action}
    </Stack>
  );
}

function Pager<T>({
  skip,
  limit,
  page,
  noun,
  onSkip,
  onLimit,
}: {
  skip: number;
  limit: number;
  page: PageData<T> | undefined;
  noun: string;
  onSkip: (skip: number) => void;
  onLimit: (limit: number) => void;
}) {
  const count = page?.items.length ?? 0;
  const total = page?.total;
  const range = count ? `${skip + 1}–${skip + count}` : '0';
  const summary =
    !count && !skip
      ? `No ${noun}`
      : total === undefined
        ? `Showing ${range}`
        : `${range} of ${page?.total_is_estimate ? 'about ' : ''}${total} ${noun}`;
  return (
    <Group justify="space-between" gap="sm" mih={36}>
      <Text size="sm" c="dimmed" aria-live="polite">
        {page ? summary : '\u00a0'}
      </Text>
      <Group gap="sm">
        <Select
          aria-label="Rows per page"
          data={PAGE_SIZES.map(String)}
          value={String(limit)}
          onChange={(v) => v && onLimit(Number(v))}
          w={80}
          allowDeselect={false}
        />
        {total !== undefined ? (
          <Pagination
            total={Math.max(1, Math.ceil(total / limit))}
            value={Math.floor(skip / limit) + 1}
            onChange={(p) => onSkip((p - 1) * limit)}
            getControlProps={(control) => ({ 'aria-label': `${control} page` })}
            getItemProps={(p) => ({ 'aria-label': `Page ${p}` })}
            siblings={1}
            boundaries={1}
          />
        ) : (
          <Group gap={4}>
            <Button
              variant="default"
              size="xs"
              leftSection={<IconChevronLeft size={14} aria-hidden />}
              disabled={skip === 0}
              onClick={() => onSkip(Math.max(0, skip - limit))}
            >
              Previous
            </Button>
            <Button
              variant="default"
              size="xs"
              rightSection={<IconChevronRight size={14} aria-hidden />}
              disabled={!page?.has_more}
              onClick={() => onSkip(skip + limit)}
            >
              Next
            </Button>
          </Group>
        )}
      </Group>
    </Group>
  );
}
