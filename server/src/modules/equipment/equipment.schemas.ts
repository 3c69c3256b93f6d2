import { type SQL, sql } from 'drizzle-orm';
import { Type } from 'typebox';
import {
  CALIBRATION_PERFORMERS,
  CALIBRATION_RESULTS,
  EQUIPMENT_STATUSES,
  equipment,
  MAINTENANCE_KINDS,
} from '../../db/schema/index.ts';
import type { ListSpec } from '../../lib/list.ts';
import { DateOnly, EntityFields, Id, LongText, Nullable, Text, Timestamp } from '../../lib/schemas.ts';

const literals = <T extends string>(values: readonly T[], description?: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    description ? { description } : {},
  );

export const CALIBRATION_STATUSES = ['ok', 'due_soon', 'overdue'] as const;
export type CalibrationStatus = (typeof CALIBRATION_STATUSES)[number];
/** "Due soon" means due within this many days. */
export const DUE_SOON_DAYS = 30;

const editable = {
  asset_number: Text(50, 1),
  name: Text(200, 1),
  model: Type.Optional(Nullable(Text(200))),
  manufacturer: Type.Optional(Nullable(Text(200))),
  serial_number: Type.Optional(Nullable(Text(200))),
  location: Type.Optional(Nullable(Text(200))),
  calibration_interval_days: Type.Optional(
    Nullable(
      Type.Integer({
        minimum: 1,
        maximum: 3650,
        description: 'Days between calibrations; null when the instrument needs none',
      }),
    ),
  ),
  calibration_due_date: Type.Optional(
    Nullable(
      Type.String({
        format: 'date',
        description: 'Next calibration due (kept by calibration records; set here for a first registration)',
      }),
    ),
  ),
  notes: Type.Optional(Nullable(LongText(10_000))),
};

export const EquipmentCreate = Type.Object(editable);
export const EquipmentUpdate = Type.Object(
  Object.fromEntries(
    Object.entries(editable).map(([k, v]) => [k, Type.Optional(v)]),
  ) as unknown as typeof editable,
);

export const EquipmentPublic = Type.Object({
  ...EntityFields,
  asset_number: Type.String(),
  name: Type.String(),
  model: Nullable(Type.String()),
  manufacturer: Nullable(Type.String()),
  serial_number: Nullable(Type.String()),
  location: Nullable(Type.String()),
  status: literals(EQUIPMENT_STATUSES),
  status_reason: Nullable(Type.String()),
  calibration_interval_days: Nullable(Type.Integer()),
  calibration_due_date: Nullable(DateOnly),
  notes: Nullable(Type.String()),
  calibration_status: literals(
    CALIBRATION_STATUSES,
    `overdue: past due (or never calibrated though it needs it); due_soon: within ${DUE_SOON_DAYS} days`,
  ),
  last_calibrated_on: Nullable(DateOnly),
});

export const StatusReason = Type.Object({ reason: Text(2000, 1) });

/** The calibration status as SQL, for the list filter (the same rule as calibrationStatus()). */
export function calibrationStatusSql(timeZone: string): SQL {
  const today = sql`(now() at time zone ${timeZone})::date`;
  return sql`(case
    when ${equipment.calibration_due_date} is null
      then case when ${equipment.calibration_interval_days} is null then 'ok' else 'overdue' end
    when ${equipment.calibration_due_date} < ${today} then 'overdue'
    when ${equipment.calibration_due_date} <= ${today} + ${DUE_SOON_DAYS}::int then 'due_soon'
    else 'ok' end)`;
}

export function equipmentListSpec(timeZone: string): ListSpec {
  return {
    table: equipment,
    idColumn: equipment.id,
    archivedColumn: equipment.archived_at,
    defaultSort: 'asset_number',
    sortable: {
      asset_number: { column: equipment.asset_number },
      name: { column: equipment.name },
      created_at: { column: equipment.created_at },
      updated_at: { column: equipment.updated_at },
      status: { column: equipment.status },
      calibration_due_date: { column: equipment.calibration_due_date, nullable: true },
    },
    searchable: [
      equipment.asset_number,
      equipment.name,
      equipment.model,
      equipment.manufacturer,
      equipment.serial_number,
      equipment.location,
    ],
    filters: {
      status: { column: equipment.status, kind: 'enum', values: EQUIPMENT_STATUSES },
      calibration_status: {
        column: calibrationStatusSql(timeZone) as never,
        kind: 'enum',
        values: CALIBRATION_STATUSES,
      },
      location: { column: equipment.location, kind: 'text' },
      calibration_due_date: { column: equipment.calibration_due_date, kind: 'range', format: 'date' },
    },
  };
}

