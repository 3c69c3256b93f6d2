import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { trfs, users } from '../../db/schema/index.ts';
import type { FieldError } from '../../lib/errors.ts';

/**
 * What a registered sample must satisfy, checked for one sample or a bulk of 500 alike: the records
 * it names are loaded once for the whole batch, then each sample is checked without a query, and
 * every problem is reported under its own field (`items[3].condition_notes` in a bulk).
 */
export interface SampleInput {
  trf_id?: string | null;
  trf_item_no?: number | null;
  description: string;
  received_date: string;
  received_by: string | null;
  condition: string;
  condition_notes?: string | null;
  storage_location?: string | null;
  retention_until?: string | null;
}

interface TrfRef {
  number: string;
  project_id: string;
  archived: boolean;
  itemNos: number[];
}

export interface SampleRefs {
  trfs: Map<string, TrfRef>;
  /** Active staff users who may have received a sample. */
  receivers: Set<string>;
}

/** Loads the TRFs and receivers a batch of samples names: two queries, whatever the batch size. */
export async function loadSampleRefs(tx: Db, inputs: SampleInput[]): Promise<SampleRefs> {
  const trfIds = [...new Set(inputs.map((s) => s.trf_id).filter((id): id is string => !!id))];
  const userIds = [...new Set(inputs.map((s) => s.received_by).filter((id): id is string => !!id))];
  const trfRows = trfIds.length
    ? await tx
        .select({
          id: trfs.id,
          number: trfs.number,
          project_id: trfs.project_id,
          archived_at: trfs.archived_at,
          items: trfs.items,
        })
        .from(trfs)
        .where(inArray(trfs.id, trfIds))
    : [];
  const userRows = userIds.length
    ? await tx
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            inArray(users.id, userIds),
            ne(users.role, 'customer'),
            eq(users.is_active, true),
            isNull(users.archived_at),
          ),
        )
    : [];
  return {
    trfs: new Map(
      trfRows.map((t) => [
        t.id,
        {
          number: t.number,
          project_id: t.project_id,
          archived: t.archived_at !== null,
          itemNos: t.items.map((i) => i.item_no),
        },
      ]),
    ),
    receivers: new Set(userRows.map((u) => u.id)),
  };
}

/** Every problem with one sample, field names prefixed (`items[3].` in a bulk). */
export function sampleErrors(
  s: SampleInput,
  projectId: string,
  refs: SampleRefs,
  todayDate: string,
  prefix = '',
): FieldError[] {
  const errors: FieldError[] = [];
  const err = (field: string, message: string) => errors.push({ field: `${prefix}${field}`, message });
  if (s.received_date > todayDate) err('received_date', `cannot be in the future (today is ${todayDate})`);
  if (s.retention_until && s.retention_until < s.received_date) {
    err('retention_until', `cannot be before the received date (${s.received_date})`);
  }
  if (s.condition !== 'ok' && !s.condition_notes?.trim()) {
    err('condition_notes', `describe the condition (required when it is ${s.condition})`);
  }
  if (s.received_by && !refs.receivers.has(s.received_by)) {
    err('received_by', 'must be an active staff user');
  }
  if (s.trf_item_no != null && !s.trf_id) err('trf_id', 'is required with trf_item_no');
  if (s.trf_id) {
    const trf = refs.trfs.get(s.trf_id);
    if (!trf || trf.project_id !== projectId) {
      err('trf_id', trf ? `${trf.number} belongs to another project` : 'no such TRF');
    } else if (trf.archived) err('trf_id', `${trf.number} is archived`);
    else if (s.trf_item_no == null) err('trf_item_no', `which item of ${trf.number}? (required with trf_id)`);
    else if (!trf.itemNos.includes(s.trf_item_no)) {
      err('trf_item_no', `${trf.number} has no item ${s.trf_item_no} (items ${trf.itemNos.join(', ')})`);
    }
  }
  return errors;
}

/** A registration body with its defaults: received today by the caller, in good condition. */
export function withSampleDefaults<T extends Record<string, unknown>>(
  body: T,
  todayDate: string,
  callerId: string,
): T & SampleInput {
  const notes = typeof body.condition_notes === 'string' ? body.condition_notes.trim() : null;
  return {
    ...body,
    received_date: (body.received_date as string | undefined) ?? todayDate,
    received_by: (body.received_by as string | null | undefined) ?? callerId,
    condition: (body.condition as string | undefined) ?? 'ok',
    condition_notes: notes || null,
  } as T & SampleInput;
}
