import { and, eq, isNull, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { type NcrSource, type NcrStep, ncrActions, ncrs } from '../../db/schema/index.ts';
import type { ActionDef, Machine } from '../../lib/actions.ts';
import { insertEntity, type Row } from '../../lib/crud.ts';
import { conflict } from '../../lib/errors.ts';
import { nextNumber } from '../../lib/numbering.ts';
import { StepNote } from './ncrs.schemas.ts';
import { checkSourceLink } from './ncrs.sources.ts';
import { assertStaff, namesOf, QUALITY_OWNERS } from './people.ts';

/**
 * The rules of an NCR: open → investigating → action_pending → verification → closed, with
 * verification → action_pending when the effectiveness check says the actions did not work. Every
 * transition appends a step (who, when, from, to, note) to the NCR besides its audit event. It
 * cannot go to verification while a CAPA action is open, and closes only after an effective
 * check, signed by the closer (ncrs.close.ts).
 */
type Body = Record<string, unknown>;
export const NCR_REF = { table: ncrs, name: 'ncr' } as const;
export const NCR_ACTION_REF = { table: ncrActions, name: 'ncr_action' } as const;

/** A step of the NCR's life, by the caller, now. */
export async function stepBy(
  tx: Db,
  req: FastifyRequest,
  action: string,
  from: string,
  to: string,
  note?: unknown,
): Promise<NcrStep> {
  const names = await namesOf(tx, [req.user.id]);
  return {
    action,
    from,
    to,
    at: new Date().toISOString(),
    by: req.user.id,
    by_name: names.get(req.user.id) ?? null,
    note: typeof note === 'string' && note.trim() ? note.trim() : null,
  };
}

/** Validates a new NCR (its source link, its owner) and opens its step list. */
export async function ncrValues(tx: Db, body: Body, req: FastifyRequest): Promise<Body> {
  await checkSourceLink(
    tx,
    body.source as NcrSource,
    body.source_entity_type as string | null,
    body.source_entity_id as string | null,
  );
  await assertStaff(tx, [body.owner_id as string | null], 'owner_id');
  if (body.effectiveness_result) {
    throw conflict('An effectiveness result is recorded during verification, not when the NCR is raised');
  }
  return { ...body, steps: [await stepBy(tx, req, 'create', '', 'open')] };
}

/**
 * Creates an NCR from another module (a finding's "raise NCR", a failed calibration): numbered,
 * audited and stepped like one raised by hand, in the caller's transaction.
 */
export async function draftNcr(tx: Db, req: FastifyRequest, body: Body): Promise<Row> {
  const values = await ncrValues(tx, body, req);
  values.number = await nextNumber(tx, 'NCR');
  return insertEntity(tx, NCR_REF, req.audit, values);
}

/** PATCH/PUT: nothing changes once closed; the effectiveness result belongs to verification. */
export async function ncrPatch(tx: Db, patch: Body, before: Row): Promise<Body> {
  if (before.status === 'closed') throw conflict(`NCR ${before.number} is closed; it can no longer change`);
  const source = (patch.source ?? before.source) as NcrSource;
  const linkChanged = ['source', 'source_entity_type', 'source_entity_id'].some(
    (f) => f in patch && patch[f] !== before[f],
  );
  if (linkChanged) {
    const pick = (f: string) => (f in patch ? patch[f] : before[f]) as string | null;
    await checkSourceLink(tx, source, pick('source_entity_type'), pick('source_entity_id'));
  }
  if ('owner_id' in patch) await assertStaff(tx, [patch.owner_id as string | null], 'owner_id');
  const result = patch.effectiveness_result ?? null;
  if ('effectiveness_result' in patch && result !== before.effectiveness_result) {
    if (before.status !== 'verification') {
      throw conflict(
        `The effectiveness result of NCR ${before.number} is recorded in verification; it is ${before.status}`,
      );
    }
  }
  if ('whys' in patch && patch.whys === null) patch.whys = [];
  return patch;
}

/** Counts of the NCR's live actions: all and still open. */
export async function actionCounts(tx: Db, ncrId: string): Promise<{ total: number; open: number }> {
  const [row] = await tx
    .select({
      total: sql<number>`count(*)::int`,
      open: sql<number>`count(*) filter (where ${ncrActions.status} = 'open')::int`,
    })
    .from(ncrActions)
    .where(and(eq(ncrActions.ncr_id, ncrId), isNull(ncrActions.archived_at)));
  return { total: Number(row?.total ?? 0), open: Number(row?.open ?? 0) };
}

/** An action that only moves the state (with its step), after an optional check. */
function transition(
  name: string,
  from: string,
  to: string,
  summary: string,
  check?: (tx: Db, row: Row) => Promise<void> | void,
  extra?: (row: Row) => Body,
): ActionDef {
  return {
    name,
    from: [from],
    to,
    roles: QUALITY_OWNERS,
    summary,
    body: StepNote,
    apply: async (tx, row, body, req) => {
      await check?.(tx, row);
      const step = await stepBy(tx, req, name, from, to, body.note);
      return { ...extra?.(row), steps: [...((row.steps as NcrStep[]) ?? []), step] };
    },
  };
}

const investigate = transition('investigate', 'open', 'investigating', 'Start the investigation');

const planActions = transition(
  'plan_actions',
  'investigating',
  'action_pending',
  'Root cause found, CAPA actions planned: needs a root cause summary and at least one action',
  async (tx, row) => {
    const missing: string[] = [];
    if (!String(row.root_cause ?? '').trim()) missing.push('a root cause summary (root_cause)');
    if ((await actionCounts(tx, row.id)).total === 0) missing.push('at least one CAPA action');
    if (missing.length) throw conflict(`NCR ${row.number} needs ${missing.join(' and ')} first`);
  },
);

const verify = transition(
  'verify',
  'action_pending',
  'verification',
  'Every CAPA action is done: check their effectiveness',
  async (tx, row) => {
    const counts = await actionCounts(tx, row.id);
    if (counts.total === 0) throw conflict(`NCR ${row.number} has no CAPA action to verify`);
    if (counts.open > 0) {
      throw conflict(
        `NCR ${row.number} still has ${counts.open} open CAPA action${counts.open === 1 ? '' : 's'}; complete them before verification`,
      );
    }
  },
);

const reopenActions = transition(
  'reopen_actions',
  'verification',
  'action_pending',
  'The actions were not effective: back to action_pending for further actions',
  (_tx, row) => {
    if (row.effectiveness_result !== 'not_effective') {
      throw conflict(
        `Record the effectiveness check as not_effective on NCR ${row.number} before sending it back to actions`,
      );
    }
  },
  // the next verification judges the new actions afresh
  () => ({ effectiveness_result: null }),
);

/** The close action is declared here (for allowed_actions) and routed by ncrs.close.ts. */
const close: ActionDef = {
  name: 'close',
  from: ['verification'],
  to: 'closed',
  roles: QUALITY_OWNERS,
  summary: 'Close: needs an effective check and the closer’s e-signature',
  ownRoute: true,
};

export const ncrMachine: Machine = { actions: [investigate, planActions, verify, reopenActions, close] };
