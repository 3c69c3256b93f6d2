import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';

export type TestExecution = ResponseOf<'test-executions-get'>;
export type ExecutionStatus = TestExecution['status'];
export type ExecutionsQuery = QueryOf<'test-executions-list'>;
export type ExecutionPatch = BodyOf<'test-executions-update'>;
export type ExecutionAction = 'start' | 'complete' | 'abort';

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export const executionKeys = {
  all: ['test-executions'] as const,
  list: (query: ExecutionsQuery) => [...executionKeys.all, 'list', query] as const,
  detail: (id: string) => [...executionKeys.all, 'detail', id] as const,
  history: (id: string) => [...executionKeys.all, 'history', id] as const,
};

export const EXECUTION_STATUS_LABELS: Record<ExecutionStatus, string> = {
  pending: 'Pending',
  in_progress: 'In progress',
  completed: 'Completed',
  aborted: 'Aborted',
};

export const listExecutions = (query: ExecutionsQuery) =>
  unwrap(api.GET('/api/v1/test-executions', { params: { query } }));

/** Every execution matching a filter (a plan's, a sample's), in pages of 100. */
export async function allExecutions(query: ExecutionsQuery) {
  const items: TestExecution[] = [];
  for (let skip = 0; ; skip += 100) {
    const page = await listExecutions({ ...query, limit: 100, skip });
    items.push(...page.items);
    if (!page.has_more || skip > 5000) return items;
  }
}

export const useExecutions = (query: ExecutionsQuery, enabled = true) =>
  useQuery({ queryKey: executionKeys.list(query), queryFn: () => allExecutions(query), enabled });

export const executionQuery = (id: string) =>
  queryOptions({
    queryKey: executionKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/test-executions/{id}', { params: { path: { id } } })),
  });

export const useExecution = (id: string) => useQuery(executionQuery(id));

export const updateExecution = (id: string, body: ExecutionPatch, version: number) =>
  unwrap(
    api.PATCH('/api/v1/test-executions/{id}', { params: { path: { id }, header: ifMatch(version) }, body }),
  );

/** start / complete / abort (abort needs a reason). */
export function executionAction(
  execution: Pick<TestExecution, 'id' | 'version'>,
  action: ExecutionAction,
  reason?: string,
) {
  const params = { path: { id: execution.id }, header: ifMatch(execution.version) };
  if (action === 'abort')
    return unwrap(api.POST('/api/v1/test-executions/{id}/abort', { params, body: { reason: reason ?? '' } }));
  if (action === 'start') return unwrap(api.POST('/api/v1/test-executions/{id}/start', { params }));
  return unwrap(api.POST('/api/v1/test-executions/{id}/complete', { params }));
}

export const executionHistory = (id: string, skip: number) =>
  unwrap(
    api.GET('/api/v1/test-executions/{id}/history', { params: { path: { id }, query: { skip, limit: 20 } } }),
  );
