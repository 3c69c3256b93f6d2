import { type SQL, sql } from 'drizzle-orm';
import { Type } from 'typebox';
import {
  EFFECTIVENESS_RESULTS,
  NCR_ACTION_KINDS,
  NCR_ACTION_STATUSES,
  NCR_SEVERITIES,
  NCR_SOURCES,
  NCR_STATUSES,
  ncrActions,
  ncrs,
} from '../../db/schema/index.ts';
import type { ListSpec } from '../../lib/list.ts';
import { DateOnly, EntityFields, Id, LongText, Nullable, Text, Timestamp } from '../../lib/schemas.ts';
import { SignaturePublic } from '../../lib/signatures.ts';

const literals = <T extends string>(values: readonly T[], description?: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    description ? { description } : {},
  );

/** The kinds of record an NCR may point at, and what the API calls them. */
export const SOURCE_ENTITY_TYPES = [
  'audit_finding',
  'test_result',
  'test_execution',
  'equipment',
  'calibration_record',
  'customer',
  'sample',
  'project',
] as const;

export const WhyItem = Type.Object(
  { why: Text(1000, 1), answer: Text(2000) },
  { additionalProperties: false, title: 'Why' },
);

const editable = {
  source: literals(NCR_SOURCES, 'Where the non-conformance was found'),
  source_entity_type: Type.Optional(Nullable(literals(SOURCE_ENTITY_TYPES, 'Kind of the linked record'))),
  source_entity_id: Type.Optional(
    Nullable(Type.String({ format: 'uuid', description: 'The linked record' })),
  ),
  title: Text(200, 1),
  description: LongText(20_000),
  severity: literals(NCR_SEVERITIES),
  owner_id: Type.Optional(Nullable(Type.String({ format: 'uuid', description: 'Responsible person' }))),
  containment: Type.Optional(Nullable(LongText(10_000))),
  whys: Type.Optional(
    Type.Array(WhyItem, { maxItems: 5, default: [], description: 'Root cause analysis: up to 5 whys' }),
  ),
  root_cause: Type.Optional(Nullable(LongText(10_000))),
  effectiveness_check: Type.Optional(Nullable(LongText(10_000))),
  effectiveness_result: Type.Optional(
    Nullable(literals(EFFECTIVENESS_RESULTS, 'Set during verification; closing needs "effective"')),
  ),
};

export const NcrCreate = Type.Object(editable);
export const NcrUpdate = Type.Object(
  Object.fromEntries(
    Object.entries(editable).map(([k, v]) => [k, Type.Optional(v)]),
  ) as unknown as typeof editable,
);

export const NcrStep = Type.Object(
  {
    action: Type.String(),
    from: Type.String(),
    to: Type.String(),
    at: Type.String({ format: 'date-time' }),
    by: Id,
    by_name: Nullable(Type.String()),
    note: Nullable(Type.String()),
  },
  { title: 'NcrStep' },
);

export const NcrPublic = Type.Object({
  ...EntityFields,
  number: Type.String(),
  source: literals(NCR_SOURCES),
  source_entity_type: Nullable(Type.String()),
  source_entity_id: Nullable(Id),
  title: Type.String(),
  description: Type.String(),
  severity: literals(NCR_SEVERITIES),
  owner_id: Nullable(Id),
  containment: Nullable(Type.String()),
  whys: Type.Array(WhyItem),
  root_cause: Nullable(Type.String()),
  effectiveness_check: Nullable(Type.String()),
  effectiveness_result: Nullable(literals(EFFECTIVENESS_RESULTS)),
  impacted_result_ids: Type.Array(Id, { description: 'Results measured with failed equipment' }),
  steps: Type.Array(NcrStep, { description: 'Every transition: who, when, from, to' }),
  status: literals(NCR_STATUSES),
  closed_at: Nullable(Timestamp),
  closed_by: Nullable(Id),
  signature_id: Nullable(Id),
  // read-only, from linked records
  signatures: Type.Array(SignaturePublic, { description: 'E-signatures on the NCR (its close)' }),
  owner_name: Nullable(Type.String()),
  action_count: Type.Integer(),
  open_action_count: Type.Integer(),
  overdue_action_count: Type.Integer({ description: 'Open actions past their due date' }),
});

/** An NCR as an action that answers with one sends it (what GET /ncrs/{id} sends). */
export const NcrWithActions = Type.Object({
  ...NcrPublic.properties,
  allowed_actions: Type.Array(Type.String(), { description: 'Actions the caller may take now' }),
});

/** Optional note on a transition, kept in the step. */
export const StepNote = Type.Object({ note: Type.Optional(Nullable(Text(2000))) });

/** Today in the lab's time zone, as SQL (overdue is judged by the lab's calendar). */
export const labToday = (timeZone: string): SQL => sql`(now() at time zone ${timeZone})::date`;

