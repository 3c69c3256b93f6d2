import { contentSha256 } from '../../../lib/signatures.ts';
import type { Db } from '../../client.ts';
import { signatures } from '../../schema/index.ts';
import type { SignatureMeaning } from '../../schema/signatures.ts';

/**
 * The e-signature a demo record would carry had its signer acted through the API (seed-demo has
 * no password to ask for): same row, same content hash as `sign()` writes, dated the day of the act.
 */
export async function demoSignature(
  tx: Db,
  input: {
    entityType: string;
    entityId: string;
    user: { id: string; name: string | null; email: string };
    meaning: SignatureMeaning;
    signedAt: Date;
    content: unknown;
  },
): Promise<string> {
  const [row] = await tx
    .insert(signatures)
    .values({
      entity_type: input.entityType,
      entity_id: input.entityId,
      user_id: input.user.id,
      user_name: input.user.name || input.user.email,
      meaning: input.meaning,
      signed_at: input.signedAt,
      content_sha256: contentSha256(input.content),
    })
    .returning({ id: signatures.id });
  return row.id;
}
