import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';
import { listExporter } from '../../components/data-table/download';
import type { RemoteOption } from '../../components/forms/RemoteSelect';

export type Ncr = ResponseOf<'ncrs-get'>;
export type NcrInput = BodyOf<'ncrs-create'>;
export type NcrPatch = BodyOf<'ncrs-update'>;
export type NcrsQuery = QueryOf<'ncrs-list'>;
export type NcrStatus = Ncr['status'];
export type NcrStep = Ncr['steps'][number];
export type Why = Ncr['whys'][number];
export type NcrAction = ResponseOf<'ncrs-actions-list'>['items'][number];
export type NcrActionInput = BodyOf<'ncrs-actions-create'>;
export type NcrActionsQuery = QueryOf<'ncr-actions-list'>;
/** The state moves of an NCR (close is signed: see closeNcr). */
export type NcrMove = 'investigate' | 'plan_actions' | 'verify' | 'reopen_actions';

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const idem = (key: string) => ({ 'idempotency-key': key });

export const ncrKeys = {
  all: ['ncrs'] as const,
  list: () => [...ncrKeys.all, 'list'] as const,
  board: () => [...ncrKeys.all, 'board'] as const,
  detail: (id: string) => [...ncrKeys.all, 'detail', id] as const,
  history: (id: string) => [...ncrKeys.all, 'history', id] as const,
  actions: (id: string) => [...ncrKeys.all, 'actions', id] as const,
  overdue: () => [...ncrKeys.all, 'overdue-actions'] as const,
  people: () => [...ncrKeys.all, 'people'] as const,
};

export const NCR_STATUSES: NcrStatus[] = [
  'open',
  'investigating',
  'action_pending',
  'verification',
  'closed',
];
export const NCR_STATUS_LABELS: Record<NcrStatus, string> = {
  open: 'Open',
  investigating: 'Investigating',
  action_pending: 'Actions pending',
  verification: 'Verification',
  closed: 'Closed',
};
export const NCR_SEVERITY_LABELS: Record<Ncr['severity'], string> = {
  minor: 'Minor',
  major: 'Major',
  critical: 'Critical',
};
export const NCR_SEVERITY_COLORS: Record<Ncr['severity'], string> = {
  minor: 'yellow',
  major: 'orange',
  critical: 'red',
};
export const NCR_SOURCE_LABELS: Record<Ncr['source'], string> = {
  audit_finding: 'Audit finding',
  failed_result: 'Failed result',
  customer_complaint: 'Customer complaint',
  equipment: 'Equipment',
  other: 'Other',
};

export const listNcrs = (query: NcrsQuery) => unwrap(api.GET('/api/v1/ncrs', { params: { query } }));

/** The list as CSV or an Excel workbook, with the table's filter and sort. */
export const exportNcrs = listExporter('/api/v1/ncrs');

/** The open NCRs for the board (newest 100) plus the latest closed ones. */
export const useNcrBoard = () =>
  useQuery({
    queryKey: ncrKeys.board(),
    queryFn: async () => {
      const [active, closed] = await Promise.all(
        [false, true].map((isClosed) =>
          listNcrs({ limit: 100, sort: '-created_at', ...(isClosed ? { status: 'closed' } : {}) }),
        ),
      );
      return [...active.items.filter((n) => n.status !== 'closed'), ...closed.items.slice(0, 20)];
    },
  });

export const ncrQuery = (id: string) =>
  queryOptions({
    queryKey: ncrKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/ncrs/{id}', { params: { path: { id } } })),
  });
export const useNcr = (id: string) => useQuery(ncrQuery(id));

export const createNcr = (body: NcrInput, key: string) =>
  unwrap(api.POST('/api/v1/ncrs', { body, params: { header: idem(key) } }));

export const updateNcr = (ncr: Pick<Ncr, 'id' | 'version'>, body: NcrPatch) =>
  unwrap(
    api.PATCH('/api/v1/ncrs/{id}', { params: { path: { id: ncr.id }, header: ifMatch(ncr.version) }, body }),
  );

export function moveNcr(ncr: Pick<Ncr, 'id' | 'version'>, move: NcrMove, note?: string) {
  const params = { path: { id: ncr.id }, header: ifMatch(ncr.version) };
  const body = { note: note ?? null };
  if (move === 'investigate') return unwrap(api.POST('/api/v1/ncrs/{id}/investigate', { params, body }));
  if (move === 'plan_actions') return unwrap(api.POST('/api/v1/ncrs/{id}/plan_actions', { params, body }));
  if (move === 'verify') return unwrap(api.POST('/api/v1/ncrs/{id}/verify', { params, body }));
  return unwrap(api.POST('/api/v1/ncrs/{id}/reopen_actions', { params, body }));
}

export const closeNcr = (
  ncr: Pick<Ncr, 'id' | 'version'>,
  signature: { password: string; meaning: 'closed' },
) =>
  unwrap(
    api.POST('/api/v1/ncrs/{id}/close', {
      params: { path: { id: ncr.id }, header: ifMatch(ncr.version) },
      body: signature,
    }),
  );

export const ncrHistory = (id: string, skip: number) =>
  unwrap(api.GET('/api/v1/ncrs/{id}/history', { params: { path: { id }, query: { skip, limit: 20 } } }));

export const useNcrActions = (id: string) =>
  useQuery({
    queryKey: ncrKeys.actions(id),
    queryFn: () => unwrap(api.GET('/api/v1/ncrs/{id}/actions', { params: { path: { id } } })),
  });

export const addNcrAction = (ncrId: string, body: NcrActionInput, key: string) =>
  unwrap(api.POST('/api/v1/ncrs/{id}/actions', { params: { path: { id: ncrId }, header: idem(key) }, body }));

export const completeNcrAction = (action: Pick<NcrAction, 'id' | 'ncr_id' | 'version'>, evidence: string) =>
  unwrap(
    api.POST('/api/v1/ncrs/{id}/actions/{actionId}/complete', {
      params: { path: { id: action.ncr_id, actionId: action.id }, header: ifMatch(action.version) },
      body: { evidence },
    }),
  );

export const withdrawNcrAction = (action: Pick<NcrAction, 'id' | 'ncr_id' | 'version'>) =>
  unwrap(
    api.DELETE('/api/v1/ncrs/{id}/actions/{actionId}', {
      params: { path: { id: action.ncr_id, actionId: action.id }, header: ifMatch(action.version) },
    }),
  );

export const listNcrActions = (query: NcrActionsQuery) =>
  unwrap(api.GET('/api/v1/ncr-actions', { params: { query } }));

export const useOverdueActions = () =>
  useQuery({
    queryKey: ncrKeys.overdue(),
    queryFn: () => listNcrActions({ overdue: true, limit: 100, sort: 'due_date' }),
  });

/** Staff who may own NCRs and actions, for the owner pickers. */
export async function searchPeople(q: string): Promise<RemoteOption[]> {
  const res = await unwrap(api.GET('/api/v1/ncrs/people', { params: { query: { q, limit: 20 } } }));
  return res.items.map((p) => ({ value: p.id, label: `${p.name} (${p.role})` }));
}
