import { inArray } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { samples, trfs } from '../../db/schema/index.ts';
import type { Row } from '../../lib/crud.ts';
import { conflict, invalidField, unprocessable } from '../../lib/errors.ts';
import { projectForIntake, projectLabels, today } from '../trfs/intake-refs.ts';
import { appendCustody, type CustodyValues, userNames } from './samples.custody.ts';
import { loadSampleRefs, type SampleInput, sampleErrors, withSampleDefaults } from './samples.rules.ts';

/**
 * Registration and edits of samples: the customer comes from the project, the TRF item must exist
 * in a TRF of the same project, and every registration opens the chain of custody.
 */
export const FINAL_SAMPLE_STATES = ['disposed', 'returned'];

export async function sampleToInsert(tx: Db, body: Record<string, unknown>, req: FastifyRequest) {
  const project = await projectForIntake(tx, String(body.project_id), req.user);
  const todayDate = today(req);
  const input = withSampleDefaults(body, todayDate, req.user.id);
  const errors = sampleErrors(input, project.id, await loadSampleRefs(tx, [input]), todayDate);
  if (errors.length) throw unprocessable(errors);
  return { ...input, customer_id: project.customer_id, status: 'received' };
}

/** The first custody entries of newly received samples: from the customer to whoever received them. */
export async function receiptEntries(tx: Db, rows: Row[], recordedBy: string): Promise<CustodyValues[]> {
  const labels = await projectLabels(
    tx,
    rows.map((r) => String(r.project_id)),
  );
  const names = await userNames(
    tx,
    rows.map((r) => r.received_by as string | null),
  );
  return rows.map((r) => ({
    sample_id: r.id,
    action: 'received',
    from_party: labels.get(String(r.project_id))?.customer_name ?? null,
    to_party: names.get(String(r.received_by)) ?? null,
    location: (r.storage_location as string | null) ?? null,
    notes:
      r.condition === 'ok'
        ? null
        : `Condition on receipt: ${r.condition}${r.condition_notes ? ` (${r.condition_notes})` : ''}`,
    recorded_by: recordedBy,
  }));
}

export async function openCustody(tx: Db, row: Row, req: FastifyRequest) {
  await appendCustody(tx, await receiptEntries(tx, [row], req.user.id));
}

export async function sampleToPatch(
  tx: Db,
  patch: Record<string, unknown>,
  before: Row,
  req: FastifyRequest,
): Promise<Record<string, unknown>> {
  if (FINAL_SAMPLE_STATES.includes(String(before.status))) {
    throw conflict(`Sample ${before.number} is ${before.status}; it can no longer be edited`);
  }
  const out = { ...patch };
  if (out.project_id != null && out.project_id !== before.project_id) {
    throw invalidField(
      'project_id',
      'cannot change after registration; register the sample under its project',
    );
  }
  delete out.project_id;
  // PUT sends null for what it leaves out: when and by whom it was received stay as recorded.
  if (out.received_date === null) delete out.received_date;
  if (out.received_by === null) delete out.received_by;
  if (out.condition === null) out.condition = 'ok';
  if (typeof out.condition_notes === 'string') out.condition_notes = out.condition_notes.trim() || null;
  const merged = { ...before, ...out } as unknown as SampleInput;
  // Check the references that change; one that became archived or inactive since may stay as it was.
  const trfChanged = merged.trf_id !== before.trf_id || merged.trf_item_no !== before.trf_item_no;
  const checked: SampleInput = {
    ...merged,
    trf_id: trfChanged ? merged.trf_id : null,
    trf_item_no: trfChanged ? merged.trf_item_no : null,
    received_by: merged.received_by !== before.received_by ? merged.received_by : null,
  };
  const errors = sampleErrors(
    checked,
    String(before.project_id),
    await loadSampleRefs(tx, [checked]),
    today(req),
  );
  if (errors.length) throw unprocessable(errors);
  return out;
}

/** Project, customer, TRF, parent and receiver labels for a page of samples: four queries at most. */
export async function expandSamples(db: Db, rows: Row[]): Promise<Row[]> {
  const ids = (key: string) => [...new Set(rows.map((r) => r[key]).filter((v): v is string => !!v))];
  const labels = await projectLabels(db, ids('project_id'));
  const trfIds = ids('trf_id');
  const parentIds = ids('parent_id');
  const trfNumbers = new Map(
    trfIds.length
      ? (
          await db.select({ id: trfs.id, number: trfs.number }).from(trfs).where(inArray(trfs.id, trfIds))
        ).map((t) => [t.id, t.number])
      : [],
  );
  const parentNumbers = new Map(
    parentIds.length
      ? (
          await db
            .select({ id: samples.id, number: samples.number })
            .from(samples)
            .where(inArray(samples.id, parentIds))
        ).map((s) => [s.id, s.number])
      : [],
  );
  const names = await userNames(db, ids('received_by'));
  return rows.map((r) => ({
    ...r,
    project_number: labels.get(String(r.project_id))?.number ?? '',
    customer_name: labels.get(String(r.project_id))?.customer_name ?? '',
    trf_number: r.trf_id ? (trfNumbers.get(String(r.trf_id)) ?? null) : null,
    parent_number: r.parent_id ? (parentNumbers.get(String(r.parent_id)) ?? null) : null,
    received_by_name: r.received_by ? (names.get(String(r.received_by)) ?? null) : null,
  }));
}
