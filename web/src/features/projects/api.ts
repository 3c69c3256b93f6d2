import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';
import { listExporter } from '../../components/data-table/download';
import type { RemoteOption } from '../../components/forms/RemoteSelect';

export type Project = ResponseOf<'projects-get'>;
export type ProjectInput = BodyOf<'projects-create'>;
export type ProjectStatus = Project['status'];
export type ProjectsQuery = QueryOf<'projects-list'>;
export type ProjectOverview = ResponseOf<'projects-overview'>;
export type ProjectAction = 'activate' | 'hold' | 'resume' | 'complete' | 'cancel';

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export const projectKeys = {
  all: ['projects'] as const,
  list: () => [...projectKeys.all, 'list'] as const,
  detail: (id: string) => [...projectKeys.all, 'detail', id] as const,
  overview: (id: string) => [...projectKeys.all, 'overview', id] as const,
  history: (id: string) => [...projectKeys.all, 'history', id] as const,
  options: (what: string) => [...projectKeys.all, 'options', what] as const,
};

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  planned: 'Planned',
  active: 'Active',
  on_hold: 'On hold',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export const listProjects = (query: ProjectsQuery) =>
  unwrap(api.GET('/api/v1/projects', { params: { query } }));

/** The list as CSV or an Excel workbook, with the table's filter and sort. */
export const exportProjects = listExporter('/api/v1/projects');

export const projectQuery = (id: string) =>
  queryOptions({
    queryKey: projectKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/projects/{id}', { params: { path: { id } } })),
  });

export const useProject = (id: string) => useQuery(projectQuery(id));

/** The project page's data: the project and every section, in one request. */
export const useProjectOverview = (id: string) =>
  useQuery({
    queryKey: projectKeys.overview(id),
    queryFn: () => unwrap(api.GET('/api/v1/projects/{id}/overview', { params: { path: { id } } })),
  });

export const createProject = (body: ProjectInput, idempotencyKey: string) =>
  unwrap(api.POST('/api/v1/projects', { body, params: { header: { 'idempotency-key': idempotencyKey } } }));

export const replaceProject = (id: string, body: ProjectInput, version: number) =>
  unwrap(api.PUT('/api/v1/projects/{id}', { params: { path: { id }, header: ifMatch(version) }, body }));

export function projectAction(project: { id: string; version: number }, action: ProjectAction) {
  const path = `/api/v1/projects/{id}/${action}` as '/api/v1/projects/{id}/activate';
  return unwrap(api.POST(path, { params: { path: { id: project.id }, header: ifMatch(project.version) } }));
}

export const projectHistory = (id: string, skip: number) =>
  unwrap(api.GET('/api/v1/projects/{id}/history', { params: { path: { id }, query: { skip, limit: 20 } } }));

export async function searchCustomers(q: string): Promise<RemoteOption[]> {
  const page = await unwrap(
    api.GET('/api/v1/customers', { params: { query: { q, limit: 20, is_active: true } } }),
  );
  return page.items.map((c) => ({ value: c.id, label: c.company_name }));
}

/** Active managers and admins: who may manage a project. */
export async function searchManagers(q: string): Promise<RemoteOption[]> {
  const [managers, admins] = await Promise.all(
    (['manager', 'admin'] as const).map((role) =>
      unwrap(api.GET('/api/v1/users', { params: { query: { q, role, is_active: true, limit: 20 } } })),
    ),
  );
  return [...managers.items, ...admins.items].map((u) => ({ value: u.id, label: u.full_name || u.email }));
}
