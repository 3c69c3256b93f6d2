import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { v7 as uuidv7 } from 'uuid';
import { ts } from './columns.ts';
import { users } from './users.ts';

/** What a notification is about; each kind has its own e-mail preference. */
export const NOTIFICATION_KINDS = [
  'task_assigned',
  'task_due',
  'result_review',
  'quote_accepted',
  'ncr_action_due',
  'calibration_due',
  'certificate_expiring',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * In-app notifications: one row per recipient. Not an entity (no version, never edited except
 * `read_at` and a dismissal): a message, not a record. `dedupe_key` makes a repeat a no-op per user,
 * so a reminder sweep that runs twice notifies once.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id')
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    user_id: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').$type<NotificationKind>().notNull(),
    title: text('title').notNull(),
    body: text('body'),
    link: text('link'),
    entity_type: text('entity_type'),
    entity_id: text('entity_id'),
    dedupe_key: text('dedupe_key'),
    read_at: ts('read_at'),
    created_at: ts('created_at').notNull().defaultNow(),
    /** Dismissed by its recipient: out of the list (the list contract's `archived=true` shows them). */
    archived_at: ts('archived_at'),
  },
  (t) => [
    index('notifications_user_created_idx').on(t.user_id, t.created_at, t.id),
    index('notifications_user_unread_idx').on(t.user_id).where(sql`read_at is null`),
    uniqueIndex('notifications_user_dedupe_key')
      .on(t.user_id, t.dedupe_key)
      .where(sql`dedupe_key is not null`),
  ],
);

/** Per user and kind: whether it also goes out by e-mail (in-app is always on). No row = default. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    user_id: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').$type<NotificationKind>().notNull(),
    email: boolean('email').notNull(),
    updated_at: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.user_id, t.kind] })],
);
