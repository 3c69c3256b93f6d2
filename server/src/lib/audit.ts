import { createHash } from 'node:crypto';
import { asc, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditEvents } from '../db/schema/index.ts';

/** Who did it, from where: taken from the request by `req.audit` (plugins/app/request-context). */
export interface AuditContext {
  actorId: string | null;
  requestId: string | null;
  ip: string | null;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  changes?: Record<string, [unknown, unknown]>;
}

const GENESIS = '0'.repeat(64);
const AUDIT_CHAIN_LOCK = 7262002;

/** JSON with sorted keys, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

interface HashedFields {
  seq: number;
  at: Date;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  changes: unknown;
  request_id: string | null;
  ip: string | null;
}

export function eventHash(prevHash: string, e: HashedFields): string {
  const body = canonicalJson({ ...e, at: e.at.toISOString() });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/**
 * Appends one event to the chain. Call it inside the write's transaction, as its last statement:
 * the chain lock it takes is held until commit, so keeping it last keeps the serialized part short.
 */
export async function recordAudit(tx: Db, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(sql`${auditEvents.seq} desc`)
    .limit(1);
  const fields: HashedFields = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date(),
    actor_id: ctx.actorId,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId ?? null,
    changes: entry.changes ?? {},
    request_id: ctx.requestId,
    ip: ctx.ip,
  };
  const prevHash = last?.hash ?? GENESIS;
  await tx.insert(auditEvents).values({
    ...fields,
    changes: fields.changes as Record<string, [unknown, unknown]>,
    prev_hash: prevHash,
    hash: eventHash(prevHash, fields),
  });
}

/**
 * Appends many events in one go (bulk creates): the chain's tail is read once, the links are
 * computed in order, and the rows go in with one insert, instead of a read and an insert per event.
 * Same rules as recordAudit: inside the write's transaction, as its last statements.
 */
export async function recordAudits(tx: Db, ctx: AuditContext, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(sql`${auditEvents.seq} desc`)
    .limit(1);
  let prevHash = last?.hash ?? GENESIS;
  let seq = last?.seq ?? 0;
  const at = new Date();
  const rows = entries.map((entry) => {
    const fields: HashedFields = {
      seq: ++seq,
      at,
      actor_id: ctx.actorId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      changes: entry.changes ?? {},
      request_id: ctx.requestId,
      ip: ctx.ip,
    };
    const hash = eventHash(prevHash, fields);
    const row = {
      ...fields,
      changes: fields.changes as Record<string, [unknown, unknown]>,
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  // a few hundred rows per statement keeps well under PostgreSQL's 65,535 parameters
  for (let i = 0; i < rows.length; i += 500) await tx.insert(auditEvents).values(rows.slice(i, i + 500));
}

const SECRET_FIELDS = new Set(['password_hash', 'password', 'token', 'token_hash']);

/** The fields that differ between two versions of a record, as {field: [old, new]}. */
export function diff(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  ignore: readonly string[] = ['updated_at', 'version', 'created_at'],
): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (ignore.includes(key)) continue;
    const a = before?.[key] ?? null;
    const b = after?.[key] ?? null;
    if (canonicalJson(a) === canonicalJson(b)) continue;
    changes[key] = SECRET_FIELDS.has(key) ? ['[redacted]', '[redacted]'] : [a, b];
  }
  return changes;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  first_broken: null | { seq: number; id: string; reason: string };
}

/** Walks the chain in order and names the first event whose link or content does not check out. */
export async function verifyChain(db: Db, batchSize = 2000): Promise<ChainReport> {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, expectedSeq - 1))
      .orderBy(asc(auditEvents.seq))
      .limit(batchSize);
    for (const e of batch) {
      const broken = (reason: string): ChainReport => ({
        ok: false,
        checked,
        first_broken: { seq: e.seq, id: e.id, reason },
      });
      if (e.seq !== expectedSeq) return broken(`event ${expectedSeq} is missing`);
      if (e.prev_hash !== prevHash) return broken('does not link to the previous event');
      const recomputed = eventHash(prevHash, {
        seq: e.seq,
        at: e.at,
        actor_id: e.actor_id,
        action: e.action,
        entity_type: e.entity_type,
        entity_id: e.entity_id,
        changes: e.changes,
        request_id: e.request_id,
        ip: e.ip,
      });
      if (recomputed !== e.hash) return broken('content was changed after it was written');
      prevHash = e.hash;
      expectedSeq++;
      checked++;
    }
    if (batch.length < batchSize) return { ok: true, checked, first_broken: null };
  }
}
