import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { entityColumns } from './columns.ts';

/**
 * Equipment (issue 5): the lab's instruments with their calibration and maintenance logs. An
 * instrument that is not in service or out of calibration cannot start a test execution.
 */
export const EQUIPMENT_STATUSES = ['in_service', 'out_of_service', 'quarantined'] as const;
export type EquipmentStatus = (typeof EQUIPMENT_STATUSES)[number];

export const equipment = pgTable(
  'equipment',
  {
    ...entityColumns(),
    asset_number: text('asset_number').notNull(),
    name: text('name').notNull(),
    model: text('model'),
    manufacturer: text('manufacturer'),
    serial_number: text('serial_number'),
    location: text('location'),
    status: text('status').$type<EquipmentStatus>().notNull().default('in_service'),
    status_reason: text('status_reason'),
    /** Null: the instrument needs no calibration (a timer, a cutting die). */
    calibration_interval_days: integer('calibration_interval_days'),
    /** The latest calibration's next due date (or the date given at registration). */
    calibration_due_date: date('calibration_due_date', { mode: 'string' }),
    notes: text('notes'),
  },
  (t) => [
    uniqueIndex('equipment_asset_number_key').on(sql`lower(${t.asset_number})`),
    index('equipment_status_idx').on(t.status),
    index('equipment_due_idx').on(t.calibration_due_date, t.id),
    index('equipment_asset_sort_idx').on(t.asset_number, t.id),
    index('equipment_created_at_idx').on(t.created_at, t.id),
    check(
      'equipment_interval_check',
      sql`${t.calibration_interval_days} is null or ${t.calibration_interval_days} between 1 and 3650`,
    ),
  ],
);

export const CALIBRATION_RESULTS = ['pass', 'fail', 'adjusted'] as const;
export type CalibrationResult = (typeof CALIBRATION_RESULTS)[number];
export const CALIBRATION_PERFORMERS = ['lab', 'provider'] as const;

/** A calibration of an instrument: as found, as left, next due, certificate. Append-only records. */
export const calibrationRecords = pgTable(
  'calibration_records',
  {
    ...entityColumns(),
    equipment_id: uuid('equipment_id')
      .notNull()
      .references(() => equipment.id),
    performed_on: date('performed_on', { mode: 'string' }).notNull(),
    performed_by_kind: text('performed_by_kind').$type<(typeof CALIBRATION_PERFORMERS)[number]>().notNull(),
    performed_by: text('performed_by').notNull(),
    /** The certificate in /documents (no foreign key: that table belongs to another module). */
    certificate_document_id: uuid('certificate_document_id'),
    certificate_number: text('certificate_number'),
    as_found: text('as_found').$type<CalibrationResult>().notNull(),
    as_left: text('as_left').$type<CalibrationResult>().notNull(),
    notes: text('notes'),
    next_due_date: date('next_due_date', { mode: 'string' }),
    /** Results measured with the instrument since its last good calibration (as-found fail only). */
    impacted_result_ids: uuid('impacted_result_ids').array().notNull().default(sql`'{}'::uuid[]`),
    ncr_id: uuid('ncr_id'),
    recorded_by: uuid('recorded_by'),
  },
  (t) => [index('calibration_records_equipment_idx').on(t.equipment_id, t.performed_on)],
);

export const MAINTENANCE_KINDS = ['preventive', 'repair', 'verification', 'cleaning', 'other'] as const;

export const maintenanceRecords = pgTable(
  'maintenance_records',
  {
    ...entityColumns(),
    equipment_id: uuid('equipment_id')
      .notNull()
      .references(() => equipment.id),
    performed_on: date('performed_on', { mode: 'string' }).notNull(),
    kind: text('kind').$type<(typeof MAINTENANCE_KINDS)[number]>().notNull(),
    description: text('description').notNull(),
    performed_by: text('performed_by').notNull(),
    recorded_by: uuid('recorded_by'),
  },
  (t) => [index('maintenance_records_equipment_idx').on(t.equipment_id, t.performed_on)],
);
