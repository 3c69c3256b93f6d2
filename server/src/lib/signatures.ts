import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../db/client.ts';
import { signatures, users } from '../db/schema/index.ts';
import { SIGNATURE_MEANINGS } from '../db/schema/signatures.ts';
import type { App } from '../types.ts';
import { canonicalJson, recordAudit } from './audit.ts';
import { HttpError } from './errors.ts';

/**
 * Electronic signatures: an action that must be signed (approve results, issue a report or a
 * certificate, close an NCR) asks for the signer's password again and a meaning. `sign()` checks
 * the password and writes the signature in the caller's transaction, so the action and its
 * signature commit together or not at all.
 *
 * A wrong password is 403 (never 401: the web client reads 401 as "session expired" and would log
 * the user out), with `type` ending in `signature-refused` and the message on the `password`
 * field. The failed attempt counts toward the account lockout like a failed login; it is recorded
 * after the caller's transaction has rolled back, in its own transaction.
 */
export const SignatureMeaning = Type.Union(
  SIGNATURE_MEANINGS.map((m) => Type.Literal(m)),
  { description: 'What the signature means' },
);

/** Spread into an action's body: `Type.Object({ ...SignatureBody.properties, reason: … })` or use as is. */
export const SignatureBody = Type.Object({
  password: Type.String({
    minLength: 1,
    maxLength: 1024,
    description: "The signer's own password, asked again for this signature",
  }),
  meaning: SignatureMeaning,
});

export const SignaturePublic = Type.Object({
  id: Type.String({ format: 'uuid' }),
  entity_type: Type.String(),
  entity_id: Type.String({ format: 'uuid' }),
  user_id: Type.String({ format: 'uuid' }),
  user_name: Type.String(),
  meaning: Type.String(),
  signed_at: Type.String({ format: 'date-time' }),
  content_sha256: Type.String(),
});

export interface SignatureRecord {
  id: string;
  signed_at: string;
  meaning: string;
  user_id: string;
  user_name: string;
  content_sha256: string;
}

const REFUSED_TYPE = 'https://labline.dev/problems/signature-refused';

export const signatureRefused = (message: string) =>
  new HttpError(403, 'Forbidden', `Signature refused: ${message}`, {
    type: REFUSED_TYPE,
    errors: [{ field: 'password', message }],
  });

/** SHA-256 of the canonical JSON (sorted keys) of what was signed. */
export const contentSha256 = (content: unknown) =>
  createHash('sha256').update(canonicalJson(content)).digest('hex');

/**
 * Failed attempts still being recorded. One set for the process: `req.server` is the route's
 * encapsulated instance, not the root app, so it cannot key them.
 */
const pendingFailures = new Set<Promise<unknown>>();

/** Tests and shutdown: wait until failed signature attempts are counted. */
export async function settleSignatureFailures(_app?: App): Promise<void> {
  await Promise.allSettled([...pendingFailures]);
}

/**
 * Counts a failed signature toward the lockout, after the caller's transaction is over (its
 * rollback must not undo the count). setImmediate: on PGlite the caller's transaction holds the
 * only connection until it ends, so this waits its turn instead of deadlocking.
 */
function countFailure(app: App, req: FastifyRequest, userId: string) {
  const threshold = app.config.LOCKOUT_THRESHOLD;
  const lockUntil = new Date(Date.now() + app.config.LOCKOUT_MINUTES * 60_000).toISOString();
  const running = pendingFailures;
  const audit = { ...req.audit };
  const task = new Promise((resolve) => setImmediate(resolve))
    .then(() =>
      app.db.transaction(async (tx) => {
        const [row] = await tx
          .update(users)
          .set({
            failed_login_count: sql`case when ${users.failed_login_count} + 1 >= ${threshold} then 0 else ${users.failed_login_count} + 1 end`,
            locked_until: sql`case when ${users.failed_login_count} + 1 >= ${threshold} then ${lockUntil}::timestamptz else ${users.locked_until} end`,
          })
          .where(eq(users.id, userId))
          .returning({ count: users.failed_login_count });
        await recordAudit(tx, audit, {
          action: row?.count === 0 ? 'signature_failed_locked' : 'signature_failed',
          entityType: 'user',
          entityId: userId,
        });
      }),
    )
    .catch((err) => app.log.error({ err }, 'could not count a failed signature'))
    .finally(() => running.delete(task));
  running.add(task);
}

