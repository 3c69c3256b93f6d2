import {
  IconCircleCheck,
  IconCircleDashed,
  IconCircleX,
  IconLock,
  IconPackage,
  IconPackages,
  IconSend,
  IconTruckDelivery,
} from '@tabler/icons-react';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';
import { listExporter } from '../../components/data-table/download';
import type { RemoteOption } from '../../components/forms/RemoteSelect';
import type { StateLook } from '../../components/ui/StateBadge';

export type PurchaseOrder = ResponseOf<'purchase-orders-get'>;
export type PurchaseOrderInput = BodyOf<'purchase-orders-create'>;
export type PurchaseOrdersQuery = QueryOf<'purchase-orders-list'>;
export type PurchaseOrderStatus = PurchaseOrder['status'];
export type Receipt = ResponseOf<'purchase-orders-receipts'>['items'][number];
export type ReceiptInput = BodyOf<'purchase-orders-receive'>['lines'];

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export const purchaseOrderKeys = {
  all: ['purchase-orders'] as const,
  list: () => [...purchaseOrderKeys.all, 'list'] as const,
  detail: (id: string) => [...purchaseOrderKeys.all, 'detail', id] as const,
  history: (id: string) => [...purchaseOrderKeys.all, 'history', id] as const,
  receipts: (id: string) => [...purchaseOrderKeys.all, 'receipts', id] as const,
  options: (what: string) => [...purchaseOrderKeys.all, 'options', what] as const,
};

export const PO_STATUS_LOOKS: Record<PurchaseOrderStatus, StateLook> = {
  draft: { label: 'Draft', color: 'gray', icon: IconCircleDashed },
  submitted: { label: 'Submitted', color: 'blue', icon: IconSend },
  approved: { label: 'Approved', color: 'teal', icon: IconCircleCheck },
  ordered: { label: 'Ordered', color: 'indigo', icon: IconTruckDelivery },
  partially_received: { label: 'Partially received', color: 'orange', icon: IconPackage },
  received: { label: 'Received', color: 'green', icon: IconPackages },
  closed: { label: 'Closed', color: 'dark', icon: IconLock },
  cancelled: { label: 'Cancelled', color: 'red', icon: IconCircleX },
};

export const listPurchaseOrders = (query: PurchaseOrdersQuery) =>
  unwrap(api.GET('/api/v1/purchase-orders', { params: { query } }));

export const exportPurchaseOrders = listExporter('/api/v1/purchase-orders');

export const purchaseOrderQuery = (id: string) =>
  queryOptions({
    queryKey: purchaseOrderKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/purchase-orders/{id}', { params: { path: { id } } })),
  });

export const usePurchaseOrder = (id: string) => useQuery(purchaseOrderQuery(id));

export const useReceipts = (id: string, version: number) =>
  useQuery({
    queryKey: [...purchaseOrderKeys.receipts(id), version],
    queryFn: () => unwrap(api.GET('/api/v1/purchase-orders/{id}/receipts', { params: { path: { id } } })),
  });

export const createPurchaseOrder = (body: PurchaseOrderInput, idempotencyKey: string) =>
  unwrap(
    api.POST('/api/v1/purchase-orders', { body, params: { header: { 'idempotency-key': idempotencyKey } } }),
  );

export const replacePurchaseOrder = (id: string, body: PurchaseOrderInput, version: number) =>
  unwrap(
    api.PUT('/api/v1/purchase-orders/{id}', { params: { path: { id }, header: ifMatch(version) }, body }),
  );

export type PurchaseOrderAction = 'submit' | 'approve' | 'order' | 'close' | 'return' | 'cancel';

export const runPurchaseOrderAction = (
  id: string,
  action: PurchaseOrderAction,
  version: number,
  reason?: string,
) =>
  unwrap(
    api.POST(
      `/api/v1/purchase-orders/{id}/${action}` as '/api/v1/purchase-orders/{id}/cancel',
      {
        params: { path: { id }, header: ifMatch(version) },
        ...(reason !== undefined ? { body: { reason } } : {}),
      } as never,
    ),
  );

export const receiveGoods = (id: string, lines: ReceiptInput, version: number, idempotencyKey: string) =>
  unwrap(
    api.POST('/api/v1/purchase-orders/{id}/receipts', {
      params: { path: { id }, header: { ...ifMatch(version), 'idempotency-key': idempotencyKey } },
      body: { lines },
    }),
  );

export const purchaseOrderHistory = (id: string, skip: number) =>
  unwrap(
    api.GET('/api/v1/purchase-orders/{id}/history', { params: { path: { id }, query: { skip, limit: 20 } } }),
  );

/** Suppliers for the picker, with their approval status (only approved or conditional can be submitted). */
export async function searchSuppliers(q: string): Promise<RemoteOption[]> {
  const page = await unwrap(
    api.GET('/api/v1/suppliers', { params: { query: { q, limit: 20, sort: 'name' } } }),
  );
  return page.items.map((s) => ({ value: s.id, label: `${s.name} · ${s.approval_status}` }));
}
