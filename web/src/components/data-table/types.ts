import type { ReactNode } from 'react';

export interface Column<T> {
  /** Field name; also the sort key when `sortable`. */
  key: string;
  header: string;
  sortable?: boolean;
  render?: (row: T) => ReactNode;
  /** Hidden until the user picks it in the column chooser. */
  hiddenByDefault?: boolean;
  width?: number | string;
}

export type FilterDef =
  | { name: string; label: string; type: 'select'; options: { value: string; label: string }[] }
  | { name: string; label: string; type: 'text'; placeholder?: string }
  /** Free text with suggestions: for values the server may have more of than the list knows. */
  | { name: string; label: string; type: 'suggest'; suggestions: string[]; placeholder?: string }
  | { name: string; label: string; type: 'date' };

/** What a list page asks the API for: paging, sort, search and filters (all strings, as in the URL). */
export interface ListState {
  skip: number;
  limit: number;
  sort?: string;
  q?: string;
  archived: boolean;
  filters: Record<string, string>;
}

export type ListQuery = Record<string, string | number | boolean>;

export interface PageData<T> {
  items: T[];
  total?: number;
  has_more: boolean;
  total_is_estimate?: boolean;
}
