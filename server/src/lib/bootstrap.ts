import { randomBytes } from 'node:crypto';
import { count } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import type { Role } from '../db/schema/users.ts';
import { recordAudit } from './audit.ts';
import type { HashPool } from './passwords.ts';

export interface NewUser {
  email: string;
  password: string;
  full_name?: string;
  role?: Role;
  customer_id?: string | null;
  verified?: boolean;
}

/** Creates a user outside any request (first start, the CLI), with its audit event. */
export async function createUserDirect(db: Db, passwords: HashPool, input: NewUser) {
  const password_hash = await passwords.hash(input.password);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        email: input.email.trim().toLowerCase(),
        full_name: input.full_name ?? '',
        password_hash,
        role: input.role ?? 'viewer',
        customer_id: input.customer_id ?? null,
        email_verified_at: input.verified === false ? null : new Date(),
      })
      .returning();
    await recordAudit(
      tx,
      { actorId: null, requestId: null, ip: null },
      {
        action: 'create',
        entityType: 'user',
        entityId: user.id,
        changes: { email: [null, user.email], role: [null, user.role] },
      },
    );
    return user;
  });
}

/**
 * On an empty database, create the first admin from ADMIN_EMAIL/ADMIN_PASSWORD, or with a random
 * password that is returned so the caller can print it once.
 */
export async function ensureAdmin(
  db: Db,
  passwords: HashPool,
  email: string,
  password: string,
): Promise<{ email: string; password: string; generated: boolean } | null> {
  const [{ n }] = await db.select({ n: count() }).from(users);
  if (n > 0) return null;
  const generated = !password;
  const chosen = password || randomBytes(12).toString('base64url');
  await createUserDirect(db, passwords, {
    email,
    password: chosen,
    full_name: 'Administrator',
    role: 'admin',
  });
  return { email, password: chosen, generated };
}
