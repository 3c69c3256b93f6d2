import { Type } from 'typebox';
import { PROJECT_STATUSES, projects } from '../../db/schema/index.ts';
import type { ListSpec } from '../../lib/list.ts';
import { DateOnly, EntityFields, Id, LongText, Nullable, Text } from '../../lib/schemas.ts';

/** Editable project fields. The customer is fixed once created (everything tested hangs off it). */
const editable = {
  name: Text(200, 1),
  customer_id: Id,
  description: Type.Optional(Nullable(LongText(10_000))),
  start_date: Type.Optional(Nullable(DateOnly)),
  /** not before start_date */
  due_date: Type.Optional(Nullable(DateOnly)),
  /** an active manager or admin */
  manager_id: Type.Optional(Nullable(Id)),
};

export const ProjectCreate = Type.Object(editable);
export const ProjectUpdate = Type.Object(
  Object.fromEntries(
    Object.entries(editable).map(([k, v]) => [k, Type.Optional(v)]),
  ) as unknown as typeof editable,
);

export const ProjectStatus = Type.Union(PROJECT_STATUSES.map((s) => Type.Literal(s)));

export const ProjectPublic = Type.Object({
  ...EntityFields,
  number: Type.String({ description: 'The project code, PRJ-000001' }),
  name: Type.String(),
  customer_id: Id,
  customer_name: Type.String({ description: 'Read-only' }),
  description: Nullable(Type.String()),
  status: ProjectStatus,
  start_date: Nullable(DateOnly),
  due_date: Nullable(DateOnly),
  manager_id: Nullable(Id),
  manager_name: Nullable(Type.String({ description: 'Read-only' })),
  rfq_id: Nullable(Id),
  estimation_id: Nullable(Id),
});

export const projectListSpec: ListSpec = {
  table: projects,
  idColumn: projects.id,
  archivedColumn: projects.archived_at,
  defaultSort: '-created_at',
  sortable: {
    number: { column: projects.number },
    name: { column: projects.name },
    status: { column: projects.status },
    due_date: { column: projects.due_date, nullable: true },
    created_at: { column: projects.created_at },
    updated_at: { column: projects.updated_at },
  },
  searchable: [projects.number, projects.name],
  filters: {
    customer_id: { column: projects.customer_id, kind: 'uuid' },
    manager_id: { column: projects.manager_id, kind: 'uuid' },
    status: { column: projects.status, kind: 'enum', values: PROJECT_STATUSES },
    due_date: { column: projects.due_date, kind: 'range', format: 'date' },
    created_at: { column: projects.created_at, kind: 'range', format: 'date-time' },
  },
};

export const PROJECT_CSV_COLUMNS = [
  'id',
  'number',
  'name',
  'customer_id',
  'description',
  'status',
  'start_date',
  'due_date',
  'manager_id',
  'rfq_id',
  'estimation_id',
  'created_at',
  'updated_at',
  'version',
  'archived_at',
] as const;

/** Counts by a status-like field, e.g. {"received": 4, "in_test": 2}. */
const Counts = Type.Record(Type.String(), Type.Integer());
const Section = <T extends Record<string, import('typebox').TSchema>>(latest: T) =>
  Type.Object({ total: Type.Integer(), by_status: Counts, latest: Type.Array(Type.Object(latest)) });

/**
 * The project page's data, one section per part of the chain, so the page composes a component
 * per section. Sections a portal customer may not read (plans, executions) are null for them, and
 * their result counts cover approved results only.
 */
export const ProjectOverview = Type.Object(
  {
    project: Type.Object({ ...ProjectPublic.properties, allowed_actions: Type.Array(Type.String()) }),
    customer: Nullable(Type.Object({ id: Id, company_name: Type.String() })),
    manager: Nullable(Type.Object({ id: Id, full_name: Type.String(), email: Type.String() })),
    rfq: Nullable(
      Type.Object({ id: Id, number: Type.String(), title: Type.String(), status: Type.String() }),
    ),
    estimations: Type.Array(
      Type.Object({
        id: Id,
        number: Type.String(),
        revision: Type.Integer(),
        status: Type.String(),
        total: Type.String(),
        currency: Type.String(),
      }),
    ),
    sales_orders: Type.Array(
      Type.Object({
        id: Id,
        number: Type.String(),
        status: Type.String(),
        order_date: DateOnly,
        total: Type.String(),
        currency: Type.String(),
      }),
    ),
    trfs: Section({ id: Id, number: Type.String(), status: Type.String(), created_at: Type.String() }),
    samples: Section({
      id: Id,
      number: Type.String(),
      description: Type.String(),
      status: Type.String(),
      received_date: DateOnly,
    }),
    test_plans: Nullable(
      Section({
        id: Id,
        name: Nullable(Type.String()),
        method_id: Id,
        status: Type.String(),
        priority: Type.String(),
        due_date: Nullable(DateOnly),
      }),
    ),
    test_executions: Nullable(Type.Object({ total: Type.Integer(), by_status: Counts })),
    test_results: Type.Object({ total: Type.Integer(), by_status: Counts, by_verdict: Counts }),
  },
  { title: 'ProjectOverview' },
);
