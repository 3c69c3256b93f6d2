import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { v7 as uuidv7 } from 'uuid';
import { ts } from './columns.ts';
import { users } from './users.ts';

/** A login: one per device. Access tokens name their session, so ending it kills them at once. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id')
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    user_id: uuid('user_id')
      .notNull()
      .references(() => users.id),
    created_at: ts('created_at').notNull().defaultNow(),
    last_used_at: ts('last_used_at').notNull().defaultNow(),
    idle_expires_at: ts('idle_expires_at').notNull(),
    absolute_expires_at: ts('absolute_expires_at').notNull(),
    revoked_at: ts('revoked_at'),
    revoked_reason: text('revoked_reason'),
    user_agent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [index('sessions_user_id_idx').on(t.user_id, t.created_at)],
);

/**
 * Every refresh token ever issued for a session, stored as a SHA-256 hash. Consumption is a single
 * conditional UPDATE, so parallel refreshes of one token yield one successor; presenting a token
 * consumed long ago is reuse and revokes the session.
 */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    token_hash: text('token_hash').primaryKey(),
    session_id: uuid('session_id')
      .notNull()
      .references(() => sessions.id),
    created_at: ts('created_at').notNull().defaultNow(),
    consumed_at: ts('consumed_at'),
    /** The successor pair, encrypted with the server key, replayed to a parallel duplicate for a few seconds. */
    successor_sealed: text('successor_sealed'),
  },
  (t) => [index('refresh_tokens_session_id_idx').on(t.session_id)],
);

/** One-time tokens sent by mail (email verification, password reset), stored hashed. */
export const userTokens = pgTable(
  'user_tokens',
  {
    token_hash: text('token_hash').primaryKey(),
    user_id: uuid('user_id')
      .notNull()
      .references(() => users.id),
    purpose: text('purpose').$type<'verify_email' | 'reset_password'>().notNull(),
    created_at: ts('created_at').notNull().defaultNow(),
    expires_at: ts('expires_at').notNull(),
    used_at: ts('used_at'),
  },
  (t) => [index('user_tokens_user_id_idx').on(t.user_id, t.purpose)],
);
