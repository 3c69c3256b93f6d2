import { Type } from 'typebox';
import { EXECUTION_STATUSES, testExecutions } from '../../db/schema/index.ts';
import type { ListSpec } from '../../lib/list.ts';
import { EntityFields, Id, LongText, Nullable, Timestamp } from '../../lib/schemas.ts';
import { Reason } from '../test-plans/test-plans.schemas.ts';

/** The editable fields, as sent on create (and replaced whole by PUT). `status` moves only by actions. */
const editable = {
  plan_id: Id,
  sample_id: Type.String({ format: 'uuid', description: 'One of the plan’s samples' }),
  engineer_id: Type.Optional(
    Nullable(Type.String({ format: 'uuid', description: 'Authorised for the method; default the plan’s' })),
  ),
  equipment_ids: Type.Optional(
    Type.Array(Id, { maxItems: 50, uniqueItems: true, default: [], description: 'Equipment used' }),
  ),
  temperature_c: Type.Optional(
    Nullable(Type.Number({ minimum: -50, maximum: 150, description: 'Ambient temperature, °C' })),
  ),
  humidity_pct: Type.Optional(
    Nullable(Type.Number({ minimum: 0, maximum: 100, description: 'Relative humidity, %' })),
  ),
  notes: Type.Optional(Nullable(LongText(10_000))),
};

export const TestExecutionCreate = Type.Object(editable);
export const TestExecutionUpdate = Type.Object(
  Object.fromEntries(
    Object.entries(editable).map(([k, v]) => [k, Type.Optional(v)]),
  ) as unknown as typeof editable,
);

export const AbortBody = Type.Object({ reason: Reason });

export const TestExecutionPublic = Type.Object({
  ...EntityFields,
  plan_id: Id,
  sample_id: Id,
  project_id: Id,
  customer_id: Id,
  method_id: Id,
  engineer_id: Nullable(Id),
  equipment_ids: Type.Array(Id),
  temperature_c: Nullable(Type.Number()),
  humidity_pct: Nullable(Type.Number()),
  status: Type.Union(EXECUTION_STATUSES.map((s) => Type.Literal(s))),
  started_at: Nullable(Timestamp),
  completed_at: Nullable(Timestamp),
  abort_reason: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  // read-only, from linked records
  sample_number: Type.String(),
  project_number: Type.String(),
  plan_name: Nullable(Type.String()),
  plan_status: Type.String(),
  method_code: Type.String(),
  method_title: Type.String(),
  engineer_name: Nullable(Type.String()),
  parameter_count: Type.Integer({ description: 'Parameters the method measures' }),
  result_count: Type.Integer({ description: 'Parameters with a current result' }),
});

export const executionListSpec: ListSpec = {
  table: testExecutions,
  idColumn: testExecutions.id,
  archivedColumn: testExecutions.archived_at,
  defaultSort: '-created_at',
  sortable: {
    created_at: { column: testExecutions.created_at },
    updated_at: { column: testExecutions.updated_at },
    status: { column: testExecutions.status },
    started_at: { column: testExecutions.started_at, nullable: true },
    completed_at: { column: testExecutions.completed_at, nullable: true },
  },
  searchable: [testExecutions.notes, testExecutions.abort_reason],
  filters: {
    plan_id: { column: testExecutions.plan_id, kind: 'uuid' },
    sample_id: { column: testExecutions.sample_id, kind: 'uuid' },
    project_id: { column: testExecutions.project_id, kind: 'uuid' },
    method_id: { column: testExecutions.method_id, kind: 'uuid' },
    engineer_id: { column: testExecutions.engineer_id, kind: 'uuid' },
    status: { column: testExecutions.status, kind: 'enum', values: EXECUTION_STATUSES },
    started_at: { column: testExecutions.started_at, kind: 'range', format: 'date-time' },
    completed_at: { column: testExecutions.completed_at, kind: 'range', format: 'date-time' },
  },
};

export const EXECUTION_CSV_COLUMNS = [
  'id',
  'project_number',
  'sample_number',
  'plan_name',
  'method_code',
  'status',
  'engineer_name',
  'temperature_c',
  'humidity_pct',
  'equipment_ids',
  'started_at',
  'completed_at',
  'abort_reason',
  'notes',
  'created_at',
  'updated_at',
  'version',
  'archived_at',
] as const;
