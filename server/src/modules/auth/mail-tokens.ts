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

export async function issueMailToken(tx: Db, userId: string, purpose: MailTokenPurpose): Promise<string> {
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
