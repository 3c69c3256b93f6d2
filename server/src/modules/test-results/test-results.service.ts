import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import { testResults } from '../../db/schema/index.ts';
import type { ActionDef } from '../../lib/actions.ts';
import { findVisible, type Row } from '../../lib/crud.ts';
import { conflict, type FieldError, forbidden, HttpError, unprocessable } from '../../lib/errors.ts';
import { notify, userIdsWithRole } from '../../lib/notifications.ts';
import { requireMeaning, SignatureBody, sign } from '../../lib/signatures.ts';
import { MANAGERS } from '../../plugins/app/auth.ts';
import {
  currentResult,
  type ExecutionRow,
  executionRef,
  findMethod,
  isAuthorised,
  judgingContext,
  type PlanRow,
  planRef,
  type ResultRow,
} from '../test-plans/test-plans.repo.ts';
import { BENCH_ROLES } from '../test-plans/test-plans.routes.ts';
import { Reason } from '../test-plans/test-plans.schemas.ts';
import { type JudgingContext, type ResultInput, resultColumns } from './result-values.ts';

/**
 * The rules of a result: entered on an execution in progress by someone allowed to perform the
 * method, one current result per parameter, judged by the server. entered → reviewed (`review`,
 * the enterer may review) → approved (`approve`, managers, never the person who entered it:
 * the four-eyes rule) | rejected (`reject`, with a reason). Approved results are locked; a
 * correction supersedes them (see test-results.correct.ts).
 */
export interface EntryContext extends JudgingContext {
  execution: ExecutionRow;
  plan: PlanRow;
  /** parameter → id of its current result */
  current: Map<string, string>;
}

/**
 * Everything needed to enter results on an execution, with the execution row locked so that
 * concurrent entries for it queue (one current result per parameter holds under races).
 */
export async function entryContext(
  tx: Db,
  executionId: string,
  req: FastifyRequest,
  opts: { correcting?: boolean } = {},
): Promise<EntryContext> {
  const execution = (await findVisible(tx, executionRef, executionId, undefined, true).catch((err) => {
    if (err instanceof HttpError && err.status === 404)
      throw unprocessable([{ field: 'execution_id', message: 'no such test execution' }]);
    throw err;
  })) as unknown as ExecutionRow;
  const allowed = opts.correcting ? ['in_progress', 'completed'] : ['in_progress'];
  if (execution.archived_at || !allowed.includes(execution.status)) {
    const state = execution.archived_at ? 'archived' : execution.status;
    throw conflict(
      execution.status === 'pending'
        ? `Test execution ${execution.id} is pending: start it before entering results`
        : `Test execution ${execution.id} is ${state}; results are entered while it is in progress`,
    );
  }
  const method = (await findMethod(tx, execution.method_id))!;
  if (req.user.role === 'engineer' && !(await isAuthorised(tx, method.id, req.user.id))) {
    throw forbidden(`You are not authorised for method ${method.code}, so you cannot enter its results`);
  }
  const plan = (await findVisible(tx, planRef, execution.plan_id)) as unknown as PlanRow;
  const { specs, rule } = await judgingContext(tx, plan);
  const rows = await tx
    .select({ id: testResults.id, parameter: testResults.parameter })
    .from(testResults)
    .where(and(eq(testResults.execution_id, execution.id), currentResult));
  return {
    execution,
    plan,
    methodId: method.id,
    methodCode: method.code,
    parameters: method.parameters,
    specs,
    rule,
    current: new Map(rows.map((r) => [r.parameter, r.id])),
  };
}

/** Columns every result of an execution inherits, plus who entered it. */
export const inherited = (ctx: EntryContext, req: FastifyRequest) => ({
  execution_id: ctx.execution.id,
  plan_id: ctx.execution.plan_id,
  sample_id: ctx.execution.sample_id,
  project_id: ctx.execution.project_id,
  customer_id: ctx.execution.customer_id,
  method_id: ctx.execution.method_id,
  entered_by: req.user.id,
});

/** Checks entries against the context (and each other); all of them or none. */
export function checkEntries(ctx: EntryContext, items: ResultInput[], prefixOf: (i: number) => string) {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const columns = items.map((item, i) => {
    const checked = resultColumns(ctx, item, prefixOf(i));
    errors.push(...checked.errors);
    const name = checked.columns?.parameter;
    if (name && seen.has(name))
      errors.push({ field: `${prefixOf(i)}parameter`, message: `${name} appears more than once` });
    else if (name && ctx.current.has(name))
      errors.push({
        field: `${prefixOf(i)}parameter`,
        message: `${name} already has a result (${ctx.current.get(name)}); edit it with PATCH or correct it`,
      });
    if (name) seen.add(name);
    return checked.columns;
  });
  return { errors, columns };
}

