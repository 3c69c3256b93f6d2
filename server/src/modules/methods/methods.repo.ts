import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type MethodParameter, methods, users } from '../../db/schema/index.ts';
import type { Role } from '../../db/schema/users.ts';
import type { EntityRef } from '../../lib/crud.ts';

/** SQL for the test catalogue. Every function takes the transaction (or db) it runs in. */
export const methodRef: EntityRef = { table: methods, name: 'method' };

/** Roles that may be authorised to perform a method (viewers, auditors and customers never are). */
export const PERFORMING_ROLES: readonly Role[] = ['engineer', 'manager', 'admin'];

/** A user who may be authorised now: active, not archived, with a performing role. */
const eligibleUser = and(
  eq(users.is_active, true),
  isNull(users.archived_at),
  inArray(users.role, [...PERFORMING_ROLES]),
);

/**
 * Whether `userId` may perform method `methodId` now: named in the method's authorised engineers
 * and still an eligible user (a deactivated engineer loses the authorisation at once, although
 * the method keeps the name for its record). The executions module asks this before `start`.
 */
export async function isAuthorised(db: Db, methodId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(methods)
    .innerJoin(users, eq(users.id, userId))
    .where(
      and(
        eq(methods.id, methodId),
        sql`${userId}::uuid = any(${methods.authorised_engineer_ids})`,
        eligibleUser,
      ),
    )
    .limit(1);
  return !!row;
}

/** Of `ids`, those that are not eligible users (unknown, inactive, archived or of another role). */
export async function ineligibleEngineers(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const found = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, [...ids]), eligibleUser));
  const ok = new Set(found.map((r) => r.id));
  return new Set(ids.filter((id) => !ok.has(id)));
}

/** The authorised engineers of a method with their names, in the method's order. */
export async function methodEngineers(db: Db, ids: readonly string[]) {
  if (!ids.length) return [];
  const rows = await db
    .select({
      id: users.id,
      full_name: users.full_name,
      email: users.email,
      role: users.role,
      is_active: users.is_active,
      archived_at: users.archived_at,
    })
    .from(users)
    .where(inArray(users.id, [...ids]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const u = byId.get(id);
    if (!u) return [];
    const eligible = u.is_active && !u.archived_at && PERFORMING_ROLES.includes(u.role);
    return [
      { id: u.id, full_name: u.full_name, email: u.email, role: u.role, is_active: u.is_active, eligible },
    ];
  });
}

export interface MethodSummary {
  id: string;
  code: string;
  parameters: MethodParameter[];
  archived_at: Date | null;
}

/** Methods by id (archived included) with their parameters: specifications check limits against them. */
export async function methodsByIds(db: Db, ids: readonly string[]): Promise<Map<string, MethodSummary>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({
      id: methods.id,
      code: methods.code,
      parameters: methods.parameters,
      archived_at: methods.archived_at,
    })
    .from(methods)
    .where(inArray(methods.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r]));
}
