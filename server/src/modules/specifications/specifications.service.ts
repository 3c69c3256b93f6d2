import { desc, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type SpecLimit, specifications } from '../../db/schema/index.ts';
import type { Machine } from '../../lib/actions.ts';
import type { AuditContext } from '../../lib/audit.ts';
import { canonicalJson } from '../../lib/audit.ts';
import { type EntityRef, findVisible, insertEntity, type Row, updateEntity } from '../../lib/crud.ts';
import { conflict, type FieldError, HttpError, preconditionFailed, unprocessable } from '../../lib/errors.ts';
import { MANAGERS } from '../../plugins/app/auth.ts';
import { checkLimits } from './specifications.rules.ts';

/**
 * Specifications are versioned by rows: a revision's code and limits never change once written
 * (results point at the revision they were judged by, and its limits must stay what they were).
 * `revise` writes revision n+1 as a new row linked to the old one and marks the old one
 * `superseded`; both stay readable. Name, description and source of the current revision may be
 * corrected in place; a superseded revision is read-only.
 */
export const specificationRef: EntityRef = { table: specifications, name: 'specification' };

/** `revise` is listed in allowed_actions; its route is the module's own (it answers with the new revision). */
export const specificationMachine: Machine = {
  actions: [
    {
      name: 'revise',
      from: ['active'],
      to: 'superseded',
      roles: MANAGERS,
      ownRoute: true,
      summary: 'Write revision n+1 with new limits; this revision becomes superseded',
    },
  ],
};

const sameCode = (code: string) => sql`lower(${specifications.code}) = lower(${code})`;

/** 409 naming the code (on the `code` field) when a specification chain already uses it, in any case. */
export async function assertCodeFree(tx: Db, code: string) {
  const [taken] = await tx
    .select({ code: specifications.code })
    .from(specifications)
    .where(sameCode(code))
    .limit(1);
  if (taken) {
    throw new HttpError(409, 'Conflict', `code ${code} is already taken by specification ${taken.code}`, {
      errors: [{ field: 'code', message: `is already taken by ${taken.code}` }],
    });
  }
}

export async function prepareCreate(tx: Db, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const code = String(body.code).trim();
  const name = String(body.name).trim();
  const errors: FieldError[] = [];
  if (!code) errors.push({ field: 'code', message: 'must not be blank' });
  if (!name) errors.push({ field: 'name', message: 'must not be blank' });
  if (errors.length) throw unprocessable(errors);
  await assertCodeFree(tx, code);
  const limits = await checkLimits(tx, (body.limits ?? []) as SpecLimit[]);
  return { ...body, code, name, limits, revision: 1, previous_id: null, status: 'active' };
}

/** PUT/PATCH: only the current revision, and never its code or limits (those change by revise). */
export async function preparePatch(tx: Db, patch: Record<string, unknown>, before: Row) {
  const out = { ...patch };
  if ('code' in out && String(out.code).trim().toLowerCase() === String(before.code).toLowerCase()) {
    delete out.code;
  }
  if ('limits' in out) {
    const limits = await checkLimits(tx, (out.limits ?? []) as SpecLimit[]);
    if (canonicalJson(limits) === canonicalJson(before.limits)) delete out.limits;
    else out.limits = limits;
  }
  const errors: FieldError[] = [];
  if ('code' in out)
    errors.push({ field: 'code', message: 'is fixed for a specification; create a new one' });
  if ('limits' in out) {
    errors.push({
      field: 'limits',
      message: `limits are fixed per revision; POST /specifications/${before.id}/revise to change them`,
    });
  }
  if ('name' in out) {
    out.name = String(out.name ?? '').trim();
    if (!out.name) errors.push({ field: 'name', message: 'must not be blank' });
  }
  if (errors.length) throw unprocessable(errors);
  const changes = Object.keys(out).some((k) => canonicalJson(out[k]) !== canonicalJson(before[k] ?? null));
  if (changes && before.status === 'superseded') {
    const current = await currentRevision(tx, String(before.code));
    throw conflict(
      `Specification ${before.code} rev ${before.revision} is superseded and read-only; the current revision is ${current?.revision} (${current?.id})`,
    );
  }
  return out;
}

async function currentRevision(tx: Db, code: string) {
  const [row] = await tx
    .select({ id: specifications.id, revision: specifications.revision })
    .from(specifications)
    .where(sameCode(code))
    .orderBy(desc(specifications.revision))
    .limit(1);
  return row;
}

export interface ReviseInput {
  limits: SpecLimit[];
  name?: string;
  description?: string | null;
  source?: string | null;
}

/**
 * Revision n+1 from the active revision `id`, in the caller's transaction: the old row is locked
 * first, so of two concurrent revises one wins and the other finds it superseded (409).
 */
export async function reviseSpecification(
  tx: Db,
  audit: AuditContext,
  id: string,
  input: ReviseInput,
  expected: number | undefined,
): Promise<Row> {
  const old = await findVisible(tx, specificationRef, id, undefined, true);
  if (old.status !== 'active') {
    const current = await currentRevision(tx, String(old.code));
    throw conflict(
      `Cannot revise a specification that is ${old.status}; allowed from ${old.status}: none. Revise the current revision ${current?.revision} (${current?.id})`,
    );
  }
  if (expected !== undefined && old.version !== expected) {
    throw preconditionFailed(
      `specification ${id} is at version ${old.version}, not ${expected}: reload it and apply your change again`,
    );
  }
  if (old.archived_at) throw conflict(`specification ${id} is archived; restore it before revising it`);
  const name = input.name === undefined ? old.name : input.name.trim();
  if (!name) throw unprocessable([{ field: 'name', message: 'must not be blank' }]);
  const next = await insertEntity(tx, specificationRef, audit, {
    code: old.code,
    name,
    description: input.description === undefined ? old.description : input.description,
    source: input.source === undefined ? old.source : input.source,
    limits: await checkLimits(tx, input.limits),
    revision: Number(old.revision) + 1,
    previous_id: old.id,
    status: 'active',
  });
  await updateEntity(tx, specificationRef, audit, id, { status: 'superseded' }, { action: 'revise' });
  return next;
}

/** Every revision of the specification `id` belongs to, newest first (archived ones included). */
export async function revisionsOf(db: Db, id: string): Promise<Row[]> {
  const spec = await findVisible(db, specificationRef, id);
  return (await db
    .select()
    .from(specifications)
    .where(sameCode(String(spec.code)))
    .orderBy(desc(specifications.revision))) as Row[];
}
