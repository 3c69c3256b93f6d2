import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { calibrationRecords, equipment } from '../../db/schema/index.ts';
import type { ActionDef, Machine } from '../../lib/actions.ts';
import type { Row } from '../../lib/crud.ts';
import { conflict, unprocessable } from '../../lib/errors.ts';
import { type CalibrationStatus, DUE_SOON_DAYS, StatusReason } from './equipment.schemas.ts';

/**
 * The rules of equipment: status changes only through actions with a reason (a bench user may
 * quarantine a suspect instrument; managers take it out of service or return it); calibration
 * status is derived from the due date in the lab's calendar; and an instrument that is not in
 * service or out of calibration cannot be used to start a test execution (assertUsable).
 */
export const EQUIPMENT_REF = { table: equipment, name: 'equipment' } as const;

/** YYYY-MM-DD plus days (UTC arithmetic on a calendar date: no time-zone drift). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ok | due_soon (≤ 30 days) | overdue (past due, or never calibrated though it needs it). */
export function calibrationStatus(row: Record<string, unknown>, today: string): CalibrationStatus {
  const due = row.calibration_due_date as string | null | undefined;
  if (!due) return row.calibration_interval_days == null ? 'ok' : 'overdue';
  if (due < today) return 'overdue';
  return due <= addDays(today, DUE_SOON_DAYS) ? 'due_soon' : 'ok';
}

/**
 * PATCH/PUT: the status moves only by its actions; an archived instrument is restored first; once
 * calibrations are recorded they set the due date (a hand-typed date would hide an overdue one).
 */
export async function equipmentPatch(
  tx: Db,
  patch: Record<string, unknown>,
  before: Row,
): Promise<Record<string, unknown>> {
  if (before.archived_at) throw conflict(`Equipment ${before.asset_number} is archived; restore it first`);
  if (
    'calibration_due_date' in patch &&
    (patch.calibration_due_date ?? null) !== before.calibration_due_date
  ) {
    const [recorded] = await tx
      .select({ id: calibrationRecords.id })
      .from(calibrationRecords)
      .where(and(eq(calibrationRecords.equipment_id, before.id), isNull(calibrationRecords.archived_at)))
      .limit(1);
    if (recorded) {
      throw unprocessable([
        {
          field: 'calibration_due_date',
          message: 'is set by the calibration records; record a calibration instead',
        },
      ]);
    }
  }
  return patch;
}

const reasonOf = (body: Record<string, unknown>) => ({ status_reason: String(body.reason).trim() });

const quarantine: ActionDef = {
  name: 'quarantine',
  from: ['in_service', 'out_of_service'],
  to: 'quarantined',
  roles: ['admin', 'manager', 'engineer'],
  summary: 'Quarantine a suspect instrument (anyone at the bench may), with a reason',
  body: StatusReason,
  apply: (_tx, _row, body) => reasonOf(body),
};

const takeOutOfService: ActionDef = {
  name: 'take_out_of_service',
  from: ['in_service', 'quarantined'],
  to: 'out_of_service',
  roles: ['admin', 'manager'],
  summary: 'Take out of service (broken, retired, away for repair), with a reason',
  body: StatusReason,
  apply: (_tx, _row, body) => reasonOf(body),
};

const returnToService: ActionDef = {
  name: 'return_to_service',
  from: ['out_of_service', 'quarantined'],
  to: 'in_service',
  roles: ['admin', 'manager'],
  summary: 'Return to service, with a reason (a calibration, a repair)',
  body: StatusReason,
  apply: (_tx, _row, body) => reasonOf(body),
};

export const equipmentMachine: Machine = { actions: [quarantine, takeOutOfService, returnToService] };

/**
 * 409 naming every instrument that may not be used now and why (not in service, calibration
 * overdue, never calibrated, archived); 422 for an id that is no equipment at all.
 */
export async function assertUsable(tx: Db, ids: readonly string[], today: string, field = 'equipment_ids') {
  if (!ids.length) return;
  const rows = await tx
    .select()
    .from(equipment)
    .where(inArray(equipment.id, [...ids]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length) throw unprocessable([{ field, message: `no equipment ${unknown.join(', ')}` }]);
  const problems: string[] = [];
  for (const id of ids) {
    const item = byId.get(id)!;
    const label = `${item.asset_number} (${item.name})`;
    if (item.archived_at) {
      problems.push(`${label} is archived`);
      continue;
    }
    if (item.status !== 'in_service') {
      problems.push(
        `${label} is ${item.status.replace(/_/g, ' ')}${item.status_reason ? `: ${item.status_reason}` : ''}`,
      );
    }
    if (calibrationStatus(item, today) === 'overdue') {
      problems.push(
        item.calibration_due_date
          ? `${label} is out of calibration: it was due on ${item.calibration_due_date}`
          : `${label} has no calibration on record`,
      );
    }
  }
  if (problems.length) throw conflict(`Equipment cannot be used: ${problems.join('; ')}`);
}
