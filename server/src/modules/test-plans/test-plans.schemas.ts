import { Type } from 'typebox';
import { DECISION_RULES, PLAN_STATUSES, PRIORITIES, testPlans } from '../../db/schema/index.ts';
import type { ListSpec } from '../../lib/list.ts';
import { DateOnly, EntityFields, Id, LongText, Nullable, Text } from '../../lib/schemas.ts';

const literals = <T extends readonly string[]>(values: T, options: Record<string, unknown> = {}) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  );

/** Why something was stopped, rejected or corrected: required, and more than blanks. */
export const Reason = Type.String({
  minLength: 1,
  maxLength: 1000,
  pattern: '\\S',
  description: 'Why (required)',
});

export const DecisionRule = literals(DECISION_RULES, {
  description:
    'simple: pass when min ≤ value ≤ max; guarded: the uncertainty band must lie inside (ISO/IEC 17025 §7.8.6)',
});

/** The editable fields, as sent on create (and replaced whole by PUT). `status` moves only by actions. */
const editable = {
  project_id: Id,
  method_id: Type.String({ format: 'uuid', description: 'An active method of the catalogue' }),
  sample_ids: Type.Array(Id, {
    minItems: 1,
    maxItems: 1000,
    uniqueItems: true,
    description: 'Samples of the project to test; one pending execution is created per sample',
  }),
  specification_ids: Type.Optional(
    Type.Array(Id, {
      maxItems: 20,
      uniqueItems: true,
      default: [],
      description: 'Limit sets to judge against',
    }),
  ),
  decision_rule: Type.Optional({ ...DecisionRule, default: 'simple' }),
  engineer_id: Type.Optional(
    Nullable(Type.String({ format: 'uuid', description: 'Authorised for the method' })),
  ),
  due_date: Type.Optional(Nullable(DateOnly)),
  priority: Type.Optional({ ...literals(PRIORITIES), default: 'normal' }),
  name: Type.Optional(Nullable(Text(200))),
  notes: Type.Optional(Nullable(LongText(10_000))),
};

export const TestPlanCreate = Type.Object(editable);
export const TestPlanUpdate = Type.Object(
  Object.fromEntries(
    Object.entries(editable).map(([k, v]) => [k, Type.Optional(v)]),
  ) as unknown as typeof editable,
);

export const ExecutionCounts = Type.Object(
  {
    pending: Type.Integer(),
    in_progress: Type.Integer(),
    completed: Type.Integer(),
    aborted: Type.Integer(),
  },
  { title: 'ExecutionCounts' },
);

export const TestPlanPublic = Type.Object({
  ...EntityFields,
  project_id: Id,
  customer_id: Id,
  method_id: Id,
  name: Nullable(Type.String()),
  sample_ids: Type.Array(Id),
  specification_ids: Type.Array(Id),
  decision_rule: DecisionRule,
  engineer_id: Nullable(Id),
  due_date: Nullable(DateOnly),
  priority: literals(PRIORITIES),
  status: literals(PLAN_STATUSES),
  notes: Nullable(Type.String()),
  // read-only, from linked records
  project_number: Type.String(),
  method_code: Type.String(),
  method_title: Type.String(),
  engineer_name: Nullable(Type.String()),
  execution_counts: ExecutionCounts,
});

export const planListSpec: ListSpec = {
  table: testPlans,
  idColumn: testPlans.id,
  archivedColumn: testPlans.archived_at,
  defaultSort: '-created_at',
  sortable: {
    created_at: { column: testPlans.created_at },
    updated_at: { column: testPlans.updated_at },
    due_date: { column: testPlans.due_date, nullable: true },
    priority: { column: testPlans.priority },
    status: { column: testPlans.status },
    name: { column: testPlans.name, nullable: true },
  },
  searchable: [testPlans.name, testPlans.notes],
  filters: {
    project_id: { column: testPlans.project_id, kind: 'uuid' },
    customer_id: { column: testPlans.customer_id, kind: 'uuid' },
    method_id: { column: testPlans.method_id, kind: 'uuid' },
    engineer_id: { column: testPlans.engineer_id, kind: 'uuid' },
    status: { column: testPlans.status, kind: 'enum', values: PLAN_STATUSES },
    priority: { column: testPlans.priority, kind: 'enum', values: PRIORITIES },
    decision_rule: { column: testPlans.decision_rule, kind: 'enum', values: DECISION_RULES },
    due_date: { column: testPlans.due_date, kind: 'range', format: 'date' },
    created_at: { column: testPlans.created_at, kind: 'range', format: 'date-time' },
  },
};

export const PLAN_CSV_COLUMNS = [
  'id',
  'name',
  'project_number',
  'method_code',
  'status',
  'priority',
  'decision_rule',
  'engineer_name',
  'due_date',
  'sample_ids',
  'specification_ids',
  'notes',
  'created_at',
  'updated_at',
  'version',
  'archived_at',
] as const;
