import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { v7 as uuidv7 } from 'uuid';
import { ts } from './columns.ts';

/** Human numbers (RFQ-000001…): one row per kind, bumped inside the creating transaction. */
export const counters = pgTable('counters', {
  kind: text('kind').primaryKey(),
  value: bigint('value', { mode: 'number' }).notNull().default(0),
});

/** Replayable answers to POSTs sent with an Idempotency-Key, kept 24 h per user. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    user_id: uuid('user_id').notNull(),
    key: text('key').notNull(),
    request_hash: text('request_hash').notNull(),
    state: text('state').$type<'running' | 'done'>().notNull().default('running'),
    status_code: integer('status_code'),
    headers: jsonb('headers').$type<Record<string, string>>(),
    body: text('body'),
    created_at: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.user_id, t.key] }),
    index('idempotency_keys_created_at_idx').on(t.created_at),
  ],
);

/** Mail written in the same transaction as the change that caused it, delivered after commit. */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id')
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    created_at: ts('created_at').notNull().defaultNow(),
    claimed_at: ts('claimed_at'),
    sent_at: ts('sent_at'),
    attempts: integer('attempts').notNull().default(0),
    last_error: text('last_error'),
  },
  (t) => [index('outbox_unsent_idx').on(t.created_at).where(sql`sent_at is null`)],
);
