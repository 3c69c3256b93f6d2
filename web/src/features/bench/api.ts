import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { ResponseOf } from '../../api/types';

export type ResultsGrid = ResponseOf<'projects-results-grid'>;
export type GridColumn = ResultsGrid['columns'][number];
export type GridRow = ResultsGrid['rows'][number];
export type GridCell = GridRow['results'][number];
export type SavedResult = ResponseOf<'test-results-create', 201>;
export type BenchExecution = ResponseOf<'test-executions-list'>['items'][number];

export const benchKeys = {
  all: ['bench'] as const,
  grid: (projectId: string, planId?: string) =>
    [...benchKeys.all, 'grid', projectId, planId ?? 'all'] as const,
  mine: (userId: string, status: string) => [...benchKeys.all, 'mine', userId, status] as const,
};

export const useResultsGrid = (projectId: string | undefined, planId?: string) =>
  useQuery({
    queryKey: benchKeys.grid(projectId ?? '', planId),
    enabled: Boolean(projectId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/projects/{id}/results-grid', {
          params: { path: { id: projectId! }, query: planId ? { plan_id: planId } : {} },
        }),
      ),
  });

/** What was typed in a cell: "12.4", "12.4 ± 0.3" (also "+/-" or "+-"), or text. */
export function parseCell(text: string): { value: string; uncertainty?: string } {
  const m = /^(.*?)\s*(?:±|\+\/-|\+-)\s*(.+)$/.exec(text.trim());
  return m ? { value: m[1].trim(), uncertainty: m[2].trim() } : { value: text.trim() };
}

/** The text a saved result shows in its cell (what the engineer would type to enter it). */
export const cellText = (r: Pick<GridCell, 'value' | 'uncertainty'> | undefined) =>
  r ? (r.uncertainty ? `${r.value} ± ${r.uncertainty}` : r.value) : '';

/**
 * Saves one cell: a new result (POST), or a change to a result not yet approved (PATCH with
 * If-Match). The server answers with the verdicts.
 */
export function saveCell(
  executionId: string,
  parameter: string,
  text: string,
  existing: GridCell | undefined,
): Promise<SavedResult> {
  const { value, uncertainty } = parseCell(text);
  if (existing && existing.status !== 'rejected') {
    return unwrap(
      api.PATCH('/api/v1/test-results/{id}', {
        params: { path: { id: existing.id }, header: { 'if-match': `"${existing.version}"` } },
        body: { value, uncertainty: uncertainty ?? null },
      }),
    );
  }
  return unwrap(
    api.POST('/api/v1/test-results', {
      body: { execution_id: executionId, parameter, value, ...(uncertainty ? { uncertainty } : {}) },
    }),
  );
}

/** The signed-in engineer's executions in one state (all of them, in pages of 100). */
export const useMyExecutions = (userId: string, status: 'pending' | 'in_progress') =>
  useQuery({
    queryKey: benchKeys.mine(userId, status),
    queryFn: async () => {
      const items: BenchExecution[] = [];
      for (let skip = 0; skip < 1000; skip += 100) {
        const page = await unwrap(
          api.GET('/api/v1/test-executions', {
            params: { query: { engineer_id: userId, status, limit: 100, skip, sort: 'created_at' } },
          }),
        );
        items.push(...page.items);
        if (!page.has_more) break;
      }
      return items;
    },
  });
