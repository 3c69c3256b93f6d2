import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { ActionDef } from '../../lib/actions.ts';
import { findVisible, updateEntity } from '../../lib/crud.ts';
import { today } from '../../lib/dates.ts';
import { conflict, forbidden, unprocessable } from '../../lib/errors.ts';
import { assertUsable } from '../equipment/equipment.service.ts';
import {
  type ExecutionRow,
  findMethod,
  isAuthorised,
  type MethodRow,
  type PlanRow,
  parametersWithResults,
  planRef,
  userLabel,
} from '../test-plans/test-plans.repo.ts';
import { checkEngineer } from '../test-plans/test-plans.rules.ts';
import { sampleToBench } from './sample-status.ts';
import { AbortBody } from './test-executions.schemas.ts';

/**
 * The rules of an execution: it belongs to an open plan and one of its samples; it starts only
 * with an engineer authorised for the method; it completes only with a result for every parameter
 * of the method; an abort needs a reason. Starting takes the sample to the bench (in_test) and
 * the plan to in_progress.
 */
type Body = Record<string, unknown>;
const BENCH = ['manager', 'engineer'] as const;

async function openPlan(tx: Db, planId: string, field = 'plan_id', lock = false): Promise<PlanRow> {
  const plan = (await findVisible(tx, planRef, planId, undefined, lock).catch(() => {
    throw unprocessable([{ field, message: 'no such test plan' }]);
  })) as unknown as PlanRow;
  if (plan.archived_at) throw conflict(`test plan ${planId} is archived`);
  if (plan.status === 'completed' || plan.status === 'cancelled') {
    throw conflict(`test plan ${planId} is ${plan.status}; its executions can no longer change`);
  }
  return plan;
}

/** Validates a new execution and fills in what it inherits from its plan. */
export async function executionValues(tx: Db, body: Body): Promise<Body> {
  const plan = await openPlan(tx, String(body.plan_id));
  if (!plan.sample_ids.includes(String(body.sample_id))) {
    throw unprocessable([{ field: 'sample_id', message: 'is not one of the plan’s samples' }]);
  }
  const engineerId = (body.engineer_id as string | null | undefined) ?? plan.engineer_id;
  if (engineerId && body.engineer_id) {
    const method = await findMethod(tx, plan.method_id);
    await checkEngineer(tx, plan.method_id, method!.code, engineerId);
  }
  return {
    ...body,
    engineer_id: engineerId,
    project_id: plan.project_id,
    customer_id: plan.customer_id,
    method_id: plan.method_id,
  };
}

/**
 * PATCH/PUT: conditions, equipment and notes while it runs; the engineer only before it starts.
 * Equipment added to a running execution must be usable now, as at the start.
 */
export async function executionPatch(
  tx: Db,
  patch: Body,
  before: ExecutionRow,
  req: FastifyRequest,
): Promise<Body> {
  if (before.status === 'completed' || before.status === 'aborted') {
    throw conflict(`test execution ${before.id} is ${before.status}; it can no longer be changed`);
  }
  const fixed = (['plan_id', 'sample_id'] as const).filter((f) => f in patch && patch[f] !== before[f]);
  if (fixed.length) {
    throw unprocessable(
      fixed.map((field) => ({ field, message: 'cannot change; create another execution' })),
    );
  }
  if ('engineer_id' in patch && (patch.engineer_id ?? null) !== before.engineer_id) {
    if (before.status !== 'pending') {
      throw conflict(`the engineer of test execution ${before.id} is fixed once it has started`);
    }
    if (patch.engineer_id) {
      const method = await findMethod(tx, before.method_id);
      await checkEngineer(tx, before.method_id, method!.code, String(patch.engineer_id));
    }
  }
  if (before.status === 'in_progress' && Array.isArray(patch.equipment_ids)) {
    const added = (patch.equipment_ids as string[]).filter((id) => !before.equipment_ids.includes(id));
    await assertUsable(tx, added, today(req));
  }
  return patch;
}

/**
 * Who performs it: an engineer starts it themself and must be authorised; a manager (or admin)
 * starts it for the assigned engineer, who must be authorised.
 */
async function performer(
  tx: Db,
  execution: ExecutionRow,
  plan: PlanRow,
  method: MethodRow,
  req: FastifyRequest,
) {
  if (req.user.role === 'engineer') {
    if (!(await isAuthorised(tx, method.id, req.user.id))) {
      throw forbidden(
        `You are not authorised for method ${method.code}; a manager can add you to its authorised engineers`,
      );
    }
    return req.user.id;
  }
  const assigned = execution.engineer_id ?? plan.engineer_id;
  if (!assigned) {
    throw conflict(
      `No engineer is assigned to this execution: assign one authorised for method ${method.code} (PATCH engineer_id), or let that engineer start it`,
    );
  }
  if (!(await isAuthorised(tx, method.id, assigned))) {
    throw conflict(
      `The assigned engineer ${await userLabel(tx, assigned)} is not authorised for method ${method.code}`,
    );
  }
  return assigned;
}

const startExecution: ActionDef = {
  name: 'start',
  from: ['pending'],
  to: 'in_progress',
  roles: BENCH,
  summary:
    'Start at the bench: needs an engineer authorised for the method and equipment in service and in calibration (409 naming why); the sample goes in test',
  apply: async (tx, row, _body, req) => {
    const execution = row as unknown as ExecutionRow;
    await assertUsable(tx, execution.equipment_ids ?? [], today(req));
    const plan = await openPlan(tx, execution.plan_id, 'plan_id', true);
    const method = await findMethod(tx, execution.method_id);
    const engineerId = await performer(tx, execution, plan, method!, req);
    await sampleToBench(tx, req, execution.sample_id, engineerId);
    if (plan.status === 'planned') {
      await updateEntity(tx, planRef, req.audit, plan.id, { status: 'in_progress' }, { action: 'start' });
    }
    return { engineer_id: engineerId, started_at: new Date() };
  },
};

const completeExecution: ActionDef = {
  name: 'complete',
  from: ['in_progress'],
  to: 'completed',
  roles: BENCH,
  summary: 'Complete: every parameter of the method needs a current result',
  apply: async (tx, row) => {
    const execution = row as unknown as ExecutionRow;
    const method = await findMethod(tx, execution.method_id);
    const entered = await parametersWithResults(tx, execution.id);
    const missing = method!.parameters.map((p) => p.name).filter((name) => !entered.has(name));
    if (missing.length) {
      throw conflict(
        `Cannot complete test execution ${execution.id}: no result yet for ${missing.join(', ')}`,
      );
    }
    return { completed_at: new Date() };
  },
};

const abortExecution: ActionDef = {
  name: 'abort',
  from: ['pending', 'in_progress'],
  to: 'aborted',
  roles: BENCH,
  summary: 'Abort with a reason (kept on the execution)',
  body: AbortBody,
  apply: (_tx, _row, body) => ({ abort_reason: String(body.reason).trim() }),
};

export const executionMachine = { actions: [startExecution, completeExecution, abortExecution] };
