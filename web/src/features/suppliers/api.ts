import { IconAlertTriangle, IconCircleCheck, IconCircleDashed, IconCircleX } from '@tabler/icons-react';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';
import { listExporter } from '../../components/data-table/download';
import type { RemoteOption } from '../../components/forms/RemoteSelect';
import type { StateLook } from '../../components/ui/StateBadge';

export type Supplier = ResponseOf<'suppliers-get'>;
export type SupplierInput = BodyOf<'suppliers-create'>;
export type SuppliersQuery = QueryOf<'suppliers-list'>;
export type SupplierStatus = Supplier['approval_status'];
export type SupplierDecision = 'approve' | 'approve-conditionally' | 'reject' | 're-evaluate';
export interface Evaluation {
  evaluation_notes?: string | null;
  evaluation_date?: string | null;
  next_evaluation_due?: string | null;
}

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export const supplierKeys = {
  all: ['suppliers'] as const,
  list: () => [...supplierKeys.all, 'list'] as const,
  detail: (id: string) => [...supplierKeys.all, 'detail', id] as const,
  history: (id: string) => [...supplierKeys.all, 'history', id] as const,
  options: () => [...supplierKeys.all, 'options'] as const,
};

export const SUPPLIER_STATUS_LOOKS: Record<SupplierStatus, StateLook> = {
  pending: { label: 'Pending evaluation', color: 'gray', icon: IconCircleDashed },
  approved: { label: 'Approved', color: 'green', icon: IconCircleCheck },
  conditional: { label: 'Conditional', color: 'orange', icon: IconAlertTriangle },
  rejected: { label: 'Rejected', color: 'red', icon: IconCircleX },
};

export const SUPPLIER_CATEGORIES: { value: NonNullable<SupplierInput['category']>; label: string }[] = [
  { value: 'reagents', label: 'Reagents' },
  { value: 'consumables', label: 'Consumables' },
  { value: 'equipment', label: 'Equipment' },
  { value: 'calibration', label: 'Calibration services' },
  { value: 'reference_materials', label: 'Reference materials' },
  { value: 'proficiency_testing', label: 'Proficiency testing' },
  { value: 'subcontracting', label: 'Subcontracted testing' },
  { value: 'services', label: 'Other services' },
  { value: 'other', label: 'Other' },
];

export const categoryLabel = (value: string) =>
  SUPPLIER_CATEGORIES.find((c) => c.value === value)?.label ?? value;

export const listSuppliers = (query: SuppliersQuery) =>
  unwrap(api.GET('/api/v1/suppliers', { params: { query } }));

export const exportSuppliers = listExporter('/api/v1/suppliers');

export const supplierQuery = (id: string) =>
  queryOptions({
    queryKey: supplierKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/suppliers/{id}', { params: { path: { id } } })),
  });

export const useSupplier = (id: string) => useQuery(supplierQuery(id));

export const createSupplier = (body: SupplierInput, idempotencyKey: string) =>
  unwrap(api.POST('/api/v1/suppliers', { body, params: { header: { 'idempotency-key': idempotencyKey } } }));

export const replaceSupplier = (id: string, body: SupplierInput, version: number) =>
  unwrap(api.PUT('/api/v1/suppliers/{id}', { params: { path: { id }, header: ifMatch(version) }, body }));

/** An approval decision with its evaluation (notes required for conditional and reject). */
export const decideSupplier = (id: string, action: SupplierDecision, body: Evaluation, version: number) =>
  unwrap(
    api.POST(`/api/v1/suppliers/{id}/${action}` as '/api/v1/suppliers/{id}/approve', {
      params: { path: { id }, header: ifMatch(version) },
      body,
    }),
  );

export const supplierHistory = (id: string, skip: number) =>
  unwrap(api.GET('/api/v1/suppliers/{id}/history', { params: { path: { id }, query: { skip, limit: 20 } } }));

/** Suppliers for a picker, with their approval status in the label. */
export async function searchSuppliers(q: string): Promise<RemoteOption[]> {
  const page = await unwrap(
    api.GET('/api/v1/suppliers', { params: { query: { q, limit: 20, sort: 'name' } } }),
  );
  return page.items.map((s) => ({
    value: s.id,
    label: `${s.name} (${SUPPLIER_STATUS_LOOKS[s.approval_status].label.toLowerCase()})`,
  }));
}