export function ncrListSpec(timeZone: string): ListSpec {
  const overdue = sql`exists (select 1 from ${ncrActions} a where a.ncr_id = ${ncrs.id}
    and a.status = 'open' and a.archived_at is null and a.due_date < ${labToday(timeZone)})`;
  return {
    table: ncrs,
    idColumn: ncrs.id,
    archivedColumn: ncrs.archived_at,
    defaultSort: '-created_at',
    sortable: {
      created_at: { column: ncrs.created_at },
      updated_at: { column: ncrs.updated_at },
      number: { column: ncrs.number },
      status: { column: ncrs.status },
      severity: { column: ncrs.severity },
      closed_at: { column: ncrs.closed_at, nullable: true },
    },
    searchable: [ncrs.number, ncrs.title, ncrs.description, ncrs.root_cause],
    filters: {
      status: { column: ncrs.status, kind: 'enum', values: NCR_STATUSES },
      severity: { column: ncrs.severity, kind: 'enum', values: NCR_SEVERITIES },
      source: { column: ncrs.source, kind: 'enum', values: NCR_SOURCES },
      source_entity_type: { column: ncrs.source_entity_type, kind: 'enum', values: SOURCE_ENTITY_TYPES },
      source_entity_id: { column: ncrs.source_entity_id, kind: 'uuid' },
      owner_id: { column: ncrs.owner_id, kind: 'uuid' },
      // a computed condition: the list helper compares it to the boolean given
      overdue: { column: overdue as never, kind: 'boolean' },
      created_at: { column: ncrs.created_at, kind: 'range', format: 'date-time' },
    },
  };
}

export const NCR_CSV_COLUMNS = [
  'id',
  'number',
  'source',
  'title',
  'severity',
  'status',
  'owner_name',
  'root_cause',
  'effectiveness_result',
  'action_count',
  'open_action_count',
  'overdue_action_count',
  'closed_at',
  'created_at',
  'updated_at',
  'version',
  'archived_at',
] as const;

// ——— CAPA actions ———

const actionEditable = {
  description: Text(2000, 1),
  kind: literals(NCR_ACTION_KINDS),
  owner_id: Type.String({ format: 'uuid', description: 'Who does it (a staff user)' }),
  due_date: DateOnly,
};

export const NcrActionCreate = Type.Object(actionEditable, {
  additionalProperties: false,
  title: 'NcrActionCreate',
});
export const NcrActionUpdate = Type.Object(
  {
    description: Type.Optional(actionEditable.description),
    kind: Type.Optional(actionEditable.kind),
    owner_id: Type.Optional(actionEditable.owner_id),
    due_date: Type.Optional(DateOnly),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'Same as If-Match' })),
  },
  { additionalProperties: false, title: 'NcrActionUpdate' },
);
export const NcrActionComplete = Type.Object(
  { evidence: Text(4000, 1) },
  { additionalProperties: false, title: 'NcrActionComplete' },
);

export const NcrActionPublic = Type.Object(
  {
    ...EntityFields,
    ncr_id: Id,
    description: Type.String(),
    kind: literals(NCR_ACTION_KINDS),
    owner_id: Id,
    due_date: DateOnly,
    status: literals(NCR_ACTION_STATUSES),
    completed_at: Nullable(Timestamp),
    completed_by: Nullable(Id),
    evidence: Nullable(Type.String()),
    // read-only
    ncr_number: Type.String(),
    ncr_title: Type.String(),
    owner_name: Nullable(Type.String()),
    completed_by_name: Nullable(Type.String()),
    overdue: Type.Boolean({ description: 'Open and past its due date' }),
  },
  { title: 'NcrAction' },
);

export function ncrActionListSpec(timeZone: string): ListSpec {
  const overdue = sql`(${ncrActions.status} = 'open' and ${ncrActions.due_date} < ${labToday(timeZone)})`;
  return {
    table: ncrActions,
    idColumn: ncrActions.id,
    archivedColumn: ncrActions.archived_at,
    defaultSort: 'due_date',
    sortable: {
      due_date: { column: ncrActions.due_date },
      created_at: { column: ncrActions.created_at },
      status: { column: ncrActions.status },
    },
    searchable: [ncrActions.description, ncrActions.evidence],
    filters: {
      ncr_id: { column: ncrActions.ncr_id, kind: 'uuid' },
      owner_id: { column: ncrActions.owner_id, kind: 'uuid' },
      status: { column: ncrActions.status, kind: 'enum', values: NCR_ACTION_STATUSES },
      kind: { column: ncrActions.kind, kind: 'enum', values: NCR_ACTION_KINDS },
      overdue: { column: overdue as never, kind: 'boolean' },
      due_date: { column: ncrActions.due_date, kind: 'range', format: 'date' },
    },
  };
}

export const NCR_ACTION_CSV_COLUMNS = [
  'id',
  'ncr_number',
  'description',
  'kind',
  'owner_name',
  'due_date',
  'status',
  'overdue',
  'completed_at',
  'completed_by_name',
  'evidence',
] as const;
