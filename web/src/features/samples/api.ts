import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/problem';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';
import { listExporter } from '../../components/data-table/download';
import type { RemoteOption } from '../../components/forms/RemoteSelect';

export type Sample = ResponseOf<'samples-get'>;
export type SampleInput = BodyOf<'samples-create'>;
export type SampleStatus = Sample['status'];
export type SampleCondition = Sample['condition'];
export type SamplesQuery = QueryOf<'samples-list'>;
export type CustodyEntry = ResponseOf<'samples-custody-list'>['items'][number];
export type CustodyInput = BodyOf<'samples-custody-create'>;
export type BulkItem = BodyOf<'samples-bulk-create'>['items'][number];

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const idem = () => ({ 'idempotency-key': crypto.randomUUID() });

export const sampleKeys = {
  all: ['samples'] as const,
  list: () => [...sampleKeys.all, 'list'] as const,
  detail: (id: string) => [...sampleKeys.all, 'detail', id] as const,
  history: (id: string) => [...sampleKeys.all, 'history', id] as const,
  custody: (id: string) => [...sampleKeys.all, 'custody', id] as const,
  children: (id: string) => [...sampleKeys.all, 'children', id] as const,
};

export const STATUS_LABELS: Record<SampleStatus, string> = {
  received: 'Received',
  in_test: 'In test',
  tested: 'Tested',
  retained: 'Retained',
  disposed: 'Disposed',
  returned: 'Returned',
};

export const CONDITION_LABELS: Record<SampleCondition, string> = {
  ok: 'OK',
  damaged: 'Damaged',
  insufficient: 'Insufficient',
  contaminated: 'Contaminated',
  wet: 'Wet',
  other: 'Other',
};

export const listSamples = (query: SamplesQuery) => unwrap(api.GET('/api/v1/samples', { params: { query } }));

/** The list as CSV or an Excel workbook, with the table's filter and sort. */
export const exportSamples = listExporter('/api/v1/samples');

export const sampleQuery = (id: string) =>
  queryOptions({
    queryKey: sampleKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/samples/{id}', { params: { path: { id } } })),
  });

export const useSample = (id: string) => useQuery(sampleQuery(id));

export const createSample = (body: SampleInput, idempotencyKey: string) =>
  unwrap(api.POST('/api/v1/samples', { body, params: { header: { 'idempotency-key': idempotencyKey } } }));

export const replaceSample = (id: string, body: SampleInput, version: number) =>
  unwrap(api.PUT('/api/v1/samples/{id}', { params: { path: { id }, header: ifMatch(version) }, body }));

export const archiveSample = (id: string, version: number) =>
  unwrap(api.DELETE('/api/v1/samples/{id}', { params: { path: { id }, header: ifMatch(version) } }));

export const restoreSample = (id: string, version: number) =>
  unwrap(api.POST('/api/v1/samples/{id}/restore', { params: { path: { id }, header: ifMatch(version) } }));

export const sampleHistory = (id: string, skip: number) =>
  unwrap(api.GET('/api/v1/samples/{id}/history', { params: { path: { id }, query: { skip, limit: 20 } } }));

export const sampleCustody = (id: string) =>
  unwrap(api.GET('/api/v1/samples/{id}/custody', { params: { path: { id } } }));

export const recordCustody = (id: string, body: CustodyInput) =>
  unwrap(api.POST('/api/v1/samples/{id}/custody', { params: { path: { id }, header: idem() }, body }));

export const splitSample = (id: string, count: number, descriptions?: string[]) =>
  unwrap(
    api.POST('/api/v1/samples/{id}/split', {
      params: { path: { id }, header: idem() },
      body: { count, ...(descriptions ? { descriptions } : {}) },
    }),
  );

export const bulkRegister = (project_id: string, items: BulkItem[], idempotencyKey: string) =>
  unwrap(
    api.POST('/api/v1/samples/bulk', {
      params: { header: { 'idempotency-key': idempotencyKey } },
      body: { project_id, items },
    }),
  );

/** The state actions (bodies are all optional fields; see the server's samples.machine.ts). */
export type SampleAction = 'start_testing' | 'finish_testing' | 'retain' | 'dispose' | 'return_to_customer';

export function runSampleAction(sample: Sample, action: SampleAction, body: Record<string, string | null>) {
  const params = { path: { id: sample.id }, header: ifMatch(sample.version) };
  switch (action) {
    case 'start_testing':
      return unwrap(api.POST('/api/v1/samples/{id}/start_testing', { params, body }));
    case 'finish_testing':
      return unwrap(api.POST('/api/v1/samples/{id}/finish_testing', { params, body }));
    case 'retain':
      return unwrap(api.POST('/api/v1/samples/{id}/retain', { params, body }));
    case 'dispose':
      return unwrap(api.POST('/api/v1/samples/{id}/dispose', { params, body }));
    case 'return_to_customer':
      return unwrap(api.POST('/api/v1/samples/{id}/return_to_customer', { params, body }));
  }
}

// ---- labels: PDFs opened in a new tab ----

async function pdfOrThrow(result: Promise<{ data?: unknown; error?: unknown; response: Response }>) {
  const { data, error, response } = await result;
  if (!response.ok) throw new ApiError(response.status, (error ?? {}) as never);
  return data as unknown as Blob;
}

export const labelPdf = (id: string) =>
  pdfOrThrow(api.GET('/api/v1/samples/{id}/label', { params: { path: { id } }, parseAs: 'blob' }));

export const labelsPdf = (sampleIds: string[]) =>
  pdfOrThrow(api.POST('/api/v1/samples/labels', { body: { sample_ids: sampleIds }, parseAs: 'blob' }));

// ---- options for the registration forms ----

const CLOSED = ['completed', 'cancelled'];

export const projectOptions = {
  queryKey: ['samples', 'project-options'] as const,
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

/** The TRFs of a project (for the TRF picker of a sample). */
export const projectTrfs = (projectId: string) =>
  unwrap(
    api.GET('/api/v1/trfs', {
      params: { query: { project_id: projectId, limit: 100, sort: '-created_at' } },
    }),
  );
