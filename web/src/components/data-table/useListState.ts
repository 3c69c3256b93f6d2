import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { readListState, writeListState } from './listState';
import type { ListState } from './types';

/** The list view kept in the URL query (paging, sort, search, filters, archived). */
export function useListState(
  filterNames: readonly string[],
  defaults: { limit?: number; sort?: string } = {},
) {
  const [search, setSearch] = useSearchParams();
  const key = filterNames.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: filterNames is compared by value (key)
  const state = useMemo(
    () => readListState(search, filterNames, defaults),
    [search, key, defaults.limit, defaults.sort],
  );
  const update = useCallback(
    (
      patch: Partial<Omit<ListState, 'filters'>> & { filters?: Record<string, string | undefined> },
      options: { replace?: boolean } = {},
    ) => setSearch((current) => writeListState(current, patch, defaults), { replace: options.replace }),
    [setSearch, defaults],
  );
  const clear = useCallback(() => setSearch(new URLSearchParams()), [setSearch]);
  return { state, update, clear };
}
