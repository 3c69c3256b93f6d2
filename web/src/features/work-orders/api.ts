import {
  IconCircleCheck,
  IconCircleDashed,
  IconCircleX,
  IconPlayerPause,
  IconPlayerPlay,
} from '@tabler/icons-react';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';
import { listExporter } from '../../components/data-table/download';
import type { RemoteOption } from '../../components/forms/RemoteSelect';
import type { StateLook } from '../../components/ui/StateBadge';

export type WorkOrder = ResponseOf<'work-orders-get'>;
export type WorkOrderInput = BodyOf<'work-orders-create'>;
export type WorkOrdersQuery = QueryOf<'work-orders-list'>;
export type WorkOrderStatus = WorkOrder['status'];
export type WorkOrderAction = 'start' | 'hold' | 'resume' | 'complete' | 'cancel';

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export const workOrderKeys = {
  all: ['work-orders'] as const,
  list: () => [...workOrderKeys.all, 'list'] as const,
  detail: (id: string) => [...workOrderKeys.all, 'detail', id] as const,
  history: (id: string) => [...workOrderKeys.all, 'history', id] as const,
  options: (what: string) => [...workOrderKeys.all, 'options', what] as const,
};

export const WO_STATUS_LOOKS: Record<WorkOrderStatus, StateLook> = {
  open: { label: 'Open', color: 'gray', icon: IconCircleDashed },
  in_progress: { label: 'In progress', color: 'blue', icon: IconPlayerPlay },
  on_hold: { label: 'On hold', color: 'orange', icon: IconPlayerPause },
  done: { label: 'Done', color: 'green', icon: IconCircleCheck },
  cancelled: { label: 'Cancelled', color: 'red', icon: IconCircleX },
};

export const WO_PRIORITIES = [
  { value: 'low', label: 'Low' },
  { value: 'normal', label: 'Normal' },
  { value: 'high', label: 'High' },
  { value: 'urgent', label: 'Urgent' },
];

export const listWorkOrders = (query: WorkOrdersQuery) =>
  unwrap(api.GET('/api/v1/work-orders', { params: { query } }));

export const exportWorkOrders = listExporter('/api/v1/work-orders');

export const workOrderQuery = (id: string) =>
  queryOptions({
    queryKey: workOrderKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/work-orders/{id}', { params: { path: { id } } })),
  });

export const useWorkOrder = (id: string) => useQuery(workOrderQuery(id));

export const createWorkOrder = (body: WorkOrderInput, idempotencyKey: string) =>
  unwrap(
    api.POST('/api/v1/work-orders', { body, params: { header: { 'idempotency-key': idempotencyKey } } }),
  );

export const replaceWorkOrder = (id: string, body: WorkOrderInput, version: number) =>
  unwrap(api.PUT('/api/v1/work-orders/{id}', { params: { path: { id }, header: ifMatch(version) }, body }));

export const runWorkOrderAction = (id: string, action: WorkOrderAction, version: number, reason?: string) =>
  unwrap(
    api.POST(
      `/api/v1/work-orders/{id}/${action}` as '/api/v1/work-orders/{id}/hold',
      {
        params: { path: { id }, header: ifMatch(version) },
        ...(reason !== undefined ? { body: { reason } } : {}),
      } as never,
    ),
  );

export const setWorkOrderProgress = (id: string, progress: number, version: number) =>
  unwrap(
    api.POST('/api/v1/work-orders/{id}/set-progress', {
      params: { path: { id }, header: ifMatch(version) },
      body: { progress },
    }),
  );

export const workOrderHistory = (id: string, skip: number) =>
  unwrap(
    api.GET('/api/v1/work-orders/{id}/history', { params: { path: { id }, query: { skip, limit: 20 } } }),
  );

export async function searchProjects(q: string): Promise<RemoteOption[]> {
  const page = await unwrap(api.GET('/api/v1/projects', { params: { query: { q, limit: 20 } } }));
  return page.items.map((p) => ({ value: p.id, label: `${p.number} · ${p.name}` }));
}

export async function searchSalesOrders(q: string): Promise<RemoteOption[]> {
  const page = await unwrap(api.GET('/api/v1/sales-orders', { params: { query: { q, limit: 20 } } }));
  return page.items.map((o) => ({ value: o.id, label: `${o.number} · ${o.customer_name}` }));
}

/** People who can be assigned lab-floor work. */
export async function searchAssignees(q: string): Promise<RemoteOption[]> {
  const page = await unwrap(
    api.GET('/api/v1/users', { params: { query: { q, limit: 20, is_active: true } } }),
  );
  return page.items
    .filter((u) => ['engineer', 'manager', 'admin'].includes(u.role))
    .map((u) => ({ value: u.id, label: `${u.full_name || u.email} (${u.role})` }));
}
