import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';
import { listExporter } from '../../components/data-table/download';
import type { RemoteOption } from '../../components/forms/RemoteSelect';

export type Trf = ResponseOf<'trfs-get'>;
export type TrfInput = BodyOf<'trfs-create'>;
export type TrfItem = Trf['items'][number];
export type TrfStatus = Trf['status'];
export type TrfsQuery = QueryOf<'trfs-list'>;

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export const trfKeys = {
  all: ['trfs'] as const,
  list: () => [...trfKeys.all, 'list'] as const,
  detail: (id: string) => [...trfKeys.all, 'detail', id] as const,
  history: (id: string) => [...trfKeys.all, 'history', id] as const,
};

export const TRF_STATUS_LABELS: Record<TrfStatus, string> = {
  submitted: 'Submitted',
  accepted: 'Accepted',
  returned: 'Returned',
};

export const listTrfs = (query: TrfsQuery) => unwrap(api.GET('/api/v1/trfs', { params: { query } }));

/** The list as CSV or an Excel workbook, with the table's filter and sort. */
export const exportTrfs = listExporter('/api/v1/trfs');

export const trfQuery = (id: string) =>
  queryOptions({
    queryKey: trfKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/trfs/{id}', { params: { path: { id } } })),
  });

export const useTrf = (id: string) => useQuery(trfQuery(id));

export const createTrf = (body: TrfInput, idempotencyKey: string) =>
  unwrap(api.POST('/api/v1/trfs', { body, params: { header: { 'idempotency-key': idempotencyKey } } }));

/** PUT: replaces the editable fields; 412 when `version` is no longer the current one. */
export const replaceTrf = (id: string, body: TrfInput, version: number) =>
  unwrap(api.PUT('/api/v1/trfs/{id}', { params: { path: { id }, header: ifMatch(version) }, body }));

export const acceptTrf = (id: string, version: number, note: string | null) =>
  unwrap(
    api.POST('/api/v1/trfs/{id}/accept', {
      params: { path: { id }, header: ifMatch(version) },
      body: { note },
    }),
  );

export const returnTrf = (id: string, version: number, reason: string) =>
  unwrap(
    api.POST('/api/v1/trfs/{id}/return', {
      params: { path: { id }, header: ifMatch(version) },
      body: { reason },
    }),
  );

export const resubmitTrf = (id: string, version: number) =>
  unwrap(api.POST('/api/v1/trfs/{id}/resubmit', { params: { path: { id }, header: ifMatch(version) } }));

export const archiveTrf = (id: string, version: number) =>
  unwrap(api.DELETE('/api/v1/trfs/{id}', { params: { path: { id }, header: ifMatch(version) } }));

export const restoreTrf = (id: string, version: number) =>
  unwrap(api.POST('/api/v1/trfs/{id}/restore', { params: { path: { id }, header: ifMatch(version) } }));

export const trfHistory = (id: string, skip: number) =>
  unwrap(api.GET('/api/v1/trfs/{id}/history', { params: { path: { id }, query: { skip, limit: 20 } } }));

/** Samples registered against a TRF (for its detail page). */
export const trfSamples = (trfId: string) =>
  unwrap(api.GET('/api/v1/samples', { params: { query: { trf_id: trfId, limit: 100, sort: 'number' } } }));

// ---- options for the pickers of the form (the catalogue and the caller's open projects) ----

const CLOSED = ['completed', 'cancelled'];

export const projectOptions = {
  queryKey: ['trfs', 'project-options'] as const,
  search: async (q: string): Promise<RemoteOption[]> => {
    const page = await unwrap(
      api.GET('/api/v1/projects', {
        params: { query: { q: q || undefined, limit: 20, sort: '-created_at' } },
      }),
    );
    return page.items
      .filter((p) => !CLOSED.includes(p.status))
      .map((p) => ({ value: p.id, label: `${p.number} · ${p.name}` }));
  },
  resolve: (ids: string[]) =>
    Promise.all(
      ids.map(async (id) => {
        const p = await unwrap(api.GET('/api/v1/projects/{id}', { params: { path: { id } } }));
        return { value: p.id, label: `${p.number} · ${p.name}` };
      }),
    ),
};

const methodLabel = (m: { id: string; code: string; title: string }) => ({
  value: m.id,
  label: `${m.code} · ${m.title}`,
});

/** The method catalogue as customers see it too (active methods only). */
export const methodOptions = {
  queryKey: ['trfs', 'method-options'] as const,
  search: async (q: string) =>
    (
      await unwrap(
        api.GET('/api/v1/methods/catalogue', {
          params: { query: { q: q || undefined, limit: 50, sort: 'code' } },
        }),
      )
    ).items.map(methodLabel),
  resolve: async (ids: string[]) =>
    (
      await unwrap(api.GET('/api/v1/methods/catalogue', { params: { query: { ids, limit: 100 } } }))
    ).items.map(methodLabel),
};

/** The specification catalogue (active revisions, no limits): staff and portal customers pick from it. */
const specLabel = (s: { id: string; code: string; name: string; revision: number }) => ({
  value: s.id,
  label: `${s.code} rev ${s.revision} · ${s.name}`,
});

export const specificationOptions = {
  queryKey: ['trfs', 'specification-options'] as const,
  search: async (q: string) =>
    (
      await unwrap(
        api.GET('/api/v1/specifications/catalogue', {
          params: { query: { q: q || undefined, limit: 50, sort: 'code' } },
        }),
      )
    ).items.map(specLabel),
  resolve: async (ids: string[]) =>
    (
      await unwrap(api.GET('/api/v1/specifications/catalogue', { params: { query: { ids, limit: 100 } } }))
    ).items.map(specLabel),
};

/** The portal user's own company (a customer user sees exactly one): prefills the applicant. */
export const myCompany = async () =>
  (await unwrap(api.GET('/api/v1/customers', { params: { query: { limit: 1 } } }))).items[0] ?? null;
