import {
  IconAlertTriangle,
  IconBan,
  IconCircleCheck,
  IconClockPause,
  IconFileText,
} from '@tabler/icons-react';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';
import { listExporter } from '../../components/data-table/download';
import type { RemoteOption } from '../../components/forms/RemoteSelect';
import type { StateLook } from '../../components/ui/StateBadge';

export type Certification = ResponseOf<'certifications-get'>;
export type CertificationsQuery = QueryOf<'certifications-list'>;
export type CertificationInput = BodyOf<'certifications-create'>;
export type CertificationStatus = Certification['status'];
export type CertificationAction = 'suspend' | 'reinstate' | 'revoke';

export const certificationKeys = {
  all: ['certifications'] as const,
  list: () => [...certificationKeys.all, 'list'] as const,
  detail: (id: string) => [...certificationKeys.all, 'detail', id] as const,
  history: (id: string) => [...certificationKeys.all, 'history', id] as const,
};

export const CERTIFICATION_LOOKS: Record<CertificationStatus, StateLook> = {
  draft: { label: 'Draft', color: 'gray', icon: IconFileText },
  issued: { label: 'Issued', color: 'green', icon: IconCircleCheck },
  suspended: { label: 'Suspended', color: 'orange', icon: IconClockPause },
  revoked: { label: 'Revoked', color: 'red', icon: IconBan },
  expired: { label: 'Expired', color: 'red', icon: IconAlertTriangle },
};

/** Expiry colours of the register: expired red, under 30 days amber, otherwise none. */
export function expiryColour(
  c: Pick<Certification, 'status' | 'days_to_expiry'>,
): 'red' | 'orange' | undefined {
  if (c.status === 'expired' || c.days_to_expiry < 0) return 'red';
  if (c.status === 'issued' && c.days_to_expiry <= 30) return 'orange';
  return undefined;
}

export const listCertifications = (query: CertificationsQuery) =>
  unwrap(api.GET('/api/v1/certifications', { params: { query } }));
export const exportCertifications = listExporter('/api/v1/certifications');

export const certificationQuery = (id: string) =>
  queryOptions({
    queryKey: certificationKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/certifications/{id}', { params: { path: { id } } })),
  });
export const useCertification = (id: string) => useQuery(certificationQuery(id));

export const createCertification = (body: CertificationInput, idempotencyKey: string) =>
  unwrap(
    api.POST('/api/v1/certifications', { body, params: { header: { 'idempotency-key': idempotencyKey } } }),
  );

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export const issueCertification = (
  c: Pick<Certification, 'id' | 'version'>,
  body: { password: string; meaning: 'issued' },
) =>
  unwrap(
    api.POST('/api/v1/certifications/{id}/issue', {
      params: { path: { id: c.id }, header: ifMatch(c.version) },
      body,
    }),
  );

export function runCertificationAction(
  c: Pick<Certification, 'id' | 'version'>,
  action: CertificationAction,
  reason?: string,
) {
  const params = { path: { id: c.id }, header: ifMatch(c.version) };
  if (action === 'reinstate') return unwrap(api.POST('/api/v1/certifications/{id}/reinstate', { params }));
  if (action === 'suspend')
    return unwrap(
      api.POST('/api/v1/certifications/{id}/suspend', { params, body: { reason: reason ?? '' } }),
    );
  return unwrap(api.POST('/api/v1/certifications/{id}/revoke', { params, body: { reason: reason ?? '' } }));
}

export const certificationHistory = (id: string, skip: number) =>
  unwrap(
    api.GET('/api/v1/certifications/{id}/history', { params: { path: { id }, query: { skip, limit: 20 } } }),
  );

export async function downloadCertificationPdf(c: Pick<Certification, 'id'>) {
  const { data, error, response } = await api.GET('/api/v1/certifications/{id}/download', {
    params: { path: { id: c.id }, query: { download: true } },
    parseAs: 'blob',
  });
  if (!response.ok) throw error;
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'certificate.pdf';
  return { blob: data as unknown as Blob, name };
}

export async function searchProjects(q: string): Promise<RemoteOption[]> {
  const page = await unwrap(api.GET('/api/v1/projects', { params: { query: { q, limit: 20 } } }));
  return page.items.map((p) => ({ value: p.id, label: `${p.number} · ${p.name}` }));
}

export async function searchSpecifications(q: string): Promise<RemoteOption[]> {
  const page = await unwrap(api.GET('/api/v1/specifications', { params: { query: { q, limit: 20 } } }));
  return page.items.map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` }));
}

export const projectCustomer = async (projectId: string) =>
  (await unwrap(api.GET('/api/v1/projects/{id}', { params: { path: { id: projectId } } }))).customer_id;

/** Approved, current results of a project that pass the specification: what a certificate may rest on. */
export async function passingResults(projectId: string, specificationId: string) {
  const page = await unwrap(
    api.GET('/api/v1/test-results', {
      params: { query: { project_id: projectId, status: 'approved', limit: 100, sort: 'created_at' } },
    }),
  );
  return page.items.filter(
    (r) =>
      !r.superseded_by_id &&
      r.verdicts.some((v) => v.specification_id === specificationId && v.verdict === 'pass'),
  );
}
