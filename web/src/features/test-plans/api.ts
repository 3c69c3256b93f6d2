import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';
import { listExporter } from '../../components/data-table/download';
import type { RemoteOption } from '../../components/forms/RemoteSelect';

export type TestPlan = ResponseOf<'test-plans-get'>;
export type TestPlanInput = BodyOf<'test-plans-create'>;
export type TestPlansQuery = QueryOf<'test-plans-list'>;
export type PlanStatus = TestPlan['status'];
export type PlanAction = 'start' | 'complete' | 'cancel';

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export const planKeys = {
  all: ['test-plans'] as const,
  list: () => [...planKeys.all, 'list'] as const,
  detail: (id: string) => [...planKeys.all, 'detail', id] as const,
  history: (id: string) => [...planKeys.all, 'history', id] as const,
  options: (what: string, ...more: unknown[]) => [...planKeys.all, 'options', what, ...more] as const,
};

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  planned: 'Planned',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export const PRIORITY_LABELS: Record<TestPlan['priority'], string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
};

export const listPlans = (query: TestPlansQuery) =>
  unwrap(api.GET('/api/v1/test-plans', { params: { query } }));

/** The list as CSV or an Excel workbook, with the table's filter and sort. */
export const exportPlans = listExporter('/api/v1/test-plans');

export const planQuery = (id: string) =>
  queryOptions({
    queryKey: planKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/test-plans/{id}', { params: { path: { id } } })),
  });

export const usePlan = (id: string) => useQuery(planQuery(id));

export const createPlan = (body: TestPlanInput, idempotencyKey: string) =>
  unwrap(api.POST('/api/v1/test-plans', { body, params: { header: { 'idempotency-key': idempotencyKey } } }));

export const updatePlan = (id: string, body: BodyOf<'test-plans-update'>, version: number) =>
  unwrap(api.PATCH('/api/v1/test-plans/{id}', { params: { path: { id }, header: ifMatch(version) }, body }));

/** start / complete / cancel (cancel needs a reason). */
export function planAction(plan: Pick<TestPlan, 'id' | 'version'>, action: PlanAction, reason?: string) {
  const params = { path: { id: plan.id }, header: ifMatch(plan.version) };
  if (action === 'cancel')
    return unwrap(api.POST('/api/v1/test-plans/{id}/cancel', { params, body: { reason: reason ?? '' } }));
  if (action === 'start') return unwrap(api.POST('/api/v1/test-plans/{id}/start', { params }));
  return unwrap(api.POST('/api/v1/test-plans/{id}/complete', { params }));
}

export const planHistory = (id: string, skip: number) =>
  unwrap(
    api.GET('/api/v1/test-plans/{id}/history', { params: { path: { id }, query: { skip, limit: 20 } } }),
  );

/* Options for the plan form: the records a plan points at, searched on the server. */

export const searchProjects = async (q: string): Promise<RemoteOption[]> => {
  const page = await unwrap(
    api.GET('/api/v1/projects', { params: { query: { q: q || undefined, limit: 20, sort: '-created_at' } } }),
  );
  return page.items
    .filter((p) => p.status !== 'completed' && p.status !== 'cancelled')
    .map((p) => ({ value: p.id, label: `${p.number} · ${p.name}` }));
};

export const resolveProjects = async (ids: string[]): Promise<RemoteOption[]> =>
  Promise.all(
    ids.map(async (id) => {
      const p = await unwrap(api.GET('/api/v1/projects/{id}', { params: { path: { id } } }));
      return { value: p.id, label: `${p.number} · ${p.name}` };
    }),
  );

export const searchMethods = async (q: string): Promise<RemoteOption[]> => {
  const page = await unwrap(
    api.GET('/api/v1/methods', {
      params: { query: { q: q || undefined, is_active: true, limit: 30, sort: 'code' } },
    }),
  );
  return page.items.map((m) => ({ value: m.id, label: `${m.code} · ${m.title}` }));
};

export const searchSpecifications = async (q: string): Promise<RemoteOption[]> => {
  const page = await unwrap(
    api.GET('/api/v1/specifications', {
      params: { query: { q: q || undefined, status: 'active', limit: 30, sort: 'code' } },
    }),
  );
  return page.items.map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` }));
};

/** Every sample of a project that can still be tested (up to 500, in pages of 100). */
export function useProjectSamples(projectId: string | null) {
  return useQuery({
    queryKey: planKeys.options('samples', projectId),
    enabled: Boolean(projectId),
    queryFn: async () => {
      const all: { value: string; label: string }[] = [];
      for (let skip = 0; skip < 500; skip += 100) {
        const page = await unwrap(
          api.GET('/api/v1/samples', {
            params: { query: { project_id: projectId!, limit: 100, skip, sort: 'number' } },
          }),
        );
        for (const s of page.items) {
          if (s.status === 'disposed' || s.status === 'returned') continue;
          all.push({ value: s.id, label: `${s.number} · ${s.description}` });
        }
        if (!page.has_more) break;
      }
      return all;
    },
  });
}

/** The engineers authorised for a method who may perform it now. */
export function useAuthorisedEngineers(methodId: string | null) {
  return useQuery({
    queryKey: planKeys.options('engineers', methodId),
    enabled: Boolean(methodId),
    queryFn: async () => {
      const { items } = await unwrap(
        api.GET('/api/v1/methods/{id}/engineers', { params: { path: { id: methodId! } } }),
      );
      return items.filter((e) => e.eligible).map((e) => ({ value: e.id, label: e.full_name || e.email }));
    },
  });
}