export const EQUIPMENT_CSV_COLUMNS = [
  'id',
  'asset_number',
  'name',
  'model',
  'manufacturer',
  'serial_number',
  'location',
  'status',
  'status_reason',
  'calibration_interval_days',
  'calibration_due_date',
  'calibration_status',
  'last_calibrated_on',
  'created_at',
  'updated_at',
  'version',
  'archived_at',
] as const;

// ——— calibration records ———

export const CalibrationCreate = Type.Object(
  {
    performed_on: DateOnly,
    performed_by_kind: literals(CALIBRATION_PERFORMERS, 'lab: in house; provider: an external laboratory'),
    performed_by: Text(200, 1),
    certificate_document_id: Type.Optional(
      Nullable(Type.String({ format: 'uuid', description: 'The certificate, uploaded to /documents' })),
    ),
    certificate_number: Type.Optional(Nullable(Text(100))),
    as_found: literals(
      CALIBRATION_RESULTS,
      'As found: fail means results since the last good calibration are suspect',
    ),
    as_left: literals(CALIBRATION_RESULTS, 'As left: fail takes the instrument out of service'),
    notes: Type.Optional(Nullable(LongText(10_000))),
    next_due_date: Type.Optional(
      Nullable(Type.String({ format: 'date', description: 'Default: performed_on + calibration interval' })),
    ),
  },
  { additionalProperties: false, title: 'CalibrationCreate' },
);

export const ImpactedResult = Type.Object(
  {
    id: Id,
    execution_id: Id,
    project_id: Id,
    project_number: Type.String(),
    sample_id: Id,
    sample_number: Type.String(),
    parameter: Type.String(),
    value: Nullable(Type.String()),
    unit: Nullable(Type.String()),
    status: Type.String(),
    overall_verdict: Nullable(Type.String()),
    measured_at: Timestamp,
  },
  { title: 'ImpactedResult' },
);

export const CalibrationPublic = Type.Object(
  {
    ...EntityFields,
    equipment_id: Id,
    performed_on: DateOnly,
    performed_by_kind: literals(CALIBRATION_PERFORMERS),
    performed_by: Type.String(),
    certificate_document_id: Nullable(Id),
    certificate_number: Nullable(Type.String()),
    as_found: literals(CALIBRATION_RESULTS),
    as_left: literals(CALIBRATION_RESULTS),
    notes: Nullable(Type.String()),
    next_due_date: Nullable(DateOnly),
    impacted_result_ids: Type.Array(Id),
    ncr_id: Nullable(Id),
    ncr_number: Nullable(Type.String()),
    recorded_by: Nullable(Id),
  },
  { title: 'CalibrationRecord' },
);

export const CalibrationImpact = Type.Object(
  {
    calibration_id: Id,
    since: Nullable(DateOnly),
    until: DateOnly,
    results: Type.Array(ImpactedResult),
    ncr_id: Nullable(Id),
    ncr_number: Nullable(Type.String()),
  },
  {
    title: 'CalibrationImpact',
    description:
      'Results measured with the instrument from its last good calibration (since; null: ever) to this failed one (until), inclusive',
  },
);

export const CalibrationCreated = Type.Object(
  { ...CalibrationPublic.properties, impact: CalibrationImpact },
  { title: 'CalibrationRecorded' },
);

// ——— maintenance ———

export const MaintenanceCreate = Type.Object(
  {
    performed_on: DateOnly,
    kind: literals(MAINTENANCE_KINDS),
    description: Text(4000, 1),
    performed_by: Text(200, 1),
  },
  { additionalProperties: false, title: 'MaintenanceCreate' },
);

export const MaintenancePublic = Type.Object(
  {
    ...EntityFields,
    equipment_id: Id,
    performed_on: DateOnly,
    kind: literals(MAINTENANCE_KINDS),
    description: Type.String(),
    performed_by: Type.String(),
    recorded_by: Nullable(Id),
  },
  { title: 'MaintenanceRecord' },
);