/** POST /test-results: one result. A second current result for the parameter is a 409. */
export async function resultValues(tx: Db, body: Record<string, unknown>, req: FastifyRequest) {
  const ctx = await entryContext(tx, String(body.execution_id), req);
  const checked = resultColumns(ctx, body as unknown as ResultInput);
  if (!checked.columns) throw unprocessable(checked.errors);
  const existing = ctx.current.get(checked.columns.parameter);
  if (existing) {
    throw conflict(
      `${checked.columns.parameter} already has a result on this execution (${existing}); edit it with PATCH or correct it`,
    );
  }
  return { ...inherited(ctx, req), ...checked.columns };
}

/**
 * PATCH/PUT: the value, unit and uncertainty of a result not yet approved; verdicts are computed
 * again, and a reviewed result goes back to entered (its review was of the old value).
 */
export async function resultPatch(
  tx: Db,
  patch: Record<string, unknown>,
  before: ResultRow,
  req: FastifyRequest,
) {
  if (before.superseded_by_id) {
    throw conflict(
      `Test result ${before.id} was superseded by ${before.superseded_by_id}; it is kept as it is`,
    );
  }
  if (before.status === 'approved') {
    throw conflict(
      `Test result ${before.id} is approved and locked; POST /api/v1/test-results/${before.id}/correct to supersede it`,
    );
  }
  if (before.status === 'rejected') {
    throw conflict(`Test result ${before.id} is rejected and kept as it is; enter a new result instead`);
  }
  const fixed = (['execution_id', 'parameter'] as const).filter((f) => f in patch && patch[f] !== before[f]);
  if (fixed.length)
    throw unprocessable(fixed.map((field) => ({ field, message: 'cannot change; enter a new result' })));
  const ctx = await entryContext(tx, before.execution_id, req, { correcting: true });
  const input: ResultInput = {
    parameter: before.parameter,
    value:
      'value' in patch ? (patch.value as string | number) : (before.value_numeric ?? before.value_text ?? ''),
    unit: 'unit' in patch ? (patch.unit as string | null) : before.unit,
    uncertainty: 'uncertainty' in patch ? (patch.uncertainty as string | null) : before.uncertainty,
  };
  const checked = resultColumns(ctx, input);
  if (!checked.columns) throw unprocessable(checked.errors);
  const { parameter: _p, ...columns } = checked.columns;
  const valueChanged =
    columns.value_numeric !== before.value_numeric ||
    columns.value_text !== before.value_text ||
    columns.unit !== before.unit ||
    columns.uncertainty !== before.uncertainty;
  const back = before.status === 'reviewed' && valueChanged;
  return { ...columns, ...(back ? { status: 'entered', reviewed_by: null, reviewed_at: null } : {}) };
}

const review: ActionDef = {
  name: 'review',
  from: ['entered'],
  to: 'reviewed',
  roles: BENCH_ROLES,
  summary: 'Mark reviewed (the person who entered it may review it; approval needs someone else)',
  apply: async (tx, row, _body, req) => {
    // now waiting for a manager's approval: tell the managers (not the one who entered it)
    const managers = await userIdsWithRole(tx, ['manager']);
    await notify(tx, {
      userIds: managers.filter((id) => id !== row.entered_by),
      kind: 'result_review',
      title: `Result ${row.parameter} reviewed, awaiting approval`,
      link: '/test-results/review',
      entity: { type: 'test_result', id: String(row.id) },
    });
    return { reviewed_by: req.user.id, reviewed_at: new Date() };
  },
};

const approve: ActionDef = {
  name: 'approve',
  from: ['reviewed'],
  to: 'approved',
  roles: MANAGERS,
  summary:
    'Approve with an e-signature (password again, meaning `approved`); four-eyes: never by the person who entered it; approved results are locked',
  body: SignatureBody,
  apply: async (tx, row: Row, body, req) => {
    if (row.entered_by === req.user.id) {
      throw forbidden(
        'Four-eyes rule: a result cannot be approved by the person who entered it; another manager must approve it',
      );
    }
    requireMeaning(body, ['approved']);
    await sign(tx, req, {
      entityType: 'test_result',
      entityId: String(row.id),
      meaning: String(body.meaning),
      content: signedResult(row),
    });
    return { approved_by: req.user.id, approved_at: new Date() };
  },
};

/** What an approval signs: the result as judged, at the version approved. */
const signedResult = (row: Row) => ({
  id: row.id,
  version: row.version,
  execution_id: row.execution_id,
  parameter: row.parameter,
  value_numeric: row.value_numeric,
  value_text: row.value_text,
  unit: row.unit,
  uncertainty: row.uncertainty,
  verdicts: row.verdicts,
  overall_verdict: row.overall_verdict,
});

const reject: ActionDef = {
  name: 'reject',
  from: ['entered', 'reviewed'],
  to: 'rejected',
  roles: BENCH_ROLES,
  summary: 'Reject with a reason; the parameter then takes a new result',
  body: Type.Object({ reason: Reason }),
  apply: (_tx, _row, body) => ({ rejection_reason: String(body.reason).trim() }),
};

export const resultMachine = { actions: [review, approve, reject] };
