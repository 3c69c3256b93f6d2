import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';
import { listExporter } from '../../components/data-table/download';

export type Equipment = ResponseOf<'equipment-get'>;
export type EquipmentInput = BodyOf<'equipment-create'>;
export type EquipmentQuery = QueryOf<'equipment-list'>;
export type CalibrationRecord = ResponseOf<'equipment-calibrations-list'>['items'][number];
export type CalibrationInput = BodyOf<'equipment-calibrations-create'>;
export type CalibrationRecorded = ResponseOf<'equipment-calibrations-create', 201>;
export type MaintenanceRecord = ResponseOf<'equipment-maintenance-list'>['items'][number];
export type MaintenanceInput = BodyOf<'equipment-maintenance-create'>;
export type EquipmentAction = 'quarantine' | 'take_out_of_service' | 'return_to_service';

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const idem = (key: string) => ({ 'idempotency-key': key });

export const equipmentKeys = {
  all: ['equipment'] as const,
  list: () => [...equipmentKeys.all, 'list'] as const,
  detail: (id: string) => [...equipmentKeys.all, 'detail', id] as const,
  history: (id: string) => [...equipmentKeys.all, 'history', id] as const,
  calibrations: (id: string) => [...equipmentKeys.all, 'calibrations', id] as const,
  maintenance: (id: string) => [...equipmentKeys.all, 'maintenance', id] as const,
};

export const EQUIPMENT_STATUS_LABELS: Record<Equipment['status'], string> = {
  in_service: 'In service',
  out_of_service: 'Out of service',
  quarantined: 'Quarantined',
};
export const EQUIPMENT_STATUS_COLORS: Record<Equipment['status'], string> = {
  in_service: 'green',
  out_of_service: 'gray',
  quarantined: 'orange',
};
export const CALIBRATION_STATUS_LABELS: Record<Equipment['calibration_status'], string> = {
  ok: 'In calibration',
  due_soon: 'Due soon',
  overdue: 'Overdue',
};
/** Overdue red, due soon amber: the register's colours. */
export const CALIBRATION_STATUS_COLORS: Record<Equipment['calibration_status'], string> = {
  ok: 'green',
  due_soon: 'yellow',
  overdue: 'red',
};
export const CALIBRATION_RESULT_LABELS: Record<CalibrationRecord['as_found'], string> = {
  pass: 'Pass',
  fail: 'Fail',
  adjusted: 'Adjusted',
};
export const MAINTENANCE_KIND_LABELS: Record<MaintenanceRecord['kind'], string> = {
  preventive: 'Preventive',
  repair: 'Repair',
  verification: 'Verification',
  cleaning: 'Cleaning',
  other: 'Other',
};

export const listEquipment = (query: EquipmentQuery) =>
  unwrap(api.GET('/api/v1/equipment', { params: { query } }));

/** The list as CSV or an Excel workbook, with the table's filter and sort. */
export const exportEquipment = listExporter('/api/v1/equipment');

export const equipmentQuery = (id: string) =>
  queryOptions({
    queryKey: equipmentKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/equipment/{id}', { params: { path: { id } } })),
  });
export const useEquipment = (id: string) => useQuery(equipmentQuery(id));

export const createEquipment = (body: EquipmentInput, key: string) =>
  unwrap(api.POST('/api/v1/equipment', { body, params: { header: idem(key) } }));

export const replaceEquipment = (id: string, body: EquipmentInput, version: number) =>
  unwrap(api.PUT('/api/v1/equipment/{id}', { params: { path: { id }, header: ifMatch(version) }, body }));

export function equipmentAction(
  item: Pick<Equipment, 'id' | 'version'>,
  action: EquipmentAction,
  reason = '',
) {
  const params = { path: { id: item.id }, header: ifMatch(item.version) };
  const body = { reason };
  if (action === 'quarantine') return unwrap(api.POST('/api/v1/equipment/{id}/quarantine', { params, body }));
  if (action === 'take_out_of_service')
    return unwrap(api.POST('/api/v1/equipment/{id}/take_out_of_service', { params, body }));
  return unwrap(api.POST('/api/v1/equipment/{id}/return_to_service', { params, body }));
}

export const equipmentHistory = (id: string, skip: number) =>
  unwrap(api.GET('/api/v1/equipment/{id}/history', { params: { path: { id }, query: { skip, limit: 20 } } }));

export const useCalibrations = (id: string) =>
  useQuery({
    queryKey: equipmentKeys.calibrations(id),
    queryFn: () => unwrap(api.GET('/api/v1/equipment/{id}/calibrations', { params: { path: { id } } })),
  });

export const recordCalibration = (id: string, body: CalibrationInput, key: string) =>
  unwrap(
    api.POST('/api/v1/equipment/{id}/calibrations', { params: { path: { id }, header: idem(key) }, body }),
  );

export const calibrationImpact = (id: string, calibrationId: string) =>
  unwrap(
    api.GET('/api/v1/equipment/{id}/calibrations/{calibrationId}/impact', {
      params: { path: { id, calibrationId } },
    }),
  );

export const useMaintenance = (id: string) =>
  useQuery({
    queryKey: equipmentKeys.maintenance(id),
    queryFn: () => unwrap(api.GET('/api/v1/equipment/{id}/maintenance', { params: { path: { id } } })),
  });

export const logMaintenance = (id: string, body: MaintenanceInput, key: string) =>
  unwrap(
    api.POST('/api/v1/equipment/{id}/maintenance', { params: { path: { id }, header: idem(key) }, body }),
  );
