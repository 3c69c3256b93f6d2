import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { QueryOf, ResponseOf } from '../../api/types';
import type { RemoteOption } from '../../components/forms/RemoteSelect';

export type DashboardSummary = ResponseOf<'dashboard-summary'>;
export type DashboardAnalytics = ResponseOf<'dashboard-analytics'>;
export type SeriesName = keyof DashboardAnalytics['series'];
export type SeriesRow = Record<string, string | number | boolean | null>;
export type DashboardFilters = Pick<
  QueryOf<'dashboard-summary'>,
  'from' | 'to' | 'customer_id' | 'method_id'
>;

export const dashboardKeys = {
  all: ['dashboard'] as const,
  summary: (f: DashboardFilters) => [...dashboardKeys.all, 'summary', f] as const,
  analytics: (f: DashboardFilters) => [...dashboardKeys.all, 'analytics', f] as const,
};

/** Figures move with every result: refetch each minute while the page is open. */
const LIVE = { refetchInterval: 60_000, staleTime: 30_000, placeholderData: keepPreviousData } as const;

export const summaryQuery = (filters: DashboardFilters) =>
  queryOptions({
    queryKey: dashboardKeys.summary(filters),
    queryFn: () => unwrap(api.GET('/api/v1/dashboard/summary', { params: { query: filters } })),
    ...LIVE,
  });

export const analyticsQuery = (filters: DashboardFilters) =>
  queryOptions({
    queryKey: dashboardKeys.analytics(filters),
    queryFn: () => unwrap(api.GET('/api/v1/dashboard/analytics', { params: { query: filters } })),
    ...LIVE,
  });

/** One series as the server's CSV (exact decimals, the documented columns). */
export async function exportSeriesCsv(series: SeriesName, filters: DashboardFilters): Promise<Blob> {
  const { data, error, response } = await api.GET('/api/v1/dashboard/analytics', {
    params: { query: { ...filters, format: 'csv', series } },
    parseAs: 'blob',
  });
  if (!response.ok) throw error;
  return data as unknown as Blob;
}

export async function exportSummaryCsv(filters: DashboardFilters): Promise<Blob> {
  const { data, error, response } = await api.GET('/api/v1/dashboard/summary', {
    params: { query: { ...filters, format: 'csv' } },
    parseAs: 'blob',
  });
  if (!response.ok) throw error;
  return data as unknown as Blob;
}

export async function searchCustomers(q: string): Promise<RemoteOption[]> {
  const page = await unwrap(api.GET('/api/v1/customers', { params: { query: { q, limit: 20 } } }));
  return page.items.map((c) => ({ value: c.id, label: c.company_name }));
}

export async function searchMethods(q: string): Promise<RemoteOption[]> {
  const page = await unwrap(api.GET('/api/v1/methods', { params: { query: { q, limit: 20 } } }));
  return page.items.map((m) => ({ value: m.id, label: `${m.code} · ${m.title}` }));
}

export async function customerLabels(ids: string[]): Promise<RemoteOption[]> {
  return Promise.all(
    ids.map(async (id) => {
      const c = await unwrap(api.GET('/api/v1/customers/{id}', { params: { path: { id } } }));
      return { value: c.id, label: c.company_name };
    }),
  );
}

export async function methodLabels(ids: string[]): Promise<RemoteOption[]> {
  return Promise.all(
    ids.map(async (id) => {
      const m = await unwrap(api.GET('/api/v1/methods/{id}', { params: { path: { id } } }));
      return { value: m.id, label: `${m.code} · ${m.title}` };
    }),
  );
}
