import {
  IconAlertTriangle,
  IconBan,
  IconCircleCheck,
  IconClock,
  IconFileText,
  IconLoader,
  IconReplace,
} from '@tabler/icons-react';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, session } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';
import { listExporter } from '../../components/data-table/download';
import type { RemoteOption } from '../../components/forms/RemoteSelect';
import type { StateLook } from '../../components/ui/StateBadge';

export type Report = ResponseOf<'reports-get'>;
export type ReportsQuery = QueryOf<'reports-list'>;
export type ReportCreate = BodyOf<'reports-create'>;
export type ReportStatus = Report['status'];

export const reportKeys = {
  all: ['reports'] as const,
  list: () => [...reportKeys.all, 'list'] as const,
  detail: (id: string) => [...reportKeys.all, 'detail', id] as const,
  history: (id: string) => [...reportKeys.all, 'history', id] as const,
  versions: (number: string) => [...reportKeys.all, 'versions', number] as const,
};

export const REPORT_LOOKS: Record<ReportStatus, StateLook> = {
  queued: { label: 'Queued', color: 'gray', icon: IconClock },
  generating: { label: 'Generating', color: 'blue', icon: IconLoader },
  draft: { label: 'Draft', color: 'yellow', icon: IconFileText },
  failed: { label: 'Failed', color: 'red', icon: IconAlertTriangle },
  issued: { label: 'Issued', color: 'green', icon: IconCircleCheck },
  superseded: { label: 'Superseded', color: 'orange', icon: IconReplace },
  revoked: { label: 'Revoked', color: 'red', icon: IconBan },
};

export const listReports = (query: ReportsQuery) => unwrap(api.GET('/api/v1/reports', { params: { query } }));
export const exportReports = listExporter('/api/v1/reports');

export const reportQuery = (id: string) =>
  queryOptions({
    queryKey: reportKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/reports/{id}', { params: { path: { id } } })),
  });
export const useReport = (id: string) => useQuery(reportQuery(id));

/** Every version of a report number, oldest first (the amendment chain). */
export const useReportVersions = (number: string | undefined) =>
  useQuery({
    queryKey: reportKeys.versions(number ?? ''),
    enabled: Boolean(number),
    queryFn: async () => {
      const page = await unwrap(
        api.GET('/api/v1/reports', { params: { query: { q: number, limit: 100, sort: 'created_at' } } }),
      );
      return page.items.filter((r) => r.number === number);
    },
  });

export const createReport = (body: ReportCreate, idempotencyKey: string) =>
  unwrap(api.POST('/api/v1/reports', { body, params: { header: { 'idempotency-key': idempotencyKey } } }));

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export const issueReport = (
  r: Pick<Report, 'id' | 'version'>,
  body: { password: string; meaning: 'issued' },
) =>
  unwrap(
    api.POST('/api/v1/reports/{id}/issue', {
      params: { path: { id: r.id }, header: ifMatch(r.version) },
      body,
    }),
  );

export const amendReport = (r: Pick<Report, 'id' | 'version'>, body: BodyOf<'reports-amend'>) =>
  unwrap(
    api.POST('/api/v1/reports/{id}/amend', {
      params: { path: { id: r.id }, header: ifMatch(r.version) },
      body,
    }),
  );

export const regenerateReport = (r: Pick<Report, 'id' | 'version'>) =>
  unwrap(
    api.POST('/api/v1/reports/{id}/regenerate', {
      params: { path: { id: r.id }, header: ifMatch(r.version) },
    }),
  );

export const revokeReport = (r: Pick<Report, 'id' | 'version'>, reason: string) =>
  unwrap(
    api.POST('/api/v1/reports/{id}/revoke', {
      params: { path: { id: r.id }, header: ifMatch(r.version) },
      body: { reason },
    }),
  );

export const reportHistory = (id: string, skip: number) =>
  unwrap(api.GET('/api/v1/reports/{id}/history', { params: { path: { id }, query: { skip, limit: 20 } } }));

/** Downloads the PDF as a file (the signed original for superseded/revoked reports when asked). */
export async function downloadReportPdf(r: Pick<Report, 'id'>, original = false) {
  const { data, error, response } = await api.GET('/api/v1/reports/{id}/download', {
    params: { path: { id: r.id }, query: { download: true, ...(original ? { original: true } : {}) } },
    parseAs: 'blob',
  });
  if (!response.ok) throw error;
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'report.pdf';
  return { blob: data as unknown as Blob, name };
}

export async function searchProjects(q: string): Promise<RemoteOption[]> {
  const page = await unwrap(api.GET('/api/v1/projects', { params: { query: { q, limit: 20 } } }));
  return page.items.map((p) => ({ value: p.id, label: `${p.number} · ${p.name}` }));
}

export interface ProgressEvent {
  status: ReportStatus;
  progress: number;
  error: string | null;
}

/**
 * Follows a report's generation over server-sent events. EventSource cannot send the bearer
 * token, so the stream is read with the session's fetch and parsed here. Resolves when the server
 * ends the stream (the report is no longer being generated) or `signal` aborts.
 */
export async function followReport(id: string, onEvent: (e: ProgressEvent) => void, signal: AbortSignal) {
  const response = await session.fetch(
    new Request(`${window.location.origin}/api/v1/reports/${id}/events`, {
      headers: { accept: 'text/event-stream' },
      signal,
    }),
  );
  if (!response.ok || !response.body) throw new Error(`progress stream refused (${response.status})`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let cut = buffer.indexOf('\n\n');
    while (cut >= 0) {
      const message = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const data = message.split('\n').find((line) => line.startsWith('data: '));
      if (data) onEvent(JSON.parse(data.slice(6)) as ProgressEvent);
      cut = buffer.indexOf('\n\n');
    }
  }
}
