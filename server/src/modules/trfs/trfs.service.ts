import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { methods, samples, specifications, type TrfItem } from '../../db/schema/index.ts';
import type { Row } from '../../lib/crud.ts';
import { conflict, type FieldError, HttpError, unprocessable } from '../../lib/errors.ts';
import { projectForIntake, projectLabels, today } from './intake-refs.ts';

/**
 * TRF rules: items numbered 1..n naming real methods and specifications, a declaration and a
 * signature to submit, the customer taken from the project, edits only while submitted or
 * returned, and no edit that would strand a registered sample.
 */
export const EDITABLE_STATES = ['submitted', 'returned'];

/** Every problem with the items at once, each named `items[i].<field>`. */
export async function itemErrors(tx: Db, items: TrfItem[]): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const seen = new Map<number, number>();
  items.forEach((item, i) => {
    if (item.item_no > items.length) {
      errors.push({
        field: `items[${i}].item_no`,
        message: `must be between 1 and ${items.length} (items are numbered 1..n)`,
      });
    } else if (seen.has(item.item_no)) {
      errors.push({ field: `items[${i}].item_no`, message: `item ${item.item_no} appears twice` });
    }
    seen.set(item.item_no, i);
  });
  const methodIds = [...new Set(items.flatMap((item) => item.method_ids ?? []))];
  const specIds = [...new Set(items.flatMap((item) => item.specification_ids ?? []))];
  const activeMethods = new Set(
    methodIds.length
      ? (
          await tx
            .select({ id: methods.id })
            .from(methods)
            .where(
              and(inArray(methods.id, methodIds), eq(methods.is_active, true), isNull(methods.archived_at)),
            )
        ).map((m) => m.id)
      : [],
  );
  const specs = new Map(
    specIds.length
      ? (
          await tx
            .select({ id: specifications.id, status: specifications.status, code: specifications.code })
            .from(specifications)
            .where(and(inArray(specifications.id, specIds), isNull(specifications.archived_at)))
        ).map((s) => [s.id, s])
      : [],
  );
  items.forEach((item, i) => {
    const badMethods = (item.method_ids ?? []).filter((id) => !activeMethods.has(id));
    if (badMethods.length) {
      errors.push({
        field: `items[${i}].method_ids`,
        message: `not an active method: ${badMethods.join(', ')}`,
      });
    }
    for (const id of item.specification_ids ?? []) {
      const spec = specs.get(id);
      if (!spec)
        errors.push({ field: `items[${i}].specification_ids`, message: `no such specification: ${id}` });
      else if (spec.status !== 'active') {
        errors.push({
          field: `items[${i}].specification_ids`,
          message: `${spec.code} is superseded; pick its current revision`,
        });
      }
    }
  });
  return errors;
}

/** Items in item order, each id list without repeats. */
const tidyItems = (items: TrfItem[]) =>
  [...items]
    .sort((a, b) => a.item_no - b.item_no)
    .map((item) => ({
      ...item,
      method_ids: [...new Set(item.method_ids ?? [])],
      specification_ids: [...new Set(item.specification_ids ?? [])],
    }));

/** What a submitted TRF must carry: the accepted declaration and a signature, dated no later than today. */
export function submitErrors(trf: Record<string, unknown>, todayDate: string): FieldError[] {
  const errors: FieldError[] = [];
  if (trf.declaration_accepted !== true) {
    errors.push({ field: 'declaration_accepted', message: 'must be accepted to submit the request' });
  }
  if (typeof trf.signature_name !== 'string' || !trf.signature_name.trim()) {
    errors.push({ field: 'signature_name', message: 'sign with your name to submit the request' });
  }
  if (typeof trf.signature_date === 'string' && trf.signature_date > todayDate) {
    errors.push({ field: 'signature_date', message: `cannot be in the future (today is ${todayDate})` });
  }
  return errors;
}

