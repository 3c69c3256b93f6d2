import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';
import { listExporter } from '../../components/data-table/download';
import type { RemoteOption } from '../../components/forms/RemoteSelect';
import type { PricedMethodOption } from '../../components/priced-lines/LineGrid';

export type SalesOrder = ResponseOf<'sales-orders-get'>;
export type SalesOrderInput = BodyOf<'sales-orders-create'>;
export type SalesOrdersQuery = QueryOf<'sales-orders-list'>;

export const salesOrderKeys = {
  all: ['sales-orders'] as const,
  list: () => [...salesOrderKeys.all, 'list'] as const,
  detail: (id: string) => [...salesOrderKeys.all, 'detail', id] as const,
  history: (id: string) => [...salesOrderKeys.all, 'history', id] as const,
  options: (what: string) => [...salesOrderKeys.all, 'options', what] as const,
};

export const SALES_ORDER_STATUS_LABELS: Record<SalesOrder['status'], string> = {
  open: 'Open',
  confirmed: 'Confirmed',
  in_progress: 'In progress',
  delivered: 'Delivered',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

export const listSalesOrders = (query: SalesOrdersQuery) =>
  unwrap(api.GET('/api/v1/sales-orders', { params: { query } }));

export const salesOrderQuery = (id: string) =>
  queryOptions({
    queryKey: salesOrderKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/sales-orders/{id}', { params: { path: { id } } })),
  });

export const useSalesOrder = (id: string) => useQuery(salesOrderQuery(id));

export const createSalesOrder = (body: SalesOrderInput, idempotencyKey: string) =>
  unwrap(
    api.POST('/api/v1/sales-orders', { body, params: { header: { 'idempotency-key': idempotencyKey } } }),
  );

export const salesOrderHistory = (id: string, skip: number) =>
  unwrap(
    api.GET('/api/v1/sales-orders/{id}/history', { params: { path: { id }, query: { skip, limit: 20 } } }),
  );

export async function searchCustomers(q: string): Promise<RemoteOption[]> {
  const page = await unwrap(
    api.GET('/api/v1/customers', { params: { query: { q, limit: 20, is_active: true } } }),
  );
  return page.items.map((c) => ({ value: c.id, label: c.company_name }));
}

/** The chosen customer's projects. */
export async function searchProjects(customerId: string, q: string): Promise<RemoteOption[]> {
  const page = await unwrap(
    api.GET('/api/v1/projects', { params: { query: { q, customer_id: customerId, limit: 20 } } }),
  );
  return page.items.map((p) => ({ value: p.id, label: `${p.number} · ${p.name}` }));
}

export async function searchPricedMethods(q: string): Promise<PricedMethodOption[]> {
  const page = await unwrap(api.GET('/api/v1/methods/catalogue', { params: { query: { q, limit: 20 } } }));
  return page.items.map((m) => ({
    value: m.id,
    label: `${m.code} — ${m.title}`,
    description: `${m.code} — ${m.title}`,
    unit_price: m.default_price ?? null,
  }));
}

export const exportSalesOrders = listExporter('/api/v1/sales-orders');

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export type SalesOrderAction = 'confirm' | 'start' | 'deliver' | 'close' | 'cancel';

export const runSalesOrderAction = (id: string, action: SalesOrderAction, version: number, reason?: string) =>
  unwrap(
    api.POST(
      `/api/v1/sales-orders/{id}/${action}` as '/api/v1/sales-orders/{id}/cancel',
      {
        params: { path: { id }, header: ifMatch(version) },
        ...(reason !== undefined ? { body: { reason } } : {}),
      } as never,
    ),
  );

export const invoiceSalesOrder = (
  id: string,
  body: { invoice_number: string; invoice_date?: string },
  version: number,
) =>
  unwrap(
    api.POST('/api/v1/sales-orders/{id}/invoice', {
      params: { path: { id }, header: ifMatch(version) },
      body,
    }),
  );

export const markSalesOrderPaid = (id: string, body: { paid_date?: string }, version: number) =>
  unwrap(
    api.POST('/api/v1/sales-orders/{id}/mark-paid', {
      params: { path: { id }, header: ifMatch(version) },
      body,
    }),
  );

/** The invoice lines of invoiced (and paid) orders for accounting, as CSV; managers only. */
export async function exportInvoiceLines(query: {
  from?: string;
  to?: string;
  status?: 'invoiced' | 'paid';
}): Promise<Blob> {
  const { data, error, response } = await api.GET('/api/v1/sales-orders/invoice-lines', {
    params: { query: { ...query, format: 'csv' } },
    parseAs: 'blob',
  });
  if (!response.ok) throw error;
  return data as unknown as Blob;
}

export const INVOICING_LABELS: Record<SalesOrder['invoicing_status'], string> = {
  not_invoiced: 'Not invoiced',
  invoiced: 'Invoiced',
  paid: 'Paid',
};
