import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';
import { v7 as uuidv7 } from 'uuid';

/** Columns every entity carries (API.md "Basics"): time-ordered id, timestamps, version, archive mark. */
export const entityColumns = () => ({
  id: uuid('id')
    .primaryKey()
    .$defaultFn(() => uuidv7()),
  created_at: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  updated_at: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
  archived_at: timestamp('archived_at', { withTimezone: true, precision: 3 }),
});

export const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
