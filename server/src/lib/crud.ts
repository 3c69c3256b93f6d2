import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { type AuditContext, diff, recordAudit } from './audit.ts';
import { conflict, notFound, preconditionFailed } from './errors.ts';

/**
 * Generic repository operations for any entity table with the common columns (id, version,
 * created_at, updated_at, archived_at). Every write takes the transaction it runs in, records its
 * audit event, and enforces optimistic concurrency: a stale version is 412, never a lost update.
 */
export interface EntityTable extends PgTable {
  id: PgColumn;
  version: PgColumn;
  updated_at: PgColumn;
  archived_at: PgColumn;
}

export type Row = Record<string, unknown> & { id: string; version: number; archived_at: Date | null };

export interface EntityRef {
  table: EntityTable;
  /** Singular name for messages and the audit trail, e.g. `customer`. */
  name: string;
}

/** One row by id within the caller's scope; archived rows included. 404 when missing or not visible. */
export async function findVisible(
  db: Db,
  ref: EntityRef,
  id: string,
  scope?: SQL,
  lock = false,
): Promise<Row> {
  const query = db
    .select()
    .from(ref.table as PgTable)
    .where(and(eq(ref.table.id, id), scope))
    .limit(1);
  const [row] = (await (lock ? query.for('update') : query)) as Row[];
  if (!row) throw notFound(ref.name, id);
  return row;
}

export async function insertEntity(
  tx: Db,
  ref: EntityRef,
  ctx: AuditContext,
  values: Record<string, unknown>,
): Promise<Row> {
  const [row] = (await tx.insert(ref.table).values(values).returning()) as Row[];
  await recordAudit(tx, ctx, {
    action: 'create',
    entityType: ref.name,
    entityId: row.id,
    changes: diff(null, row, ['updated_at', 'version', 'created_at', 'id', 'archived_at']),
  });
  return row;
}

function checkVersion(ref: EntityRef, row: Row, expected: number | undefined) {
  if (expected !== undefined && row.version !== expected) {
    throw preconditionFailed(
      `${ref.name} ${row.id} is at version ${row.version}, not ${expected}: reload it and apply your change again`,
    );
  }
}

/**
 * Applies `patch` to a row the caller may see, if it is at `expected` version (when given).
 * The row is locked first, so concurrent writers queue and each sees the version the previous one
 * left: of N writers holding the same ETag exactly one succeeds.
 */
export async function updateEntity(
  tx: Db,
  ref: EntityRef,
  ctx: AuditContext,
  id: string,
  patch: Record<string, unknown>,
  opts: { expected?: number; scope?: SQL; action?: string; allowArchived?: boolean } = {},
): Promise<{ before: Row; after: Row }> {
  const before = await findVisible(tx, ref, id, opts.scope, true);
  checkVersion(ref, before, opts.expected);
  if (before.archived_at && !opts.allowArchived) {
    throw conflict(`${ref.name} ${id} is archived; restore it before changing it`);
  }
  const changes = diff(before, { ...before, ...patch });
  if (!Object.keys(changes).length) return { before, after: before };
  const [after] = (await tx
    .update(ref.table)
    .set({ ...patch, version: sql`${ref.table.version} + 1`, updated_at: new Date() } as never)
    .where(eq(ref.table.id, id))
    .returning()) as Row[];
  await recordAudit(tx, ctx, {
    action: opts.action ?? 'update',
    entityType: ref.name,
    entityId: id,
    changes,
  });
  return { before, after };
}

export async function archiveEntity(
  tx: Db,
  ref: EntityRef,
  ctx: AuditContext,
  id: string,
  opts: { expected?: number; scope?: SQL } = {},
): Promise<Row> {
  const before = await findVisible(tx, ref, id, opts.scope, true);
  checkVersion(ref, before, opts.expected);
  if (before.archived_at) throw conflict(`${ref.name} ${id} is already archived; allowed: restore`);
  const [after] = (await tx
    .update(ref.table)
    .set({ archived_at: new Date(), version: sql`${ref.table.version} + 1`, updated_at: new Date() } as never)
    .where(eq(ref.table.id, id))
    .returning()) as Row[];
  await recordAudit(tx, ctx, {
    action: 'archive',
    entityType: ref.name,
    entityId: id,
    changes: diff(before, after),
  });
  return after;
}

export async function restoreEntity(
  tx: Db,
  ref: EntityRef,
  ctx: AuditContext,
  id: string,
  opts: { expected?: number; scope?: SQL } = {},
): Promise<Row> {
  const before = await findVisible(tx, ref, id, opts.scope, true);
  checkVersion(ref, before, opts.expected);
  if (!before.archived_at) throw conflict(`${ref.name} ${id} is not archived; allowed: archive (DELETE)`);
  const [after] = (await tx
    .update(ref.table)
    .set({ archived_at: null, version: sql`${ref.table.version} + 1`, updated_at: new Date() } as never)
    .where(eq(ref.table.id, id))
    .returning()) as Row[];
  await recordAudit(tx, ctx, {
    action: 'restore',
    entityType: ref.name,
    entityId: id,
    changes: diff(before, after),
  });
  return after;
}