export async function trfToInsert(tx: Db, body: Record<string, unknown>, req: FastifyRequest) {
  const project = await projectForIntake(tx, String(body.project_id), req.user);
  const todayDate = today(req);
  const values = {
    ...body,
    items: tidyItems(body.items as TrfItem[]),
    declaration_accepted: body.declaration_accepted === true,
    signature_date: body.signature_date ?? todayDate,
  };
  const errors = [...submitErrors(values, todayDate), ...(await itemErrors(tx, values.items))];
  if (errors.length) throw unprocessable(errors);
  return {
    ...values,
    customer_id: project.customer_id,
    status: 'submitted',
    submitted_by: req.user.id,
  };
}

/** Item numbers of this TRF that registered samples point at (they must stay). */
async function itemsWithSamples(tx: Db, trfId: string): Promise<Map<number, number>> {
  const rows = await tx
    .select({ item_no: samples.trf_item_no, n: count() })
    .from(samples)
    .where(eq(samples.trf_id, trfId))
    .groupBy(samples.trf_item_no);
  return new Map(rows.map((r) => [Number(r.item_no), r.n]));
}

export async function trfToPatch(
  tx: Db,
  patch: Record<string, unknown>,
  before: Row,
  req: FastifyRequest,
): Promise<Record<string, unknown>> {
  if (!EDITABLE_STATES.includes(String(before.status))) {
    throw conflict(
      `TRF ${before.number} is ${before.status}; only ${EDITABLE_STATES.join(' or ')} requests can be edited`,
    );
  }
  const out = { ...patch };
  // PUT sends null for an omitted optional field: the declaration then simply is not given.
  if (out.declaration_accepted === null) out.declaration_accepted = false;
  if (out.signature_date === null) out.signature_date = today(req);
  const withSamples = await itemsWithSamples(tx, before.id);
  if (out.project_id != null && out.project_id !== before.project_id) {
    if (withSamples.size) {
      throw new HttpError(409, 'Conflict', `TRF ${before.number} has samples registered; its project stays`, {
        errors: [{ field: 'project_id', message: 'cannot change once samples are registered' }],
      });
    }
    out.customer_id = (await projectForIntake(tx, String(out.project_id), req.user)).customer_id;
  } else delete out.project_id;
  const errors: FieldError[] = [];
  if (out.items) {
    out.items = tidyItems(out.items as TrfItem[]);
    errors.push(...(await itemErrors(tx, out.items as TrfItem[])));
    const kept = new Set((out.items as TrfItem[]).map((item) => item.item_no));
    const stranded = [...withSamples.keys()].filter((no) => !kept.has(no));
    if (stranded.length && !errors.length) {
      throw new HttpError(
        409,
        'Conflict',
        `Items ${stranded.join(', ')} have samples registered and must stay`,
        {
          errors: [{ field: 'items', message: `items ${stranded.join(', ')} have samples registered` }],
        },
      );
    }
  }
  // A submitted request stays submittable; a returned one is checked when it is resubmitted.
  if (before.status === 'submitted') errors.push(...submitErrors({ ...before, ...out }, today(req)));
  if (errors.length) throw unprocessable(errors);
  return out;
}

/** Project number, customer name and sample count for a page of TRFs: two queries. */
export async function expandTrfs(db: Db, rows: Row[]): Promise<Row[]> {
  const labels = await projectLabels(
    db,
    rows.map((r) => String(r.project_id)),
  );
  const counts = new Map(
    (
      await db
        .select({ trf_id: samples.trf_id, n: count() })
        .from(samples)
        .where(
          and(
            inArray(
              samples.trf_id,
              rows.map((r) => r.id),
            ),
            isNull(samples.archived_at),
          ),
        )
        .groupBy(samples.trf_id)
    ).map((r) => [r.trf_id, r.n]),
  );
  return rows.map((r) => ({
    ...r,
    project_number: labels.get(String(r.project_id))?.number ?? '',
    customer_name: labels.get(String(r.project_id))?.customer_name ?? '',
    sample_count: counts.get(r.id) ?? 0,
  }));
}
