import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';
import { listExporter, saveBlob } from '../../components/data-table/download';
import type { RemoteOption } from '../../components/forms/RemoteSelect';
import type { PricedMethodOption } from '../../components/priced-lines/LineGrid';

export type Quote = ResponseOf<'estimations-get'>;
export type QuoteInput = BodyOf<'estimations-create'>;
export type QuoteStatus = Quote['status'];
export type QuotesQuery = QueryOf<'estimations-list'>;
export type QuoteAction = 'send' | 'accept' | 'reject' | 'expire';

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export const quoteKeys = {
  all: ['estimations'] as const,
  list: () => [...quoteKeys.all, 'list'] as const,
  detail: (id: string) => [...quoteKeys.all, 'detail', id] as const,
  revisions: (id: string) => [...quoteKeys.all, 'revisions', id] as const,
  forRfq: (rfqId: string) => [...quoteKeys.all, 'rfq', rfqId] as const,
  history: (id: string) => [...quoteKeys.all, 'history', id] as const,
  options: (what: string) => [...quoteKeys.all, 'options', what] as const,
};

export const QUOTE_STATUS_LABELS: Record<QuoteStatus, string> = {
  draft: 'Draft',
  sent: 'Sent',
  accepted: 'Accepted',
  rejected: 'Rejected',
  expired: 'Expired',
  superseded: 'Superseded',
};

export const listQuotes = (query: QuotesQuery) =>
  unwrap(api.GET('/api/v1/estimations', { params: { query } }));

/** The list as CSV or an Excel workbook, with the table's filter and sort. */
export const exportQuotes = listExporter('/api/v1/estimations');

export const quoteQuery = (id: string) =>
  queryOptions({
    queryKey: quoteKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/estimations/{id}', { params: { path: { id } } })),
  });

export const useQuote = (id: string) => useQuery(quoteQuery(id));

/** Every revision of a quote the caller may see, oldest first. */
export const useQuoteRevisions = (id: string, version: number) =>
  useQuery({
    queryKey: [...quoteKeys.revisions(id), version],
    queryFn: () => unwrap(api.GET('/api/v1/estimations/{id}/revisions', { params: { path: { id } } })),
  });

/** The quotes made for an RFQ (every revision), oldest first. */
export const useRfqQuotes = (rfqId: string) =>
  useQuery({
    queryKey: quoteKeys.forRfq(rfqId),
    queryFn: () => listQuotes({ rfq_id: rfqId, sort: 'number', limit: 100 }),
  });

export const createQuote = (body: QuoteInput, idempotencyKey: string) =>
  unwrap(
    api.POST('/api/v1/estimations', { body, params: { header: { 'idempotency-key': idempotencyKey } } }),
  );

export const replaceQuote = (id: string, body: QuoteInput, version: number) =>
  unwrap(api.PUT('/api/v1/estimations/{id}', { params: { path: { id }, header: ifMatch(version) }, body }));

export function quoteAction(quote: Quote, action: QuoteAction, reason?: string) {
  const params = { path: { id: quote.id }, header: ifMatch(quote.version) };
  if (action === 'reject')
    return unwrap(api.POST('/api/v1/estimations/{id}/reject', { params, body: { reason: reason ?? '' } }));
  const path = `/api/v1/estimations/{id}/${action}` as '/api/v1/estimations/{id}/send';
  return unwrap(api.POST(path, { params }));
}

export const reviseQuote = (quote: Quote) =>
  unwrap(
    api.POST('/api/v1/estimations/{id}/revise', {
      params: {
        path: { id: quote.id },
        header: { ...ifMatch(quote.version), 'idempotency-key': crypto.randomUUID() },
      },
    }),
  );

export const quoteHistory = (id: string, skip: number) =>
  unwrap(
    api.GET('/api/v1/estimations/{id}/history', { params: { path: { id }, query: { skip, limit: 20 } } }),
  );

/** Saves the quote PDF the server lays out. */
export async function downloadQuotePdf(quote: Pick<Quote, 'id' | 'number' | 'revision'>) {
  const { data, error, response } = await api.GET('/api/v1/estimations/{id}/pdf', {
    params: { path: { id: quote.id } },
    parseAs: 'blob',
  });
  if (!response.ok) throw error;
  saveBlob(data as unknown as Blob, `${quote.number}-rev${quote.revision}.pdf`);
}

export async function searchCustomers(q: string): Promise<RemoteOption[]> {
  const page = await unwrap(
    api.GET('/api/v1/customers', { params: { query: { q, limit: 20, is_active: true } } }),
  );
  return page.items.map((c) => ({ value: c.id, label: c.company_name }));
}

type MethodRow = { id: string; code: string; title: string; default_price: string | null };
const pricedOption = (m: MethodRow): PricedMethodOption => ({
  value: m.id,
  label: `${m.code} — ${m.title}`,
  description: `${m.code} — ${m.title}`,
  unit_price: m.default_price ?? null,
});

/** Catalogue methods with what a quote line takes from them (description, default price). */
export async function searchPricedMethods(q: string): Promise<PricedMethodOption[]> {
  const page = await unwrap(api.GET('/api/v1/methods/catalogue', { params: { query: { q, limit: 20 } } }));
  return page.items.map(pricedOption);
}

/** The given methods (an RFQ's requested ones), to start a quote's lines from, in that order. */
export async function getPricedMethods(ids: string[]): Promise<PricedMethodOption[]> {
  const page = await unwrap(api.GET('/api/v1/methods/catalogue', { params: { query: { ids, limit: 100 } } }));
  const byId = new Map(page.items.map((m) => [m.id, pricedOption(m)]));
  return ids.map((id) => byId.get(id)).filter((m) => m !== undefined);
}
