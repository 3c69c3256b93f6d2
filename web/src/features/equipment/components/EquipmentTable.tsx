import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';
import { DataTable } from '../../../components/data-table/DataTable';
import type { Column, ListQuery } from '../../../components/data-table/types';
import { formatDate } from '../../../lib/format';
import {
  CALIBRATION_STATUS_LABELS,
  EQUIPMENT_STATUS_COLORS,
  EQUIPMENT_STATUS_LABELS,
  type Equipment,
  type EquipmentQuery,
  equipmentKeys,
  exportEquipment,
  listEquipment,
} from '../api';
import { CalibrationDue } from './CalibrationBadge';

const columns: Column<Equipment>[] = [
  { key: 'asset_number', header: 'Asset', sortable: true },
  { key: 'name', header: 'Name', sortable: true },
  { key: 'location', header: 'Location', render: (e) => e.location ?? '—' },
  {
    key: 'status',
    header: 'Status',
    sortable: true,
    render: (e) => (
      <Badge variant="light" color={EQUIPMENT_STATUS_COLORS[e.status]}>
        {EQUIPMENT_STATUS_LABELS[e.status]}
      </Badge>
    ),
  },
  {
    key: 'calibration_due_date',
    header: 'Calibration due',
    sortable: true,
    render: (e) => <CalibrationDue item={e} />,
  },
  { key: 'last_calibrated_on', header: 'Last calibrated', render: (e) => formatDate(e.last_calibrated_on) },
  {
    key: 'manufacturer',
    header: 'Manufacturer',
    hiddenByDefault: true,
    render: (e) => e.manufacturer ?? '—',
  },
  { key: 'model', header: 'Model', hiddenByDefault: true, render: (e) => e.model ?? '—' },
  { key: 'serial_number', header: 'Serial', hiddenByDefault: true, render: (e) => e.serial_number ?? '—' },
];

export function EquipmentTable({ emptyAction }: { emptyAction?: ReactNode }) {
  return (
    <DataTable<Equipment>
      id="equipment"
      noun="instruments"
      queryKey={equipmentKeys.list()}
      fetchPage={(q: ListQuery) => listEquipment(q as EquipmentQuery)}
      exportFile={exportEquipment}
      columns={columns}
      getRowId={(e) => e.id}
      rowHref={(e) => `/equipment/${e.id}`}
      searchable
      archivable
      defaultSort="asset_number"
      filters={[
        {
          name: 'status',
          label: 'Status',
          type: 'select',
          options: Object.entries(EQUIPMENT_STATUS_LABELS).map(([value, label]) => ({ value, label })),
        },
        {
          name: 'calibration_status',
          label: 'Calibration',
          type: 'select',
          options: Object.entries(CALIBRATION_STATUS_LABELS).map(([value, label]) => ({ value, label })),
        },
        { name: 'calibration_due_date_to', label: 'Due by', type: 'date' },
      ]}
      emptyState={{
        title: 'No equipment registered',
        description:
          'Register the lab’s instruments with their calibration interval: executions can only start with instruments in service and in calibration.',
        action: emptyAction,
      }}
    />
  );
}
