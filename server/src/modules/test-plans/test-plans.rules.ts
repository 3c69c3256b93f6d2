import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { testExecutions, users } from '../../db/schema/index.ts';
import { archiveEntity, insertEntity, type Row, updateEntity } from '../../lib/crud.ts';
import { conflict, type FieldError, unprocessable } from '../../lib/errors.ts';
import {
  executionRef,
  findMethod,
  findProject,
  isAuthorised,
  type PlanRow,
  samplesByIds,
  specificationsByIds,
} from './test-plans.repo.ts';

/**
 * The rules of a test plan: what it may point at (an open project, an active method, samples of
 * that project, existing specifications, an engineer authorised for the method) and the pending
 * executions that follow its samples. Each check names the field it is about.
 */
const CLOSED_PROJECT = ['completed', 'cancelled'];

type Body = Record<string, unknown>;

async function checkProject(tx: Db, projectId: string, errors: FieldError[]) {
  const project = await findProject(tx, projectId);
  if (!project) errors.push({ field: 'project_id', message: 'no such project' });
  else if (project.archived_at)
    errors.push({ field: 'project_id', message: `project ${project.number} is archived` });
  else if (CLOSED_PROJECT.includes(project.status))
    errors.push({ field: 'project_id', message: `project ${project.number} is ${project.status}` });
  return project;
}

async function checkMethod(tx: Db, methodId: string, errors: FieldError[]) {
  const method = await findMethod(tx, methodId);
  if (!method) errors.push({ field: 'method_id', message: 'no such method' });
  else if (method.archived_at || !method.is_active)
    errors.push({ field: 'method_id', message: `method ${method.code} is not active` });
  else if (!method.parameters.length)
    errors.push({ field: 'method_id', message: `method ${method.code} measures no parameters` });
  return method;
}

async function checkSamples(tx: Db, projectId: string, ids: string[], errors: FieldError[]) {
  const found = new Map((await samplesByIds(tx, ids)).map((s) => [s.id, s]));
  ids.forEach((id, i) => {
    const s = found.get(id);
    const field = `sample_ids[${i}]`;
    if (!s) errors.push({ field, message: 'no such sample' });
    else if (s.project_id !== projectId)
      errors.push({ field, message: `sample ${s.number} belongs to another project` });
    else if (s.archived_at) errors.push({ field, message: `sample ${s.number} is archived` });
    else if (['disposed', 'returned'].includes(s.status))
      errors.push({ field, message: `sample ${s.number} is ${s.status}` });
  });
}

async function checkSpecifications(tx: Db, ids: string[], errors: FieldError[]) {
  const found = new Map((await specificationsByIds(tx, ids)).map((s) => [s.id, s]));
  ids.forEach((id, i) => {
    const s = found.get(id);
    if (!s) errors.push({ field: `specification_ids[${i}]`, message: 'no such specification' });
    else if (s.archived_at)
      errors.push({ field: `specification_ids[${i}]`, message: `specification ${s.code} is archived` });
  });
}

/** 422 unless `engineerId` is a user authorised for the method (the methods module decides who is). */
export async function checkEngineer(
  tx: Db,
  methodId: string,
  methodCode: string,
  engineerId: string,
  field = 'engineer_id',
) {
  if (await isAuthorised(tx, methodId, engineerId)) return;
  const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, engineerId));
  throw unprocessable([
    { field, message: user ? `is not authorised for method ${methodCode}` : 'no such user' },
  ]);
}

/** Validates a new plan's references and returns its column values (customer from the project). */
export async function planValues(tx: Db, body: Body): Promise<Body> {
  const errors: FieldError[] = [];
  const projectId = String(body.project_id);
  const project = await checkProject(tx, projectId, errors);
  const method = await checkMethod(tx, String(body.method_id), errors);
  await checkSamples(tx, projectId, body.sample_ids as string[], errors);
  await checkSpecifications(tx, (body.specification_ids as string[]) ?? [], errors);
  if (errors.length) throw unprocessable(errors);
  if (body.engineer_id) await checkEngineer(tx, method!.id, method!.code, String(body.engineer_id));
  return { ...body, customer_id: project!.customer_id };
}

