import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { v7 as uuidv7 } from 'uuid';
import { ts } from './columns.ts';
import { users } from './users.ts';

export const SIGNATURE_MEANINGS = ['reviewed', 'approved', 'issued', 'closed', 'verified'] as const;
export type SignatureMeaning = (typeof SIGNATURE_MEANINGS)[number];

/**
 * Electronic signatures (21 CFR 11 style): who signed what, when, meaning what, and a SHA-256 of
 * the canonical JSON of what was signed. Written in the same transaction as the signed action, so a
 * signature exists exactly when the action happened. Append-only: never updated, never deleted.
 */
export const signatures = pgTable(
  'signatures',
  {
    id: uuid('id')
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    entity_type: text('entity_type').notNull(),
    entity_id: uuid('entity_id').notNull(),
    user_id: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** The signer's name as it was when signing: a later rename does not rewrite a signature. */
    user_name: text('user_name').notNull(),
    meaning: text('meaning').$type<SignatureMeaning>().notNull(),
    signed_at: ts('signed_at').notNull().defaultNow(),
    content_sha256: text('content_sha256').notNull(),
  },
  (t) => [
    index('signatures_entity_idx').on(t.entity_type, t.entity_id, t.signed_at),
    index('signatures_user_idx').on(t.user_id, t.signed_at),
  ],
);
