import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { type Database, type Db, rows } from '../client.ts';
import { type BackupFiles, referencedFiles } from './backup-files.ts';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupHeader,
  type FileEnd,
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
  files: number;
  fileBytes: number;
  /** References the rows hold whose file was not there: the backup has the rows, not the bytes. */
  missingFiles: string[];
  bytes: number;
}

export interface BackupOptions {
  /** Rows fetched per round trip; the file is written as they come, so memory stays flat. */
  batchSize?: number;
  /** Where the uploaded files the rows refer to are read from; without it only rows are written. */
  files?: BackupFiles;
}

type WriteLine = (line: string) => Promise<void>;

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
        // Listed in the same snapshot as the rows, so the files are exactly the ones they refer to.
        const files = opts.files
          ? await writeFiles(await referencedFiles(tx, new Set(tables.map((t) => t.name))), opts.files, write)
          : { files: 0, fileBytes: 0, missingFiles: [] };
        const trailer: Trailer = {
          complete: true,
          tables: tables.length,
          rows: total,
          sequences: await readSequences(tx),
          files: files.files,
          file_bytes: files.fileBytes,
          missing_files: files.missingFiles,
        };
        await write(JSON.stringify(trailer));
        return { tables: tables.length, rows: total, migrations: journal.length, ...files };
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

/** Each file as a FileStart line, its bytes as base64 lines, and a FileEnd with size and hash. */
async function writeFiles(refs: string[], files: BackupFiles, write: WriteLine) {
  const missingFiles: string[] = [];
  let fileBytes = 0;
  for (const ref of refs) {
    const source = await files.open(ref);
    if (!source) {
      missingFiles.push(ref);
      continue;
    }
    await write(JSON.stringify({ file: ref }));
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of source as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
      await write(JSON.stringify(chunk.toString('base64')));
    }
    const end: FileEnd = { file_end: ref, size, sha256: hash.digest('hex') };
    await write(JSON.stringify(end));
    fileBytes += size;
  }
  return { files: refs.length - missingFiles.length, fileBytes, missingFiles };
}

async function writeTable(tx: Db, table: TableInfo, write: WriteLine, batchSize: number): Promise<number> {
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
