import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';
import { listExporter } from '../../components/data-table/download';

export type Customer = ResponseOf<'customers-get'>;
export type CustomerInput = BodyOf<'customers-create'>;
export type CustomerContact = Customer['contacts'][number];
export type CustomersQuery = QueryOf<'customers-list'>;

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export const customerKeys = {
  all: ['customers'] as const,
  list: () => [...customerKeys.all, 'list'] as const,
  detail: (id: string) => [...customerKeys.all, 'detail', id] as const,
  history: (id: string) => [...customerKeys.all, 'history', id] as const,
};

export const listCustomers = (query: CustomersQuery) =>
  unwrap(api.GET('/api/v1/customers', { params: { query } }));

/** The list as CSV or an Excel workbook, with the table's filter and sort. */
export const exportCustomers = listExporter('/api/v1/customers');

export const customerQuery = (id: string) =>
  queryOptions({
    queryKey: customerKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/customers/{id}', { params: { path: { id } } })),
  });

export const useCustomer = (id: string) => useQuery(customerQuery(id));

/** The total of a filtered list, for dashboard counts (one row fetched). */
export const countCustomers = async (query: CustomersQuery = {}) =>
  (await listCustomers({ ...query, limit: 1 })).total;

export const createCustomer = (body: CustomerInput, idempotencyKey: string) =>
  unwrap(api.POST('/api/v1/customers', { body, params: { header: { 'idempotency-key': idempotencyKey } } }));

/** PUT: replaces the editable fields; 412 when `version` is no longer the current one. */
export const replaceCustomer = (id: string, body: CustomerInput, version: number) =>
  unwrap(api.PUT('/api/v1/customers/{id}', { params: { path: { id }, header: ifMatch(version) }, body }));

export const archiveCustomer = (id: string, version: number) =>
  unwrap(api.DELETE('/api/v1/customers/{id}', { params: { path: { id }, header: ifMatch(version) } }));

export const restoreCustomer = (id: string, version: number) =>
  unwrap(api.POST('/api/v1/customers/{id}/restore', { params: { path: { id }, header: ifMatch(version) } }));

export const customerHistory = (id: string, skip: number) =>
  unwrap(api.GET('/api/v1/customers/{id}/history', { params: { path: { id }, query: { skip, limit: 20 } } }));
