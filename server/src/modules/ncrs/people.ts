import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema/index.ts';
import { unprocessable } from '../../lib/errors.ts';

/**
 * People named on quality records (auditors, NCR and action owners): they must be active staff
 * users (never a customer account), checked before the write so a typo is a 422 naming the field.
 */
export async function assertStaff(tx: Db, ids: (string | null | undefined)[], field: string): Promise<void> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return;
  const found = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        inArray(users.id, wanted),
        isNull(users.archived_at),
        eq(users.is_active, true),
        ne(users.role, 'customer'),
      ),
    );
  const known = new Set(found.map((u) => u.id));
  const missing = wanted.filter((id) => !known.has(id));
  if (missing.length) {
    throw unprocessable([{ field, message: `no active staff user ${missing.join(', ')}` }]);
  }
}

/** Display names of users, for a whole page at once. */
export async function namesOf(db: Db, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => !!id))];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.full_name, email: users.email })
    .from(users)
    .where(inArray(users.id, unique));
  return new Map(rows.map((u) => [u.id, u.name || u.email]));
}

/** Who may own and run audits and NCRs (API.md "Roles": auditors own them; managers too). */
export const QUALITY_OWNERS = ['admin', 'manager', 'auditor'] as const;
