import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';
import { listExporter } from '../../components/data-table/download';
import type { RemoteOption } from '../../components/forms/RemoteSelect';

export type Task = ResponseOf<'tasks-get'>;
export type TaskInput = BodyOf<'tasks-create'>;
export type TasksQuery = QueryOf<'tasks-list'>;
export type TaskStatus = Task['status'];
export type TaskPriority = Task['priority'];
export type TaskAction = 'start' | 'submit' | 'complete' | 'send_back' | 'cancel' | 'reopen';
export type BulkChanges = BodyOf<'tasks-bulk-update'>['changes'];
export type SubtaskNode = ResponseOf<'tasks-subtasks'>['items'][number];

export const taskKeys = {
  all: ['tasks'] as const,
  list: () => [...taskKeys.all, 'list'] as const,
  board: () => [...taskKeys.all, 'board'] as const,
  detail: (id: string) => [...taskKeys.all, 'detail', id] as const,
  history: (id: string) => [...taskKeys.all, 'history', id] as const,
  subtasks: (id: string) => [...taskKeys.all, 'subtasks', id] as const,
  options: (what: string) => [...taskKeys.all, 'options', what] as const,
};

export const listTasks = (query: TasksQuery) => unwrap(api.GET('/api/v1/tasks', { params: { query } }));

/** The list as CSV or an Excel workbook, with the table's filter and sort. */
export const exportTasks = listExporter('/api/v1/tasks');

export const taskQuery = (id: string) =>
  queryOptions({
    queryKey: taskKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/tasks/{id}', { params: { path: { id } } })),
  });
export const useTask = (id: string) => useQuery(taskQuery(id));

export const createTask = (body: TaskInput, idempotencyKey: string) =>
  unwrap(api.POST('/api/v1/tasks', { body, params: { header: { 'idempotency-key': idempotencyKey } } }));

export const replaceTask = (id: string, body: TaskInput, version: number) =>
  unwrap(
    api.PUT('/api/v1/tasks/{id}', {
      params: { path: { id }, header: { 'if-match': `"${version}"` } },
      body: body as never,
    }),
  );

/** Runs a state action (start, submit…) at the version the caller saw. */
export function runTaskAction(id: string, action: TaskAction, version?: number) {
  const params = { path: { id }, header: version ? { 'if-match': `"${version}"` } : {} };
  switch (action) {
    case 'start':
      return unwrap(api.POST('/api/v1/tasks/{id}/start', { params }));
    case 'submit':
      return unwrap(api.POST('/api/v1/tasks/{id}/submit', { params }));
    case 'complete':
      return unwrap(api.POST('/api/v1/tasks/{id}/complete', { params }));
    case 'send_back':
      return unwrap(api.POST('/api/v1/tasks/{id}/send_back', { params }));
    case 'cancel':
      return unwrap(api.POST('/api/v1/tasks/{id}/cancel', { params }));
    case 'reopen':
      return unwrap(api.POST('/api/v1/tasks/{id}/reopen', { params }));
  }
}

export const bulkUpdateTasks = (ids: string[], changes: BulkChanges) =>
  unwrap(api.POST('/api/v1/tasks/bulk-update', { body: { ids, changes } }));

export const taskHistory = (id: string, skip: number) =>
  unwrap(api.GET('/api/v1/tasks/{id}/history', { params: { path: { id }, query: { skip, limit: 20 } } }));

export const taskSubtasks = (id: string) =>
  unwrap(api.GET('/api/v1/tasks/{id}/subtasks', { params: { path: { id } } }));

/** Staff who can take tasks (managers may list users; others see only themselves). */
export async function searchAssignees(q: string): Promise<RemoteOption[]> {
  const page = await unwrap(api.GET('/api/v1/users', { params: { query: { q, limit: 20 } as never } }));
  return page.items
    .filter((u) => !['customer', 'viewer'].includes(u.role) && u.is_active !== false)
    .map((u) => ({ value: u.id, label: u.full_name || u.email }));
}

export async function searchTasks(q: string): Promise<RemoteOption[]> {
  const page = await listTasks({ q, limit: 20 });
  return page.items.map((t) => ({ value: t.id, label: `${t.number} · ${t.title}` }));
}