/** One pending execution per sample, assigned to the plan's engineer. */
export async function createExecutions(
  tx: Db,
  req: FastifyRequest,
  plan: Row | PlanRow,
  sampleIds: readonly string[],
) {
  const p = plan as PlanRow;
  for (const sampleId of sampleIds) {
    await insertEntity(tx, executionRef, req.audit, {
      plan_id: p.id,
      sample_id: sampleId,
      project_id: p.project_id,
      customer_id: p.customer_id,
      method_id: p.method_id,
      engineer_id: p.engineer_id,
    });
  }
}

const sameSet = (a: readonly unknown[] = [], b: readonly unknown[] = []) =>
  a.length === b.length && a.every((x) => b.includes(x));

/** Fields that decide what is tested and how it is judged: fixed once work has started. */
const JUDGING_FIELDS = ['sample_ids', 'specification_ids', 'decision_rule'] as const;

/**
 * Checks a PATCH/PUT against the plan as it is and keeps its executions in step: samples added
 * get pending executions, samples removed have their pending executions archived, and pending
 * executions follow an engineer reassignment.
 */
export async function planPatch(tx: Db, patch: Body, before: PlanRow, req: FastifyRequest): Promise<Body> {
  if (before.status === 'completed' || before.status === 'cancelled') {
    throw conflict(`test plan ${before.id} is ${before.status}; it can no longer be changed`);
  }
  const fixed = (['project_id', 'method_id'] as const).filter((f) => f in patch && patch[f] !== before[f]);
  if (fixed.length) {
    throw unprocessable(
      fixed.map((field) => ({ field, message: 'cannot change once the plan exists; create a new plan' })),
    );
  }
  const changed = JUDGING_FIELDS.filter((f) => {
    if (!(f in patch)) return false;
    const value = patch[f];
    return Array.isArray(value) ? !sameSet(value, before[f] as unknown[]) : value !== before[f];
  });
  if (changed.length && before.status !== 'planned') {
    throw conflict(`${changed.join(', ')} can change only while the plan is planned; it is ${before.status}`);
  }
  const errors: FieldError[] = [];
  if (changed.includes('sample_ids'))
    await checkSamples(tx, before.project_id, patch.sample_ids as string[], errors);
  if (changed.includes('specification_ids'))
    await checkSpecifications(tx, patch.specification_ids as string[], errors);
  if (errors.length) throw unprocessable(errors);

  const engineerChanged = 'engineer_id' in patch && (patch.engineer_id ?? null) !== before.engineer_id;
  if (engineerChanged && patch.engineer_id) {
    const method = await findMethod(tx, before.method_id);
    await checkEngineer(tx, before.method_id, method!.code, String(patch.engineer_id));
  }
  const engineer =
    'engineer_id' in patch ? ((patch.engineer_id as string | null) ?? null) : before.engineer_id;
  if (changed.includes('sample_ids'))
    await syncSamples(tx, req, before, patch.sample_ids as string[], engineer);
  if (engineerChanged) await reassignPending(tx, req, before, (patch.engineer_id as string | null) ?? null);
  return patch;
}

async function syncSamples(
  tx: Db,
  req: FastifyRequest,
  plan: PlanRow,
  next: string[],
  engineer: string | null,
) {
  const added = next.filter((id) => !plan.sample_ids.includes(id));
  const removed = plan.sample_ids.filter((id) => !next.includes(id));
  await createExecutions(tx, req, { ...plan, engineer_id: engineer }, added);
  if (!removed.length) return;
  const stale = await tx
    .select({ id: testExecutions.id })
    .from(testExecutions)
    .where(
      and(
        eq(testExecutions.plan_id, plan.id),
        inArray(testExecutions.sample_id, removed),
        eq(testExecutions.status, 'pending'),
        isNull(testExecutions.archived_at),
      ),
    );
  for (const e of stale) await archiveEntity(tx, executionRef, req.audit, e.id);
}

async function reassignPending(tx: Db, req: FastifyRequest, plan: PlanRow, engineerId: string | null) {
  const pending = await tx
    .select({ id: testExecutions.id })
    .from(testExecutions)
    .where(
      and(
        eq(testExecutions.plan_id, plan.id),
        eq(testExecutions.status, 'pending'),
        isNull(testExecutions.archived_at),
        // only executions that followed the plan's engineer; a deliberate per-sample choice stays
        plan.engineer_id
          ? sql`(${testExecutions.engineer_id} = ${plan.engineer_id} or ${testExecutions.engineer_id} is null)`
          : isNull(testExecutions.engineer_id),
      ),
    );
  for (const e of pending) await updateEntity(tx, executionRef, req.audit, e.id, { engineer_id: engineerId });
}
