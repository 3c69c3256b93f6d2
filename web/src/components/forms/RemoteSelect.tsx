import { MultiSelect, type MultiSelectProps, Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';

/**
 * Selects whose options come from the API, searched on the server as the user types (a catalogue
 * or a project list can be far longer than one page). Labels of chosen values that are not among
 * the current options are remembered, or fetched once through `resolve`.
 */
export interface RemoteOption {
  value: string;
  label: string;
}

interface RemoteSource {
  /** Names the cache entries (e.g. ['methods', 'options']). */
  queryKey: readonly unknown[];
  search: (q: string) => Promise<RemoteOption[]>;
  /** Labels for chosen ids the search has not shown (an edit form opening with values). */
  resolve?: (ids: string[]) => Promise<RemoteOption[]>;
  /** Labels known up front (e.g. the current record's project number). */
  known?: RemoteOption[];
}

function useRemoteOptions(source: RemoteSource, selected: string[]) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const labels = useRef(new Map<string, string>());
  for (const o of source.known ?? []) labels.current.set(o.value, o.label);
  const found = useQuery({
    queryKey: [...source.queryKey, 'search', q],
    queryFn: () => source.search(q),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  for (const o of found.data ?? []) labels.current.set(o.value, o.label);
  const missing = selected.filter((id) => id && !labels.current.has(id));
  const resolved = useQuery({
    queryKey: [...source.queryKey, 'labels', missing],
    queryFn: () => source.resolve!(missing),
    enabled: Boolean(source.resolve) && missing.length > 0,
    staleTime: 300_000,
  });
  for (const o of resolved.data ?? []) labels.current.set(o.value, o.label);
  const options = new Map<string, string>();
  for (const id of selected) if (id) options.set(id, labels.current.get(id) ?? 'Loading…');
  for (const o of found.data ?? []) options.set(o.value, o.label);
  return {
    data: [...options].map(([value, label]) => ({ value, label })),
    search,
    setSearch,
    loading: found.isFetching,
  };
}

/** The server filters; the combobox shows what it answered. */
const serverFiltered = ({ options }: { options: unknown[] }) => options as never;

export function RemoteSelect({
  source,
  value = null,
  onChange,
  ...props
}: { source: RemoteSource; value?: string | null; onChange: (value: string | null) => void } & Omit<
  SelectProps,
  'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'
>) {
  const { data, setSearch } = useRemoteOptions(source, value ? [value] : []);
  return (
    <Select
      searchable
      nothingFoundMessage="Nothing found"
      {...props}
      data={data}
      value={value}
      onChange={(v) => onChange(v)}
      onSearchChange={setSearch}
      filter={serverFiltered}
    />
  );
}

export function RemoteMultiSelect({
  source,
  value = [],
  onChange,
  ...props
}: { source: RemoteSource; value?: string[]; onChange: (value: string[]) => void } & Omit<
  MultiSelectProps,
  'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'
>) {
  const { data, search, setSearch } = useRemoteOptions(source, value);
  return (
    <MultiSelect
      searchable
      nothingFoundMessage="Nothing found"
      {...props}
      data={data}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      filter={serverFiltered}
    />
  );
}
