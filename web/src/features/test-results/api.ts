import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';
import { listExporter } from '../../components/data-table/download';

export type TestResult = ResponseOf<'test-results-get'>;
export type ResultStatus = TestResult['status'];
export type Verdict = NonNullable<TestResult['overall_verdict']>;
export type SpecVerdict = TestResult['verdicts'][number];
export type ResultsQuery = QueryOf<'test-results-list'>;
export type CorrectionInput = BodyOf<'test-results-correct'>;
export type ResultAction = 'review' | 'approve' | 'reject';

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export const resultKeys = {
  all: ['test-results'] as const,
  list: (query?: ResultsQuery) => [...resultKeys.all, 'list', query ?? {}] as const,
  detail: (id: string) => [...resultKeys.all, 'detail', id] as const,
  history: (id: string) => [...resultKeys.all, 'history', id] as const,
  chain: (id: string) => [...resultKeys.all, 'chain', id] as const,
};

export const RESULT_STATUS_LABELS: Record<ResultStatus, string> = {
  entered: 'Entered',
  reviewed: 'Reviewed',
  approved: 'Approved',
  rejected: 'Rejected',
};

export { VERDICT_LABELS } from '../../components/ui/VerdictChip';

export const listResults = (query: ResultsQuery) =>
  unwrap(api.GET('/api/v1/test-results', { params: { query } }));

/** The list as CSV or an Excel workbook, with the table's filter and sort. */
export const exportResults = listExporter('/api/v1/test-results');

export const getResult = (id: string) =>
  unwrap(api.GET('/api/v1/test-results/{id}', { params: { path: { id } } }));

export const resultQuery = (id: string) =>
  queryOptions({ queryKey: resultKeys.detail(id), queryFn: () => getResult(id) });
export const useResult = (id: string) => useQuery(resultQuery(id));

/**
 * The correction chain through this result: the results it replaced (oldest first), itself, and
 * the ones that replaced it. Chains are short (a correction is rare), so one read per link.
 */
export function useCorrectionChain(result: TestResult | undefined) {
  return useQuery({
    queryKey: [...resultKeys.chain(result?.id ?? ''), result?.version],
    enabled: Boolean(result && (result.supersedes_id || result.superseded_by_id)),
    queryFn: async () => {
      const chain: TestResult[] = [result!];
      for (let r = result!; r.supersedes_id && chain.length < 20; ) {
        r = await getResult(r.supersedes_id);
        chain.unshift(r);
      }
      for (let r = result!; r.superseded_by_id && chain.length < 20; ) {
        r = await getResult(r.superseded_by_id);
        chain.push(r);
      }
      return chain;
    },
  });
}

/** Approving is an e-signature: the approver's password again and the meaning `approved`. */
export interface ApprovalSignature {
  password: string;
  meaning: 'approved';
}

export function resultAction(
  result: Pick<TestResult, 'id' | 'version'>,
  action: ResultAction,
  extra?: { reason?: string; signature?: ApprovalSignature },
) {
  const params = { path: { id: result.id }, header: ifMatch(result.version) };
  if (action === 'reject')
    return unwrap(
      api.POST('/api/v1/test-results/{id}/reject', { params, body: { reason: extra?.reason ?? '' } }),
    );
  if (action === 'review') return unwrap(api.POST('/api/v1/test-results/{id}/review', { params }));
  if (!extra?.signature) throw new Error('Approving a result needs a signature');
  return unwrap(api.POST('/api/v1/test-results/{id}/approve', { params, body: extra.signature }));
}

export const correctResult = (
  result: Pick<TestResult, 'id' | 'version'>,
  body: CorrectionInput,
  idempotencyKey: string,
) =>
  unwrap(
    api.POST('/api/v1/test-results/{id}/correct', {
      params: {
        path: { id: result.id },
        header: { ...ifMatch(result.version), 'idempotency-key': idempotencyKey },
      },
      body,
    }),
  );

export const resultHistory = (id: string, skip: number) =>
  unwrap(
    api.GET('/api/v1/test-results/{id}/history', { params: { path: { id }, query: { skip, limit: 20 } } }),
  );

/** "12.4 ± 0.3 N" */
export const formatValue = (r: Pick<TestResult, 'value' | 'uncertainty' | 'unit'>) =>
  [r.value, r.uncertainty ? `± ${r.uncertainty}` : '', r.unit ?? ''].filter(Boolean).join(' ');
