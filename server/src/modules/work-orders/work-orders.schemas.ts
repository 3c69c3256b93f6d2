import { Type } from 'typebox';
import { WORK_ORDER_PRIORITIES, WORK_ORDER_STATUSES, workOrders } from '../../db/schema/index.ts';
import type { ListSpec } from '../../lib/list.ts';
import { DateOnly, EntityFields, Id, LongText, Nullable, Text, Timestamp } from '../../lib/schemas.ts';

export const Progress = Type.Integer({ minimum: 0, maximum: 100, description: 'Percent done, 0–100' });

const editable = {
  title: Text(200, 1),
  description: Type.Optional(Nullable(LongText(10_000))),
  project_id: Type.Optional(Nullable(Id)),
  sales_order_id: Type.Optional(Nullable(Id)),
  priority: Type.Optional(
    Type.Union(
      WORK_ORDER_PRIORITIES.map((p) => Type.Literal(p)),
      { default: 'normal' },
    ),
  ),
  assignee_id: Type.Optional(Nullable(Id)),
  due_date: Type.Optional(Nullable(DateOnly)),
  progress: Type.Optional(
    Nullable(
      Type.Integer({
        minimum: 0,
        maximum: 100,
        description: 'Set by hand only while the linked project has no test executions (otherwise 409)',
      }),
    ),
  ),
  notes: Type.Optional(Nullable(LongText(10_000))),
};

export const WorkOrderCreate = Type.Object(editable);
export const WorkOrderUpdate = Type.Object(
  Object.fromEntries(
    Object.entries(editable).map(([k, v]) => [k, Type.Optional(v)]),
  ) as unknown as typeof editable,
);

export const WorkOrderPublic = Type.Object({
  ...EntityFields,
  number: Type.String({ description: 'WO-000001' }),
  title: Type.String(),
  description: Nullable(Type.String()),
  project_id: Nullable(Id),
  project_number: Nullable(Type.String({ description: 'Read-only' })),
  sales_order_id: Nullable(Id),
  sales_order_number: Nullable(Type.String({ description: 'Read-only' })),
  priority: Type.String(),
  assignee_id: Nullable(Id),
  assignee_name: Nullable(Type.String({ description: 'Read-only' })),
  due_date: Nullable(DateOnly),
  status: Type.Union(WORK_ORDER_STATUSES.map((s) => Type.Literal(s))),
  progress: Progress,
  progress_source: Type.Union([Type.Literal('executions'), Type.Literal('manual')], {
    description:
      'executions: completed ÷ (all but aborted) test executions of the linked project; manual: set by hand',
  }),
  executions_total: Type.Integer(),
  executions_completed: Type.Integer(),
  started_at: Nullable(Timestamp),
  completed_at: Nullable(Timestamp),
  status_reason: Nullable(Type.String()),
  notes: Nullable(Type.String()),
});

export const ProgressBody = Type.Object(
  { progress: Progress, version: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false, title: 'WorkOrderProgress' },
);
export const OptionalReasonBody = Type.Object(
  { reason: Type.Optional(Nullable(Text(2000))), version: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false, title: 'WorkOrderReason' },
);

export const workOrderListSpec: ListSpec = {
  table: workOrders,
  idColumn: workOrders.id,
  archivedColumn: workOrders.archived_at,
  defaultSort: '-created_at',
  sortable: {
    number: { column: workOrders.number },
    due_date: { column: workOrders.due_date, nullable: true },
    status: { column: workOrders.status },
    created_at: { column: workOrders.created_at },
    updated_at: { column: workOrders.updated_at },
  },
  searchable: [workOrders.number, workOrders.title],
  filters: {
    project_id: { column: workOrders.project_id, kind: 'uuid' },
    sales_order_id: { column: workOrders.sales_order_id, kind: 'uuid' },
    assignee_id: { column: workOrders.assignee_id, kind: 'uuid' },
    status: { column: workOrders.status, kind: 'enum', values: WORK_ORDER_STATUSES },
    priority: { column: workOrders.priority, kind: 'enum', values: WORK_ORDER_PRIORITIES },
    due_date: { column: workOrders.due_date, kind: 'range', format: 'date' },
    created_at: { column: workOrders.created_at, kind: 'range', format: 'date-time' },
  },
};

export const WORK_ORDER_CSV_COLUMNS = [
  'id',
  'number',
  'title',
  'project_id',
  'project_number',
  'sales_order_id',
  'sales_order_number',
  'priority',
  'assignee_id',
  'assignee_name',
  'due_date',
  'status',
  'progress',
  'progress_source',
  'started_at',
  'completed_at',
  'notes',
  'created_at',
  'updated_at',
  'version',
  'archived_at',
] as const;
