import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { userTokens } from '../../db/schema/index.ts';
import { hashToken, randomToken } from '../../lib/tokens.ts';

/**
 * One-time tokens sent by mail. Only their SHA-256 hash is stored, so a database leak gives no
 * working link; consumption is one conditional UPDATE, so a token works exactly once even when the
 * link is opened twice at the same moment.
 */
export type MailTokenPurpose = 'verify_email' | 'reset_password';

export const MAIL_TOKEN_TTL_MS: Record<MailTokenPurpose, number> = {
  verify_email: 24 * 3600_000,
  reset_password: 3600_000,
};

/**
 * At most this many links of one purpose to one account per hour, whatever address asks: the
 * per-client rate limit stops one machine, this stops many machines from flooding one mailbox.
 */
export const MAIL_TOKENS_PER_HOUR = 5;

/** A new token, or null when the account already got MAIL_TOKENS_PER_HOUR of them this hour (send nothing). */
export async function issueMailToken(
  tx: Db,
  userId: string,
  purpose: MailTokenPurpose,
): Promise<string | null> {
  // serialize issuers for this account so two parallel requests cannot both pass the count
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`mail-token:${userId}`}, 0))`);
  const [{ recent }] = await tx
    .select({ recent: sql<number>`count(*)::int` })
    .from(userTokens)
    .where(
      and(
        eq(userTokens.user_id, userId),
        eq(userTokens.purpose, purpose),
        gt(userTokens.created_at, sql`now() - interval '1 hour'`),
      ),
    );
  if (recent >= MAIL_TOKENS_PER_HOUR) return null;
  const token = randomToken();
  await tx.insert(userTokens).values({
    token_hash: hashToken(token),
    user_id: userId,
    purpose,
    expires_at: new Date(Date.now() + MAIL_TOKEN_TTL_MS[purpose]),
  });
  return token;
}

/** Marks the token used and returns its user, or null when it is unknown, used or expired. */
export async function consumeMailToken(
  tx: Db,
  token: string,
  purpose: MailTokenPurpose,
): Promise<string | null> {
  const [row] = await tx
    .update(userTokens)
    .set({ used_at: sql`now()` })
    .where(
      and(
        eq(userTokens.token_hash, hashToken(token)),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.used_at),
        gt(userTokens.expires_at, sql`now()`),
      ),
    )
    .returning({ userId: userTokens.user_id });
  return row?.userId ?? null;
}

/** Spends every other outstanding token of this purpose (a reset link dies once the password changed). */
export async function spendMailTokens(tx: Db, userId: string, purpose: MailTokenPurpose): Promise<void> {
  await tx
    .update(userTokens)
    .set({ used_at: sql`now()` })
    .where(and(eq(userTokens.user_id, userId), eq(userTokens.purpose, purpose), isNull(userTokens.used_at)));
}

/** Whether the token would be accepted now, without spending it (spares argon2 work on junk). */
export async function isMailTokenUsable(db: Db, token: string, purpose: MailTokenPurpose): Promise<boolean> {
  const [row] = await db
    .select({ userId: userTokens.user_id })
    .from(userTokens)
    .where(
      and(
        eq(userTokens.token_hash, hashToken(token)),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.used_at),
        gt(userTokens.expires_at, sql`now()`),
      ),
    )
    .limit(1);
  return Boolean(row);
}
