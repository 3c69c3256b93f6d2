import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { QueryOf } from '../../api/types';

export type AuditQuery = QueryOf<'audit-log-list'>;

export const auditKeys = {
  all: ['audit-log'] as const,
  list: () => [...auditKeys.all, 'list'] as const,
  verify: () => [...auditKeys.all, 'verify'] as const,
};

/** The list filters are dates in the URL (YYYY-MM-DD); the API wants timestamps. */
export function listAuditEvents(query: Record<string, string | number | boolean>) {
  const { at_from, at_to, ...rest } = query;
  const params: AuditQuery = { ...(rest as AuditQuery) };
  if (at_from) params.at_from = `${at_from}T00:00:00.000Z`;
  if (at_to) params.at_to = `${at_to}T23:59:59.999Z`;
  return unwrap(api.GET('/api/v1/audit-log', { params: { query: params } }));
}

export const useChainVerification = () =>
  useQuery({
    queryKey: auditKeys.verify(),
    queryFn: () => unwrap(api.GET('/api/v1/audit-log/verify')),
    staleTime: 60_000,
  });
