import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';
import type { RemoteOption } from '../../components/forms/RemoteSelect';

export type Audit = ResponseOf<'audits-get'>;
export type AuditInput = BodyOf<'audits-create'>;
export type AuditsQuery = QueryOf<'audits-list'>;
export type AuditStatus = Audit['status'];
export type Finding = ResponseOf<'audits-findings-list'>['items'][number];
export type FindingInput = BodyOf<'audits-findings-create'>;
export type AuditMove = 'start' | 'complete' | 'cancel';

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const idem = (key: string) => ({ 'idempotency-key': key });

export const auditKeys = {
  all: ['audits'] as const,
  list: () => [...auditKeys.all, 'list'] as const,
  board: () => [...auditKeys.all, 'board'] as const,
  detail: (id: string) => [...auditKeys.all, 'detail', id] as const,
  history: (id: string) => [...auditKeys.all, 'history', id] as const,
  findings: (id: string) => [...auditKeys.all, 'findings', id] as const,
  people: () => [...auditKeys.all, 'people'] as const,
};

export const AUDIT_STATUSES: AuditStatus[] = ['planned', 'in_progress', 'completed', 'cancelled'];
export const AUDIT_STATUS_LABELS: Record<AuditStatus, string> = {
  planned: 'Planned',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
};
export const FINDING_KIND_LABELS: Record<Finding['kind'], string> = {
  observation: 'Observation',
  minor: 'Minor',
  major: 'Major',
};
export const FINDING_KIND_COLORS: Record<Finding['kind'], string> = {
  observation: 'blue',
  minor: 'yellow',
  major: 'red',
};

export const listAudits = (query: AuditsQuery) => unwrap(api.GET('/api/v1/audits', { params: { query } }));

export const useAuditBoard = () =>
  useQuery({
    queryKey: auditKeys.board(),
    queryFn: () => listAudits({ limit: 100, sort: '-planned_start' }),
  });

export const auditQuery = (id: string) =>
  queryOptions({
    queryKey: auditKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/audits/{id}', { params: { path: { id } } })),
  });
export const useAudit = (id: string) => useQuery(auditQuery(id));

export const createAudit = (body: AuditInput, key: string) =>
  unwrap(api.POST('/api/v1/audits', { body, params: { header: idem(key) } }));

export const replaceAudit = (id: string, body: AuditInput, version: number) =>
  unwrap(api.PUT('/api/v1/audits/{id}', { params: { path: { id }, header: ifMatch(version) }, body }));

export function moveAudit(audit: Pick<Audit, 'id' | 'version'>, move: AuditMove, reason?: string) {
  const params = { path: { id: audit.id }, header: ifMatch(audit.version) };
  if (move === 'start') return unwrap(api.POST('/api/v1/audits/{id}/start', { params, body: {} }));
  if (move === 'complete') return unwrap(api.POST('/api/v1/audits/{id}/complete', { params, body: {} }));
  return unwrap(api.POST('/api/v1/audits/{id}/cancel', { params, body: { reason: reason ?? '' } }));
}

export const auditHistory = (id: string, skip: number) =>
  unwrap(api.GET('/api/v1/audits/{id}/history', { params: { path: { id }, query: { skip, limit: 20 } } }));

export const useFindings = (id: string) =>
  useQuery({
    queryKey: auditKeys.findings(id),
    queryFn: () => unwrap(api.GET('/api/v1/audits/{id}/findings', { params: { path: { id } } })),
  });

export const addFinding = (auditId: string, body: FindingInput, key: string) =>
  unwrap(
    api.POST('/api/v1/audits/{id}/findings', { params: { path: { id: auditId }, header: idem(key) }, body }),
  );

export const raiseNcr = (finding: Pick<Finding, 'id' | 'audit_id'>, key: string) =>
  unwrap(
    api.POST('/api/v1/audits/{id}/findings/{findingId}/raise-ncr', {
      params: { path: { id: finding.audit_id, findingId: finding.id }, header: idem(key) },
      body: {},
    }),
  );

/** Staff who may audit (the quality people lookup). */
export async function searchAuditors(q: string): Promise<RemoteOption[]> {
  const res = await unwrap(api.GET('/api/v1/ncrs/people', { params: { query: { q, limit: 20 } } }));
  return res.items.map((p) => ({ value: p.id, label: `${p.name} (${p.role})` }));
}
