import { and, inArray, isNull, max } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { calibrationRecords, equipment } from '../../db/schema/index.ts';
import type { Row } from '../../lib/crud.ts';
import { todayIn } from '../../lib/dates.ts';
import { registerResource } from '../../lib/resource.ts';
import { MANAGERS, STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import calibrationRoutes from './equipment.calibrations.ts';
import maintenanceRoutes from './equipment.maintenance.ts';
import { registerEquipmentReminders } from './equipment.reminders.ts';
import {
  EQUIPMENT_CSV_COLUMNS,
  EquipmentCreate,
  EquipmentPublic,
  EquipmentUpdate,
  equipmentListSpec,
} from './equipment.schemas.ts';
import { calibrationStatus, equipmentMachine, equipmentPatch } from './equipment.service.ts';

/**
 * Equipment register: the lab's instruments (asset number given by the lab, unique), their
 * status, calibration interval and derived calibration status, with calibration records
 * (equipment.calibrations.ts) and a maintenance log (equipment.maintenance.ts). Managers keep the
 * register; staff read it; customers see none.
 */
function expander(timeZone: string) {
  return async (db: Db, rows: Row[]): Promise<Row[]> => {
    const last = await db
      .select({ equipment_id: calibrationRecords.equipment_id, on: max(calibrationRecords.performed_on) })
      .from(calibrationRecords)
      .where(
        and(
          inArray(
            calibrationRecords.equipment_id,
            rows.map((r) => r.id),
          ),
          isNull(calibrationRecords.archived_at),
        ),
      )
      .groupBy(calibrationRecords.equipment_id);
    const lastOn = new Map(last.map((l) => [l.equipment_id, l.on]));
    const today = todayIn(timeZone);
    return rows.map((row) => ({
      ...row,
      calibration_status: calibrationStatus(row, today),
      last_calibrated_on: lastOn.get(row.id) ?? null,
    }));
  };
}

export default async function equipmentRoutes(app: App) {
  const timeZone = app.config.TIMEZONE;
  registerResource(app, {
    name: 'equipment',
    path: 'equipment',
    tag: 'equipment',
    table: equipment,
    schemas: { public: EquipmentPublic, create: EquipmentCreate, update: EquipmentUpdate },
    list: equipmentListSpec(timeZone),
    csvColumns: EQUIPMENT_CSV_COLUMNS,
    roles: { read: STAFF, write: MANAGERS },
    toPatch: (tx, patch, before) => equipmentPatch(tx, patch, before),
    expand: expander(timeZone),
    machine: equipmentMachine,
  });
  await calibrationRoutes(app);
  await maintenanceRoutes(app);
  registerEquipmentReminders();
}
