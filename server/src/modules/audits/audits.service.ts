import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { audits } from '../../db/schema/index.ts';
import type { ActionDef, Machine } from '../../lib/actions.ts';
import type { Row } from '../../lib/crud.ts';
import { today } from '../../lib/dates.ts';
import { conflict, unprocessable } from '../../lib/errors.ts';
import { assertStaff, QUALITY_OWNERS } from '../ncrs/people.ts';
import { AuditCancel, AuditComplete, AuditStart } from './audits.schemas.ts';

/**
 * The rules of an audit: planned → in_progress (`start`) → completed (`complete`), or cancelled
 * (`cancel`, with a reason) before it completes. Planned dates are ordered; auditors are staff.
 * A completed or cancelled audit is a record: it no longer changes.
 */
type Body = Record<string, unknown>;
export const AUDIT_REF = { table: audits, name: 'audit' } as const;
const FINAL = ['completed', 'cancelled'];

function checkDates(start: unknown, end: unknown, endField = 'planned_end') {
  if (start && end && String(end) < String(start)) {
    throw unprocessable([{ field: endField, message: `must be on or after ${start}` }]);
  }
}

export async function auditValues(tx: Db, body: Body): Promise<Body> {
  checkDates(body.planned_start, body.planned_end);
  await assertStaff(tx, [body.lead_auditor_id as string | null], 'lead_auditor_id');
  await assertStaff(tx, (body.auditor_ids as string[] | undefined) ?? [], 'auditor_ids');
  return body;
}

export async function auditPatch(tx: Db, patch: Body, before: Row): Promise<Body> {
  if (FINAL.includes(String(before.status))) {
    throw conflict(`Audit ${before.number} is ${before.status}; it can no longer change`);
  }
  const pick = (f: string) => (f in patch ? patch[f] : before[f]);
  checkDates(pick('planned_start'), pick('planned_end'));
  if ('lead_auditor_id' in patch)
    await assertStaff(tx, [patch.lead_auditor_id as string | null], 'lead_auditor_id');
  if ('auditor_ids' in patch) {
    if (patch.auditor_ids === null) patch.auditor_ids = [];
    await assertStaff(tx, patch.auditor_ids as string[], 'auditor_ids');
  }
  if ('clauses' in patch && patch.clauses === null) patch.clauses = [];
  return patch;
}

const dateOr = (value: unknown, req: FastifyRequest) => (value ? String(value) : today(req));

const start: ActionDef = {
  name: 'start',
  from: ['planned'],
  to: 'in_progress',
  roles: QUALITY_OWNERS,
  summary: 'Open the audit (actual start: today unless given)',
  body: AuditStart,
  apply: (_tx, _row, body, req) => ({ actual_start: dateOr(body.actual_start, req) }),
};

const complete: ActionDef = {
  name: 'complete',
  from: ['in_progress'],
  to: 'completed',
  roles: QUALITY_OWNERS,
  summary: 'Close the audit (actual end: today unless given), with an optional summary',
  body: AuditComplete,
  apply: (_tx, row, body, req) => {
    const end = dateOr(body.actual_end, req);
    checkDates(row.actual_start, end, 'actual_end');
    return { actual_end: end, ...(body.summary !== undefined ? { summary: body.summary } : {}) };
  },
};

const cancel: ActionDef = {
  name: 'cancel',
  from: ['planned', 'in_progress'],
  to: 'cancelled',
  roles: QUALITY_OWNERS,
  summary: 'Cancel, with a reason',
  body: AuditCancel,
  apply: (_tx, _row, body) => ({ cancel_reason: String(body.reason).trim() }),
};

export const auditMachine: Machine = { actions: [start, complete, cancel] };
