import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';
import { listExporter } from '../../components/data-table/download';

export type Specification = ResponseOf<'specifications-get'>;
export type SpecificationInput = BodyOf<'specifications-create'>;
export type ReviseInput = BodyOf<'specifications-revise'>;
export type SpecLimit = Specification['limits'][number];
export type SpecificationsQuery = QueryOf<'specifications-list'>;
export type CatalogueMethod = ResponseOf<'methods-catalogue-list'>['items'][number];

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export const specificationKeys = {
  all: ['specifications'] as const,
  list: () => [...specificationKeys.all, 'list'] as const,
  detail: (id: string) => [...specificationKeys.all, 'detail', id] as const,
  history: (id: string) => [...specificationKeys.all, 'history', id] as const,
  revisions: (id: string) => [...specificationKeys.all, 'revisions', id] as const,
  methods: () => [...specificationKeys.all, 'method-options'] as const,
};

export const listSpecifications = (query: SpecificationsQuery) =>
  unwrap(api.GET('/api/v1/specifications', { params: { query } }));

/** The list as CSV or an Excel workbook, with the table's filter and sort. */
export const exportSpecifications = listExporter('/api/v1/specifications');

export const specificationQuery = (id: string) =>
  queryOptions({
    queryKey: specificationKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/specifications/{id}', { params: { path: { id } } })),
  });

export const useSpecification = (id: string) => useQuery(specificationQuery(id));

export const useRevisions = (id: string, version: number) =>
  useQuery({
    queryKey: [...specificationKeys.revisions(id), version],
    queryFn: () => unwrap(api.GET('/api/v1/specifications/{id}/revisions', { params: { path: { id } } })),
  });

export const createSpecification = (body: SpecificationInput, idempotencyKey: string) =>
  unwrap(
    api.POST('/api/v1/specifications', { body, params: { header: { 'idempotency-key': idempotencyKey } } }),
  );

/** PUT: name, description and source; code and limits go back unchanged (they change by revise). */
export const replaceSpecification = (id: string, body: SpecificationInput, version: number) =>
  unwrap(
    api.PUT('/api/v1/specifications/{id}', { params: { path: { id }, header: ifMatch(version) }, body }),
  );

/** Revision n+1 from the current one (which must still be at `version`). */
export const reviseSpecification = (id: string, body: ReviseInput, version: number, idempotencyKey: string) =>
  unwrap(
    api.POST('/api/v1/specifications/{id}/revise', {
      params: { path: { id }, header: { ...ifMatch(version), 'idempotency-key': idempotencyKey } },
      body,
    }),
  );

export const archiveSpecification = (id: string, version: number) =>
  unwrap(api.DELETE('/api/v1/specifications/{id}', { params: { path: { id }, header: ifMatch(version) } }));

export const restoreSpecification = (id: string, version: number) =>
  unwrap(
    api.POST('/api/v1/specifications/{id}/restore', { params: { path: { id }, header: ifMatch(version) } }),
  );

export const specificationHistory = (id: string, skip: number) =>
  unwrap(
    api.GET('/api/v1/specifications/{id}/history', {
      params: { path: { id }, query: { skip, limit: 20 } },
    }),
  );

/** The active catalogue, every page: limits may be tied to one method's parameter. */
async function allCatalogueMethods(): Promise<CatalogueMethod[]> {
  const all: CatalogueMethod[] = [];
  for (let skip = 0; ; skip += 100) {
    const page = await unwrap(
      api.GET('/api/v1/methods/catalogue', { params: { query: { skip, limit: 100, sort: 'code' } } }),
    );
    all.push(...page.items);
    if (!page.has_more) return all;
  }
}

export const useMethodOptions = () =>
  useQuery({ queryKey: specificationKeys.methods(), queryFn: allCatalogueMethods, staleTime: 60_000 });
