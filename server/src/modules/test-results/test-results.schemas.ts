import { Type } from 'typebox';
import { RESULT_STATUSES, testResults } from '../../db/schema/index.ts';
import type { ListSpec } from '../../lib/list.ts';
import { EntityFields, Id, Nullable, Text, Timestamp } from '../../lib/schemas.ts';
import { SignaturePublic } from '../../lib/signatures.ts';
import { DecisionRule, Reason } from '../test-plans/test-plans.schemas.ts';

export const VERDICTS = ['pass', 'fail', 'warn', 'inconclusive'] as const;
export const VerdictSchema = Type.Union(VERDICTS.map((v) => Type.Literal(v)));

/** A measured value: a number (or a decimal string, kept exactly) for numeric parameters, text otherwise. */
export const ResultValue = Type.Union([Type.String({ minLength: 1, maxLength: 500 }), Type.Number()], {
  description:
    'Numeric parameters: a number with at most the parameter’s decimals ("12.40" keeps its zero); text parameters: text',
});

/** Expanded uncertainty U, same unit as the value, ≥ 0. */
export const Uncertainty = Type.Union(
  [Type.Number({ minimum: 0 }), Type.String({ pattern: '^\\d{1,15}(\\.\\d{1,12})?$', maxLength: 30 })],
  { description: 'Expanded uncertainty U (≥ 0, same unit as the value); guarded acceptance needs it' },
);

/** The editable fields, as sent on create (and replaced whole by PUT). */
const editable = {
  execution_id: Type.String({ format: 'uuid', description: 'An execution in progress' }),
  parameter: Type.String({ minLength: 1, maxLength: 200, description: 'One of the method’s parameters' }),
  value: ResultValue,
  unit: Type.Optional(Nullable(Text(50))),
  uncertainty: Type.Optional(Nullable(Uncertainty)),
};

export const TestResultCreate = Type.Object(editable);
export const TestResultUpdate = Type.Object(
  Object.fromEntries(
    Object.entries(editable).map(([k, v]) => [k, Type.Optional(v)]),
  ) as unknown as typeof editable,
);

/** One item of a bulk entry: the execution is given once for all. */
export const BulkItem = Type.Object(
  {
    parameter: editable.parameter,
    value: ResultValue,
    unit: editable.unit,
    uncertainty: editable.uncertainty,
  },
  { additionalProperties: false, title: 'TestResultBulkItem' },
);

export const BulkBody = Type.Object(
  {
    execution_id: editable.execution_id,
    items: Type.Array(BulkItem, { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false, title: 'TestResultBulk' },
);

export const CorrectBody = Type.Object(
  {
    value: ResultValue,
    uncertainty: Type.Optional(Nullable(Uncertainty)),
    unit: Type.Optional(Nullable(Text(50))),
    reason: Reason,
  },
  { additionalProperties: false, title: 'TestResultCorrection' },
);

const Bound = Type.Optional(Nullable(Type.String()));
export const LimitSchema = Type.Object(
  {
    parameter: Type.String(),
    method_id: Bound,
    unit: Bound,
    min: Bound,
    max: Bound,
    warn_min: Bound,
    warn_max: Bound,
    expected_text: Bound,
  },
  { title: 'SpecLimitUsed' },
);

export const SpecVerdictSchema = Type.Object(
  {
    specification_id: Id,
    specification_code: Type.Optional(Nullable(Type.String())),
    specification_name: Type.Optional(Nullable(Type.String())),
    verdict: VerdictSchema,
    rule: DecisionRule,
    limit: Nullable(LimitSchema),
    reason: Type.String({ description: 'e.g. "12.4 N > max 12.0 N"' }),
  },
  { title: 'SpecVerdict' },
);

export const TestResultPublic = Type.Object({
  ...EntityFields,
  execution_id: Id,
  plan_id: Id,
  sample_id: Id,
  project_id: Id,
  customer_id: Id,
  method_id: Id,
  parameter: Type.String(),
  value: Type.String({ description: 'The value as entered: value_numeric or value_text' }),
  value_numeric: Nullable(Type.String({ description: 'Exact decimal' })),
  value_text: Nullable(Type.String()),
  unit: Nullable(Type.String()),
  uncertainty: Nullable(Type.String()),
  decision_rule: DecisionRule,
  verdicts: Type.Array(SpecVerdictSchema),
  overall_verdict: Nullable(VerdictSchema),
  status: Type.Union(RESULT_STATUSES.map((s) => Type.Literal(s))),
  entered_by: Nullable(Id),
  reviewed_by: Nullable(Id),
  reviewed_at: Nullable(Timestamp),
  approved_by: Nullable(Id),
  approved_at: Nullable(Timestamp),
  rejection_reason: Nullable(Type.String()),
  supersedes_id: Nullable(Id),
  superseded_by_id: Nullable(Id),
  correction_reason: Nullable(Type.String()),
  // read-only, from linked records
  superseded: Type.Boolean({ description: 'A correction replaced this result; it stays visible' }),
  sample_number: Type.String(),
  project_number: Type.String(),
  method_code: Type.String(),
  entered_by_name: Nullable(Type.String()),
  reviewed_by_name: Nullable(Type.String()),
  approved_by_name: Nullable(Type.String()),
  signatures: Type.Array(SignaturePublic, {
    description: 'The e-signature of the approval: who, when, meaning and the SHA-256 of what was signed',
  }),
});

export const resultListSpec: ListSpec = {
  table: testResults,
  idColumn: testResults.id,
  archivedColumn: testResults.archived_at,
  defaultSort: '-created_at',
  sortable: {
    created_at: { column: testResults.created_at },
    updated_at: { column: testResults.updated_at },
    parameter: { column: testResults.parameter },
    status: { column: testResults.status },
    overall_verdict: { column: testResults.overall_verdict, nullable: true },
  },
  searchable: [testResults.parameter, testResults.value_text],
  filters: {
    execution_id: { column: testResults.execution_id, kind: 'uuid' },
    plan_id: { column: testResults.plan_id, kind: 'uuid' },
    sample_id: { column: testResults.sample_id, kind: 'uuid' },
    project_id: { column: testResults.project_id, kind: 'uuid' },
    method_id: { column: testResults.method_id, kind: 'uuid' },
    entered_by: { column: testResults.entered_by, kind: 'uuid' },
    status: { column: testResults.status, kind: 'enum', values: RESULT_STATUSES },
    overall_verdict: { column: testResults.overall_verdict, kind: 'enum', values: VERDICTS },
    parameter: { column: testResults.parameter, kind: 'text' },
    created_at: { column: testResults.created_at, kind: 'range', format: 'date-time' },
  },
};

export const RESULT_CSV_COLUMNS = [
  'id',
  'project_number',
  'sample_number',
  'method_code',
  'parameter',
  'value',
  'unit',
  'uncertainty',
  'decision_rule',
  'overall_verdict',
  'status',
  'entered_by_name',
  'approved_by_name',
  'approved_at',
  'supersedes_id',
  'superseded_by_id',
  'correction_reason',
  'created_at',
  'updated_at',
  'version',
  'archived_at',
] as const;
