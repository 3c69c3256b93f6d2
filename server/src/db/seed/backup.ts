import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { type Database, type Db, rows } from '../client.ts';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupHeader,
  type TableEnd as TableEndLine,
  type TableStart,
  type Trailer,
} from './backup-format.ts';
import {
  foreignKeyOrder,
  listTables,
  quoteIdent,
  readSequences,
  type TableInfo,
  useCanonicalTextForms,
} from './catalog.ts';
import { appliedMigrations } from './migration-level.ts';

export interface BackupSummary {
  file: string;
  database: 'pglite' | 'postgres';
  migrations: number;
  tables: number;
  rows: number;
  bytes: number;
}

export interface BackupOptions {
  /** Rows fetched per round trip; the file is written as they come, so memory stays flat. */
  batchSize?: number;
}

/**
 * Writes every row of every application table to `file` (see backup-format.ts) from one
 * REPEATABLE READ snapshot, so the copy is consistent even while a PostgreSQL server keeps
 * writing. The file appears under its name only when complete.
 */
export async function writeBackup(
  database: Database,
  file: string,
  opts: BackupOptions = {},
): Promise<BackupSummary> {
  const batchSize = opts.batchSize ?? 1000;
  const partial = `${file}.partial-${process.pid}`;
  const gzip = createGzip();
  let failure: Error | undefined;
  const written = pipeline(gzip, createWriteStream(partial)).catch((err: Error) => {
    failure = err;
    throw err;
  });
  written.catch(() => {}); // reported by write() or by `await written` below, never unhandled
  const write = async (line: string) => {
    if (failure) throw failure;
    // A full disk or a missing folder fails the pipeline: stop waiting for a drain that never comes.
    if (!gzip.write(`${line}\n`)) await Promise.race([once(gzip, 'drain'), written]);
  };
  try {
    const counts = await database.db.transaction(
      async (tx) => {
        await useCanonicalTextForms(tx);
        const journal = await appliedMigrations(tx);
        const [{ version }] = await rows<{ version: string }>(tx, sql`show server_version`);
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          created_at: new Date().toISOString(),
          database: database.kind,
          server_version: version,
          migrations: { count: journal.length, journal },
        };
        await write(JSON.stringify(header));
        const tables = foreignKeyOrder(await listTables(tx));
        let total = 0;
        for (const table of tables) total += await writeTable(tx, table, write, batchSize);
        const trailer: Trailer = {
          complete: true,
          tables: tables.length,
          rows: total,
          sequences: await readSequences(tx),
        };
        await write(JSON.stringify(trailer));
        return { tables: tables.length, rows: total, migrations: journal.length };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    gzip.end();
    await written;
    renameSync(partial, file);
    return { file, database: database.kind, ...counts, bytes: statSync(file).size };
  } catch (err) {
    gzip.destroy();
    await written.catch(() => {});
    rmSync(partial, { force: true });
    throw err;
  }
}

/**
 * One row as a JSON array of PostgreSQL text forms, SQL NULL as null. jsonb too is written as its
 * text, so a jsonb `null` value and a SQL NULL stay different. Built with `||` rather than
 * json_build_array, which stops at 100 arguments.
 */
function rowAsJson(table: TableInfo): string {
  const values = table.columns.map((c) => `coalesce(to_json(${quoteIdent(c.name)}::text)::text, 'null')`);
  return values.length ? `'[' || ${values.join(` || ',' || `)} || ']'` : `'[]'`;
}

async function writeTable(
  tx: Db,
  table: TableInfo,
  write: (line: string) => Promise<void>,
  batchSize: number,
): Promise<number> {
  const start: TableStart = { table: table.name, columns: table.columns, primary_key: table.primaryKey };
  await write(JSON.stringify(start));
  // Primary-key order makes two backups of the same data identical, and diffable once unzipped.
  const order = table.primaryKey.length ? ` order by ${table.primaryKey.map(quoteIdent).join(', ')}` : '';
  await tx.execute(
    sql.raw(
      `declare labline_backup no scroll cursor for select ${rowAsJson(table)} as line from ${quoteIdent(table.name)}${order}`,
    ),
  );
  let count = 0;
  for (;;) {
    const batch = await rows<{ line: string }>(tx, sql.raw(`fetch forward ${batchSize} from labline_backup`));
    for (const { line } of batch) await write(line);
    count += batch.length;
    if (batch.length < batchSize) break;
  }
  await tx.execute(sql.raw('close labline_backup'));
  const end: TableEndLine = { end: table.name, rows: count };
  await write(JSON.stringify(end));
  return count;
}
