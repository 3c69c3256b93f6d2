import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';
import { listExporter } from '../../components/data-table/download';
import type { RemoteOption } from '../../components/forms/RemoteSelect';

export type Rfq = ResponseOf<'rfqs-get'>;
export type RfqInput = BodyOf<'rfqs-create'>;
export type RfqStatus = Rfq['status'];
export type RfqsQuery = QueryOf<'rfqs-list'>;
export type RfqAction = 'review' | 'lose' | 'cancel';

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export const rfqKeys = {
  all: ['rfqs'] as const,
  list: () => [...rfqKeys.all, 'list'] as const,
  detail: (id: string) => [...rfqKeys.all, 'detail', id] as const,
  history: (id: string) => [...rfqKeys.all, 'history', id] as const,
};

export const RFQ_STATUS_LABELS: Record<RfqStatus, string> = {
  received: 'Received',
  under_review: 'Under review',
  quoted: 'Quoted',
  won: 'Won',
  lost: 'Lost',
  cancelled: 'Cancelled',
};

export const listRfqs = (query: RfqsQuery) => unwrap(api.GET('/api/v1/rfqs', { params: { query } }));

/** The list as CSV or an Excel workbook, with the table's filter and sort. */
export const exportRfqs = listExporter('/api/v1/rfqs');

export const rfqQuery = (id: string) =>
  queryOptions({
    queryKey: rfqKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/rfqs/{id}', { params: { path: { id } } })),
  });

export const useRfq = (id: string) => useQuery(rfqQuery(id));

export const createRfq = (body: RfqInput, idempotencyKey: string) =>
  unwrap(api.POST('/api/v1/rfqs', { body, params: { header: { 'idempotency-key': idempotencyKey } } }));

/** PUT: replaces the editable fields; 412 when `version` is no longer the current one. */
export const replaceRfq = (id: string, body: RfqInput, version: number) =>
  unwrap(api.PUT('/api/v1/rfqs/{id}', { params: { path: { id }, header: ifMatch(version) }, body }));

export function rfqAction(rfq: Rfq, action: RfqAction, reason?: string) {
  const params = { path: { id: rfq.id }, header: ifMatch(rfq.version) };
  if (action === 'review') return unwrap(api.POST('/api/v1/rfqs/{id}/review', { params }));
  if (action === 'lose')
    return unwrap(api.POST('/api/v1/rfqs/{id}/lose', { params, body: { reason: reason ?? '' } }));
  return unwrap(api.POST('/api/v1/rfqs/{id}/cancel', { params, body: { reason: reason ?? null } }));
}

export const rfqHistory = (id: string, skip: number) =>
  unwrap(api.GET('/api/v1/rfqs/{id}/history', { params: { path: { id }, query: { skip, limit: 20 } } }));

/** Customers to file an RFQ for, searched on the server. */
export async function searchCustomers(q: string): Promise<RemoteOption[]> {
  const page = await unwrap(
    api.GET('/api/v1/customers', { params: { query: { q, limit: 20, is_active: true } } }),
  );
  return page.items.map((c) => ({ value: c.id, label: c.company_name }));
}

/** Active catalogue methods a request can ask for (the catalogue every role may read). */
export async function searchMethods(q: string): Promise<RemoteOption[]> {
  const page = await unwrap(api.GET('/api/v1/methods/catalogue', { params: { query: { q, limit: 20 } } }));
  return page.items.map((m) => ({ value: m.id, label: `${m.code} — ${m.title}` }));
}

/** Labels for methods already on a request (an edit form opening). */
export async function resolveMethods(ids: string[]): Promise<RemoteOption[]> {
  const page = await unwrap(api.GET('/api/v1/methods/catalogue', { params: { query: { ids, limit: 100 } } }));
  return page.items.map((m) => ({ value: m.id, label: `${m.code} — ${m.title}` }));
}
