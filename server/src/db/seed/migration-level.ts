import { sql } from 'drizzle-orm';
import { type MigrationMeta, readMigrationFiles } from 'drizzle-orm/migrator';
import type { PgDialect, PgSession } from 'drizzle-orm/pg-core';
import { type Db, MIGRATIONS_FOLDER, rows } from '../client.ts';

/**
 * A backup records which migrations its data was written under (Drizzle's journal). Restore
 * brings an empty database to exactly that level, loads the rows, then applies the newer
 * migrations, so a backup taken by an older Labline restores into a newer one and its data goes
 * through the same upgrade steps as a database upgraded in place.
 */
export interface JournalEntry {
  hash: string;
  /** The migration's timestamp from the journal: Drizzle identifies migrations by it. */
  created_at: string;
}

export function shippedMigrations(): MigrationMeta[] {
  return readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
}

/** The migrations applied to this database, oldest first (none when it was never migrated). */
export async function appliedMigrations(db: Db): Promise<JournalEntry[]> {
  const [{ present }] = await rows<{ present: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!present) return [];
  return rows<JournalEntry>(
    db,
    sql`select hash, created_at::text as created_at from drizzle.__drizzle_migrations order by created_at, id`,
  );
}

/** Applies the first `count` shipped migrations that are not applied yet. */
export async function migrateTo(db: Db, count: number): Promise<void> {
  const wanted = shippedMigrations().slice(0, count);
  // Drizzle's migrate() always applies every file of a folder; its dialect takes an explicit list.
  // Both drivers' migrators are exactly this call.
  const { dialect, session } = db as unknown as { dialect: PgDialect; session: PgSession };
  await dialect.migrate(wanted, session, { migrationsFolder: MIGRATIONS_FOLDER });
}

/** How many leading entries of `journal` match the shipped migrations; -1 if one does not. */
export function shippedPrefixLength(journal: JournalEntry[]): number {
  const shipped = shippedMigrations();
  if (journal.length > shipped.length) return -1;
  const matches = journal.every((entry, i) => entry.created_at === String(shipped[i].folderMillis));
  return matches ? journal.length : -1;
}
