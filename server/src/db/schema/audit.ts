import { bigint, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { v7 as uuidv7 } from 'uuid';
import { ts } from './columns.ts';

/**
 * The tamper-evident audit trail. Rows are append-only (a trigger refuses UPDATE, DELETE and
 * TRUNCATE, see the custom migration) and each row's hash covers the previous row's hash, so an
 * edit made behind the API's back breaks the chain at that row.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id')
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    seq: bigint('seq', { mode: 'number' }).notNull().unique(),
    at: ts('at').notNull().defaultNow(),
    actor_id: uuid('actor_id'),
    action: text('action').notNull(),
    entity_type: text('entity_type').notNull(),
    entity_id: text('entity_id'),
    changes: jsonb('changes').$type<Record<string, [unknown, unknown]>>().notNull().default({}),
    request_id: text('request_id'),
    ip: text('ip'),
    prev_hash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_events_entity_idx').on(t.entity_type, t.entity_id, t.seq),
    index('audit_events_actor_idx').on(t.actor_id, t.seq),
    index('audit_events_at_idx').on(t.at),
    index('audit_events_action_idx').on(t.action, t.seq),
  ],
);
