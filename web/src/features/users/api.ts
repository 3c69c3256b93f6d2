import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';
import { listExporter } from '../../components/data-table/download';

export type User = ResponseOf<'users-get'>;
export type UserCreate = BodyOf<'users-create'>;
export type UserUpdate = BodyOf<'users-update'>;
export type UsersQuery = QueryOf<'users-list'>;
export type UserSession = ResponseOf<'users-sessions-list'>['items'][number];

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export const userKeys = {
  all: ['users'] as const,
  list: () => [...userKeys.all, 'list'] as const,
  detail: (id: string) => [...userKeys.all, 'detail', id] as const,
  sessions: (id: string) => [...userKeys.all, 'sessions', id] as const,
  history: (id: string) => [...userKeys.all, 'history', id] as const,
};

export const listUsers = (query: UsersQuery) => unwrap(api.GET('/api/v1/users', { params: { query } }));

/** The list as CSV or an Excel workbook, with the table's filter and sort. */
export const exportUsers = listExporter('/api/v1/users');

export const countUsers = async (query: UsersQuery = {}) => (await listUsers({ ...query, limit: 1 })).total;

export const userQuery = (id: string) =>
  queryOptions({
    queryKey: userKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/users/{id}', { params: { path: { id } } })),
  });
export const useUser = (id: string) => useQuery(userQuery(id));

export const createUser = (body: UserCreate, idempotencyKey: string) =>
  unwrap(api.POST('/api/v1/users', { body, params: { header: { 'idempotency-key': idempotencyKey } } }));

export const updateUser = (id: string, body: UserUpdate, version: number) =>
  unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id }, header: ifMatch(version) }, body }));

export const archiveUser = (id: string, version: number) =>
  unwrap(api.DELETE('/api/v1/users/{id}', { params: { path: { id }, header: ifMatch(version) } }));

export const restoreUser = (id: string, version: number) =>
  unwrap(api.POST('/api/v1/users/{id}/restore', { params: { path: { id }, header: ifMatch(version) } }));

export const useUserSessions = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: userKeys.sessions(id),
    queryFn: () => unwrap(api.GET('/api/v1/users/{id}/sessions', { params: { path: { id } } })),
    enabled,
  });

export const endUserSessions = (id: string) =>
  unwrap(api.DELETE('/api/v1/users/{id}/sessions', { params: { path: { id } } }));

export const userHistory = (id: string, skip: number) =>
  unwrap(api.GET('/api/v1/users/{id}/history', { params: { path: { id }, query: { skip, limit: 20 } } }));

/** Customers a `customer` user can be bound to (id and name only). */
export const searchCustomerOptions = async (q: string) => {
  const page = await unwrap(
    api.GET('/api/v1/customers', { params: { query: { q: q || undefined, limit: 20 } } }),
  );
  return page.items.map((c) => ({ value: c.id, label: c.company_name }));
};