/**
 * Signs `content` as the current user: re-verifies the password from the request body
 * (`req.body.password`), then writes the signature row in `tx`. Throws a 403 signature-refused
 * on a wrong password or a locked account; the caller's transaction then rolls back.
 */
export async function sign(
  tx: Db,
  req: FastifyRequest,
  input: { entityType: string; entityId: string; meaning: string; content: unknown },
): Promise<SignatureRecord> {
  const app = req.server as unknown as App;
  const password = (req.body as { password?: unknown } | undefined)?.password;
  const [user] = await tx
    .select({
      id: users.id,
      full_name: users.full_name,
      email: users.email,
      password_hash: users.password_hash,
      locked_until: users.locked_until,
    })
    .from(users)
    .where(eq(users.id, req.user.id))
    .limit(1);
  if (!user) throw signatureRefused('your account was not found');
  if (user.locked_until && user.locked_until.getTime() > Date.now()) {
    throw signatureRefused('your account is locked after repeated failed attempts; try again later');
  }
  const ok =
    typeof password === 'string' &&
    password.length > 0 &&
    (await app.passwords.verify(user.password_hash, password));
  if (!ok) {
    countFailure(app, req, user.id);
    throw signatureRefused('the password is not correct');
  }
  if (!(SIGNATURE_MEANINGS as readonly string[]).includes(input.meaning)) {
    throw new HttpError(
      422,
      'Unprocessable Content',
      `meaning: must be one of ${SIGNATURE_MEANINGS.join(', ')}`,
      {
        errors: [{ field: 'meaning', message: `must be one of ${SIGNATURE_MEANINGS.join(', ')}` }],
      },
    );
  }
  const [row] = await tx
    .insert(signatures)
    .values({
      entity_type: input.entityType,
      entity_id: input.entityId,
      user_id: user.id,
      user_name: user.full_name || user.email,
      meaning: input.meaning as (typeof SIGNATURE_MEANINGS)[number],
      content_sha256: contentSha256(input.content),
    })
    .returning();
  await tx
    .update(users)
    .set({ failed_login_count: 0 })
    .where(and(eq(users.id, user.id), sql`${users.failed_login_count} > 0`));
  return present(row);
}

const present = (
  row: typeof signatures.$inferSelect,
): SignatureRecord & { entity_type: string; entity_id: string } => ({
  id: row.id,
  entity_type: row.entity_type,
  entity_id: row.entity_id,
  user_id: row.user_id,
  user_name: row.user_name,
  meaning: row.meaning,
  signed_at: row.signed_at.toISOString(),
  content_sha256: row.content_sha256,
});

/** The signatures of a record, oldest first, for display next to it. */
export async function signaturesOf(db: Db, entityType: string, entityId: string) {
  const rows = await db
    .select()
    .from(signatures)
    .where(and(eq(signatures.entity_type, entityType), eq(signatures.entity_id, entityId)))
    .orderBy(asc(signatures.signed_at), asc(signatures.id));
  return rows.map(present);
}

/** 422 unless the body's meaning is one this action accepts (approving is not "issued"). */
export function requireMeaning(body: Record<string, unknown>, allowed: readonly string[]) {
  if (!allowed.includes(String(body.meaning))) {
    throw new HttpError(422, 'Unprocessable Content', `meaning: must be ${allowed.join(' or ')} here`, {
      errors: [{ field: 'meaning', message: `must be ${allowed.join(' or ')} for this action` }],
    });
  }
}

/** The signatures of many records of one type at once (list pages): id → signatures, oldest first. */
export async function signaturesOfMany(db: Db, entityType: string, entityIds: string[]) {
  const out = new Map<string, ReturnType<typeof present>[]>();
  if (!entityIds.length) return out;
  const rows = await db
    .select()
    .from(signatures)
    .where(and(eq(signatures.entity_type, entityType), inArray(signatures.entity_id, entityIds)))
    .orderBy(asc(signatures.signed_at), asc(signatures.id));
  for (const row of rows) {
    const list = out.get(row.entity_id) ?? [];
    list.push(present(row));
    out.set(row.entity_id, list);
  }
  return out;
}
