import { Type } from 'typebox';
import {
  TASK_PRIORITIES,
  TASK_STATUSES,
  type TaskPriority,
  type TaskStatus,
  tasks,
} from '../../db/schema/index.ts';
import type { ListSpec } from '../../lib/list.ts';
import { DateOnly, EntityFields, Id, LongText, Nullable, Text, Timestamp } from '../../lib/schemas.ts';

export const TaskStatusSchema = Type.Unsafe<TaskStatus>({ type: 'string', enum: [...TASK_STATUSES] });
export const TaskPrioritySchema = Type.Unsafe<TaskPriority>({ type: 'string', enum: [...TASK_PRIORITIES] });

/** Tags are compared case-insensitively: stored trimmed and lower-case. */
export const Tag = Type.String({
  minLength: 1,
  maxLength: 40,
  pattern: '\\S',
  description: 'e.g. "calibration"',
});
export const Tags = Type.Array(Tag, { maxItems: 20 });

export const TaskLinkSchema = Type.Object(
  {
    entity_type: Type.String({
      pattern: '^[a-z][a-z_]{1,39}$',
      description: 'The linked record’s kind, as in the audit trail: project, sample, ncr…',
    }),
    entity_id: Id,
  },
  { additionalProperties: false, title: 'TaskLink' },
);

const editable = {
  title: Text(200, 1),
  description: Type.Optional(Nullable(LongText(20_000))),
  priority: Type.Optional(Type.Unsafe<TaskPriority>({ ...TaskPrioritySchema, default: 'medium' })),
  assignee_id: Type.Optional(Nullable(Type.String({ format: 'uuid', description: 'A staff user' }))),
  due_date: Type.Optional(Nullable(DateOnly)),
  parent_id: Type.Optional(
    Nullable(Type.String({ format: 'uuid', description: 'Parent task (any depth; no cycles)' })),
  ),
  tags: Type.Optional(Type.Array(Tag, { maxItems: 20, default: [] })),
  links: Type.Optional(Type.Array(TaskLinkSchema, { maxItems: 20, default: [] })),
};

export const TaskCreate = Type.Object(editable);
export const TaskUpdate = Type.Object(
  Object.fromEntries(
    Object.entries(editable).map(([k, v]) => [k, Type.Optional(v)]),
  ) as unknown as typeof editable,
);

export const TaskPublic = Type.Object({
  ...EntityFields,
  number: Type.String({ description: 'TSK-000001' }),
  title: Type.String(),
  description: Nullable(Type.String()),
  status: TaskStatusSchema,
  priority: TaskPrioritySchema,
  assignee_id: Nullable(Id),
  reporter_id: Nullable(Id),
  due_date: Nullable(DateOnly),
  parent_id: Nullable(Id),
  tags: Type.Array(Type.String()),
  links: Type.Array(TaskLinkSchema),
  completed_at: Nullable(Timestamp),
  // read-only, from linked records
  assignee_name: Nullable(Type.String()),
  reporter_name: Nullable(Type.String()),
  parent_number: Nullable(Type.String()),
  subtask_count: Type.Integer({ description: 'Direct subtasks' }),
  open_subtask_count: Type.Integer({ description: 'Direct subtasks not done or cancelled' }),
});

export const taskListSpec: ListSpec = {
  table: tasks,
  idColumn: tasks.id,
  archivedColumn: tasks.archived_at,
  defaultSort: '-created_at',
  sortable: {
    created_at: { column: tasks.created_at },
    updated_at: { column: tasks.updated_at },
    number: { column: tasks.number },
    title: { column: tasks.title },
    status: { column: tasks.status },
    priority: { column: tasks.priority },
    due_date: { column: tasks.due_date, nullable: true },
  },
  searchable: [tasks.number, tasks.title, tasks.description],
  filters: {
    status: { column: tasks.status, kind: 'enum', values: TASK_STATUSES },
    priority: { column: tasks.priority, kind: 'enum', values: TASK_PRIORITIES },
    assignee_id: { column: tasks.assignee_id, kind: 'uuid' },
    reporter_id: { column: tasks.reporter_id, kind: 'uuid' },
    parent_id: { column: tasks.parent_id, kind: 'uuid' },
    tag: { column: tasks.tags, kind: 'array' },
    due_date: { column: tasks.due_date, kind: 'range', format: 'date' },
    created_at: { column: tasks.created_at, kind: 'range', format: 'date-time' },
  },
};

export const TASK_CSV_COLUMNS = [
  'number',
  'title',
  'status',
  'priority',
  'assignee_name',
  'reporter_name',
  'due_date',
  'parent_number',
  'tags',
  'subtask_count',
  'open_subtask_count',
  'completed_at',
  'created_at',
  'updated_at',
  'id',
  'version',
  'archived_at',
] as const;

export const BulkChanges = Type.Object(
  {
    status: Type.Optional(TaskStatusSchema),
    assignee_id: Type.Optional(Nullable(Id)),
    priority: Type.Optional(TaskPrioritySchema),
    add_tags: Type.Optional(Type.Array(Tag, { maxItems: 20 })),
    remove_tags: Type.Optional(Type.Array(Tag, { maxItems: 20 })),
  },
  { additionalProperties: false, minProperties: 1, title: 'TaskBulkChanges' },
);

export const BulkUpdateBody = Type.Object(
  {
    ids: Type.Array(Id, { minItems: 1, maxItems: 200, uniqueItems: true }),
    changes: BulkChanges,
  },
  { additionalProperties: false, title: 'TaskBulkUpdate' },
);

export const TaskTreeNode = Type.Object(
  {
    id: Id,
    number: Type.String(),
    title: Type.String(),
    status: TaskStatusSchema,
    priority: TaskPrioritySchema,
    assignee_id: Nullable(Id),
    parent_id: Nullable(Id),
    depth: Type.Integer({ minimum: 1, description: '1 = a direct subtask' }),
  },
  { title: 'TaskTreeNode' },
);
