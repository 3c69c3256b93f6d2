import type { ListQuery, ListState } from './types';

export const PAGE_SIZES = [10, 20, 50, 100];
const RESERVED = new Set(['skip', 'limit', 'sort', 'q', 'archived']);

const intOr = (raw: string | null, fallback: number, min: number, max: number) => {
  const n = raw === null ? Number.NaN : Number.parseInt(raw, 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
};

/** Reads a list view from the URL query, so a view can be bookmarked and shared. */
export function readListState(
  search: URLSearchParams,
  filterNames: readonly string[],
  defaults: { limit?: number; sort?: string } = {},
): ListState {
  const filters: Record<string, string> = {};
  for (const name of filterNames) {
    const value = search.get(name);
    if (value) filters[name] = value;
  }
  return {
    skip: intOr(search.get('skip'), 0, 0, 10_000_000),
    limit: intOr(search.get('limit'), defaults.limit ?? 20, 1, 100),
    sort: search.get('sort') || defaults.sort || undefined,
    q: search.get('q') || undefined,
    archived: search.get('archived') === 'true',
    filters,
  };
}

/** Writes a change to the URL query; anything but paging itself goes back to the first page. */
export function writeListState(
  search: URLSearchParams,
  patch: Partial<Omit<ListState, 'filters'>> & { filters?: Record<string, string | undefined> },
  defaults: { limit?: number; sort?: string } = {},
): URLSearchParams {
  const next = new URLSearchParams(search);
  const set = (key: string, value: string | undefined | null) => {
    if (value === undefined || value === null || value === '') next.delete(key);
    else next.set(key, value);
  };
  if ('limit' in patch)
    set('limit', patch.limit === (defaults.limit ?? 20) ? undefined : String(patch.limit));
  if ('sort' in patch) set('sort', patch.sort === defaults.sort ? undefined : patch.sort);
  if ('q' in patch) set('q', patch.q?.trim());
  if ('archived' in patch) set('archived', patch.archived ? 'true' : undefined);
  for (const [name, value] of Object.entries(patch.filters ?? {})) {
    if (!RESERVED.has(name)) set(name, value);
  }
  const paging = Object.keys(patch).every((k) => k === 'skip');
  set('skip', paging && patch.skip ? String(patch.skip) : undefined);
  return next;
}

/** The API query for a view; `csv` drops paging (the export is the whole filtered list). */
export function toApiQuery(state: ListState, options: { csv?: boolean } = {}): ListQuery {
  const query: ListQuery = {};
  if (!options.csv) {
    query.skip = state.skip;
    query.limit = state.limit;
  }
  if (state.sort) query.sort = state.sort;
  if (state.q) query.q = state.q;
  if (state.archived) query.archived = true;
  for (const [name, value] of Object.entries(state.filters)) {
    query[name] = value === 'true' ? true : value === 'false' ? false : value;
  }
  return query;
}

/** Next sort for a click on a column header: ascending → descending → default. */
export function nextSort(current: string | undefined, key: string): string | undefined {
  if (current === key) return `-${key}`;
  if (current === `-${key}`) return undefined;
  return key;
}

export const sortDirection = (
  current: string | undefined,
  key: string,
): 'ascending' | 'descending' | 'none' =>
  current === key ? 'ascending' : current === `-${key}` ? 'descending' : 'none';
