import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';
import { listExporter } from '../../components/data-table/download';

export type Method = ResponseOf<'methods-get'>;
export type MethodInput = BodyOf<'methods-create'>;
export type MethodParameter = Method['parameters'][number];
export type MethodsQuery = QueryOf<'methods-list'>;
export type MethodEngineer = ResponseOf<'methods-engineers-list'>['items'][number];

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export const methodKeys = {
  all: ['methods'] as const,
  list: () => [...methodKeys.all, 'list'] as const,
  detail: (id: string) => [...methodKeys.all, 'detail', id] as const,
  history: (id: string) => [...methodKeys.all, 'history', id] as const,
  engineers: (id: string) => [...methodKeys.all, 'engineers', id] as const,
  candidates: () => [...methodKeys.all, 'engineer-candidates'] as const,
};

export const listMethods = (query: MethodsQuery) => unwrap(api.GET('/api/v1/methods', { params: { query } }));

/** The list as CSV or an Excel workbook, with the table's filter and sort. */
export const exportMethods = listExporter('/api/v1/methods');

export const methodQuery = (id: string) =>
  queryOptions({
    queryKey: methodKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/methods/{id}', { params: { path: { id } } })),
  });

export const useMethod = (id: string) => useQuery(methodQuery(id));

export const useMethodEngineers = (id: string, version: number) =>
  useQuery({
    queryKey: [...methodKeys.engineers(id), version],
    queryFn: () => unwrap(api.GET('/api/v1/methods/{id}/engineers', { params: { path: { id } } })),
  });

export const createMethod = (body: MethodInput, idempotencyKey: string) =>
  unwrap(api.POST('/api/v1/methods', { body, params: { header: { 'idempotency-key': idempotencyKey } } }));

/** PUT: replaces the editable fields; 412 when `version` is no longer the current one. */
export const replaceMethod = (id: string, body: MethodInput, version: number) =>
  unwrap(api.PUT('/api/v1/methods/{id}', { params: { path: { id }, header: ifMatch(version) }, body }));

export const archiveMethod = (id: string, version: number) =>
  unwrap(api.DELETE('/api/v1/methods/{id}', { params: { path: { id }, header: ifMatch(version) } }));

export const restoreMethod = (id: string, version: number) =>
  unwrap(api.POST('/api/v1/methods/{id}/restore', { params: { path: { id }, header: ifMatch(version) } }));

export const methodHistory = (id: string, skip: number) =>
  unwrap(api.GET('/api/v1/methods/{id}/history', { params: { path: { id }, query: { skip, limit: 20 } } }));

/** Who may be authorised: active engineers, managers and admins (the server checks the same). */
const PERFORMING_ROLES = ['engineer', 'manager', 'admin'] as const;

export interface EngineerOption {
  value: string;
  label: string;
}

async function engineerCandidates(): Promise<EngineerOption[]> {
  const pages = await Promise.all(
    PERFORMING_ROLES.map((role) =>
      unwrap(
        api.GET('/api/v1/users', {
          params: { query: { role, is_active: true, limit: 100, sort: 'full_name' } },
        }),
      ),
    ),
  );
  return pages
    .flatMap((page) => page.items)
    .map((u) => ({ value: u.id, label: `${u.full_name || u.email} (${u.role})` }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

export const useEngineerCandidates = () =>
  useQuery({ queryKey: methodKeys.candidates(), queryFn: engineerCandidates, staleTime: 60_000 });
