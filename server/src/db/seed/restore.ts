import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../client.ts';
import { type BackupFiles, BadFileReferenceError, type WrittenFile } from './backup-files.ts';
import type { ControlLine, FileEnd, TableStart, Trailer } from './backup-format.ts';
import { BackupFileError, openBackup } from './backup-reader.ts';
import { listTables, nonEmptyTables, quoteIdent, type TableInfo, useCanonicalTextForms } from './catalog.ts';
import { appliedMigrations, migrateTo, shippedMigrations, shippedPrefixLength } from './migration-level.ts';

/** Restore will not run: the message says why and what to do instead. Nothing was changed. */
export class RestoreRefusedError extends Error {}

export interface RestoreSummary {
  file: string;
  database: 'pglite' | 'postgres';
  /** The kind of database the backup was taken from. */
  source: 'pglite' | 'postgres';
  tables: number;
  rows: number;
  /** Uploaded files written back (none when no `files` target was given). */
  files: number;
  fileBytes: number;
  /** Files the source lacked when the backup was taken: their rows are back, their bytes are not. */
  missingFiles: string[];
  /** Migrations applied after loading (the backup came from an older Labline). */
  upgradedBy: number;
}

export interface RestoreOptions {
  batchSize?: number;
  /** Where the backup's uploaded files are written back to; without it they are skipped. */
  files?: BackupFiles;
}

/**
 * Loads a backup into an empty database: brings the schema to the backup's migration level,
 * inserts every table parent-first inside one transaction (a failure leaves the database as it
 * was), sets the sequences, then applies any newer migrations. The audit chain is copied as is,
 * so it still verifies. Uploaded files are written back under their own keys, each checked
 * against its SHA-256; when the load fails, the files it had added are removed again.
 */
export async function restoreBackup(
  database: Database,
  file: string,
  opts: RestoreOptions = {},
): Promise<RestoreSummary> {
  const { header, lines } = await openBackup(file);
  const files = new FileLoader(opts.files);
  try {
    const level = await checkSchemaLevel(database.db, header.migrations.journal);
    const busy = await nonEmptyTables(database.db, await listTables(database.db));
    if (busy.length) throw notEmpty(busy);
    await migrateTo(database.db, level);
    const loaded = await database.db
      .transaction(async (tx) => loadRows(tx, lines, opts.batchSize ?? 1000, files))
      .catch(async (err) => {
        await files.undo();
        throw err;
      });
    const shipped = shippedMigrations().length;
    if (shipped > level) await migrateTo(database.db, shipped);
    return {
      file,
      database: database.kind,
      source: header.database,
      ...loaded,
      upgradedBy: shipped - level,
    };
  } finally {
    await lines.return(undefined);
  }
}

/** The backup's migration level, if this Labline and this database can take its rows. */
async function checkSchemaLevel(db: Db, journal: { hash: string; created_at: string }[]): Promise<number> {
  const level = shippedPrefixLength(journal);
  if (level < 0) {
    throw new RestoreRefusedError(
      'The backup was made by a newer Labline (its schema migrations are unknown to this version): upgrade Labline, then restore.',
    );
  }
  const applied = shippedPrefixLength(await appliedMigrations(db));
  if (applied < 0) {
    throw new RestoreRefusedError(
      'The target database was migrated by a different Labline version: use an empty database.',
    );
  }
  if (applied > level) {
    throw new RestoreRefusedError(
      `The target database is already at schema migration ${applied} and the backup at ${level}: ` +
        'restore into a new, never-started database (a new DATA_DIR, or a new PostgreSQL database in DATABASE_URL) ' +
        'so the backup can be loaded at its own level and upgraded afterwards.',
    );
  }
  return level;
}

const notEmpty = (tables: string[]) =>
  new RestoreRefusedError(
    `The target database is not empty (rows in ${tables.join(', ')}); restore only loads into an empty database. ` +
      'Use a new DATA_DIR, or create a new PostgreSQL database and point DATABASE_URL at it. Nothing was changed.',
  );

interface Loading {
  start: TableStart;
  target: TableInfo;
  /** `insert into t (columns) select casts`: completed by `from <source of r>`. */
  into: string;
  insert: (json: string) => Promise<void>;
  pending: string[];
  rows: number;
}

type Written = WrittenFile & { existed: boolean };

/**
 * Writes the backup's files as their lines arrive: a FileStart opens a stream into the target,
 * chunk lines feed it (with backpressure), and the FileEnd checks size and SHA-256.
 */
class FileLoader {
  files = 0;
  bytes = 0;
  /** Files this restore created (not ones that were already there): removed if it fails. */
  private created: string[] = [];
  private current?: { ref: string; stream: PassThrough; written: Promise<Written | null> };

  constructor(private readonly target: BackupFiles | undefined) {}

  begin(ref: string) {
    if (this.current)
      throw new BackupFileError(`The backup is damaged (file ${this.current.ref} has no end)`);
    const stream = new PassThrough();
    const target = this.target;
    // Without a target the bytes are read past (a database-only restore).
    const written: Promise<Written | null> = target
      ? target.write(ref, stream).then((w) => {
          if (!w.existed) this.created.push(ref);
          return w;
        })
      : Promise.resolve(stream.resume()).then(() => null);
    written.catch(() => {}); // awaited in end(); an early failure must not be unhandled meanwhile
    this.current = { ref, stream, written };
  }

  async chunk(line: string) {
    const current = this.current;
    if (!current) throw new BackupFileError('The backup has file data outside any file: the file is damaged');
    const bytes = Buffer.from(JSON.parse(line) as string, 'base64');
    if (!current.stream.write(bytes)) await Promise.race([once(current.stream, 'drain'), current.written]);
  }

  async end(end: FileEnd) {
    const current = this.current;
    if (current?.ref !== end.file_end) throw new BackupFileError('The backup is damaged (file end mismatch)');
    this.current = undefined;
    current.stream.end();
    const written = await current.written.catch((err) => {
      if (err instanceof BadFileReferenceError)
        throw new BackupFileError(`The backup is damaged: ${err.message}`);
      throw err;
    });
    if (!written) return;
    if (written.size !== end.size || written.sha256 !== end.sha256) {
      throw new BackupFileError(
        `The backup is damaged: file ${end.file_end} has ${written.size} bytes (SHA-256 ${written.sha256}), ` +
          `the backup says ${end.size} bytes (SHA-256 ${end.sha256})`,
      );
    }
    this.files++;
    this.bytes += written.size;
  }

  /** After a failed load: stops the file being written and removes the files this restore added. */
  async undo() {
    this.current?.stream.destroy();
    await this.current?.written.catch(() => {});
    for (const ref of this.created) await this.target?.remove(ref).catch(() => {});
  }
}

async function loadRows(tx: Db, lines: AsyncGenerator<string>, batchSize: number, files: FileLoader) {
  await useCanonicalTextForms(tx);
  const tables = new Map((await listTables(tx)).map((t) => [t.name, t]));
  // Hold every table until commit: a server started on this database meanwhile waits instead of
  // writing around the restore, and the emptiness check below stays true.
  if (tables.size) {
    await tx.execute(
      sql.raw(`lock table ${[...tables.keys()].map(quoteIdent).join(', ')} in access exclusive mode`),
    );
  }
  const busy = await nonEmptyTables(tx, [...tables.values()]);
  if (busy.length) throw notEmpty(busy);
  // The backup holds every table as it was, rollups included: triggers that derive rows (the
  // analytics rollups from test_results) would count the restored results a second time. As
  // pg_restore --disable-triggers does, they are off while loading (in this transaction only).
  await setUserTriggers(tx, [...tables.keys()], false);

  let current: Loading | undefined;
  let total = 0;
  let count = 0;
  let trailer: Trailer | undefined;
  const flush = async () => {
    if (!current?.pending.length) return;
    await current.insert(`[${current.pending.join(',')}]`);
    current.pending = [];
  };
  for await (const line of lines) {
    if (line.startsWith('[')) {
      if (!current) throw new BackupFileError('The backup has a row outside any table: the file is damaged');
      current.pending.push(line);
      current.rows++;
      if (current.pending.length >= batchSize) await flush();
      continue;
    }
    if (line.startsWith('"')) {
      await files.chunk(line);
      continue;
    }
    if (!line.trim()) continue;
    const control = JSON.parse(line) as ControlLine;
    if ('table' in control) {
      current = await beginTable(tx, control, tables.get(control.table));
    } else if ('end' in control) {
      if (current?.start.table !== control.end)
        throw new BackupFileError('The backup is damaged (table end mismatch)');
      await flush();
      await finishTable(tx, current);
      if (current.rows !== control.rows) {
        throw new BackupFileError(
          `The backup is damaged: ${control.end} holds ${current.rows} of ${control.rows} rows`,
        );
      }
      total += current.rows;
      count++;
      current = undefined;
    } else if ('file' in control) {
      files.begin(control.file);
    } else if ('file_end' in control) {
      await files.end(control);
    } else if ('complete' in control) {
      trailer = control;
      await setSequences(tx, control);
    }
  }
  if (!trailer) throw new BackupFileError('The backup file is incomplete (truncated): nothing was restored');
  await setUserTriggers(tx, [...tables.keys()], true);
  return {
    tables: count,
    rows: total,
    files: files.files,
    fileBytes: files.bytes,
    missingFiles: trailer.missing_files ?? [],
  };
}

async function setUserTriggers(tx: Db, tables: string[], enabled: boolean) {
  for (const table of tables) {
    await tx.execute(
      sql.raw(`alter table ${quoteIdent(table)} ${enabled ? 'enable' : 'disable'} trigger user`),
    );
  }
}

/**
 * Prepares the INSERT for one table. Each value is cast from its text form to the column's type in
 * this database. A table with a foreign key to itself is staged whole first and inserted in one
 * statement, because PostgreSQL checks such keys at the end of the statement, so a child may
 * arrive in an earlier batch than its parent.
 */
async function beginTable(tx: Db, start: TableStart, target: TableInfo | undefined): Promise<Loading> {
  if (!target)
    throw new RestoreRefusedError(`The backup has a table "${start.table}" that this database lacks`);
  const types = new Map(target.columns.map((c) => [c.name, c]));
  const values = start.columns.map((c, i) => {
    const column = types.get(c.name);
    if (!column) {
      throw new RestoreRefusedError(
        `The backup has a column ${start.table}.${c.name} that this database lacks`,
      );
    }
    return `(r->>${i})::${column.type}`;
  });
  const into = `insert into ${quoteIdent(target.name)} (${start.columns.map((c) => quoteIdent(c.name)).join(', ')}) overriding system value select ${values.join(', ')}`;
  const loading: Loading = { start, target, into, pending: [], rows: 0, insert: async () => {} };
  if (target.selfReferencing) {
    await tx.execute(sql.raw('create temp table labline_restore_stage (r json) on commit drop'));
    loading.insert = async (json) => {
      await tx.execute(
        sql`insert into labline_restore_stage select r from json_array_elements(${json}::json) as r`,
      );
    };
  } else {
    loading.insert = async (json) => {
      await tx.execute(sql`${sql.raw(into)} from json_array_elements(${json}::json) as r`);
    };
  }
  return loading;
}

async function finishTable(tx: Db, loading: Loading) {
  if (!loading.target.selfReferencing) return;
  await tx.execute(sql.raw(`${loading.into} from labline_restore_stage`));
  await tx.execute(sql.raw('drop table labline_restore_stage'));
}

async function setSequences(tx: Db, trailer: Trailer) {
  for (const seq of trailer.sequences) {
    if (seq.last_value === null) continue;
    await tx.execute(
      sql`select setval(to_regclass(${`public.${quoteIdent(seq.name)}`}), ${seq.last_value}::bigint, true)
          where to_regclass(${`public.${quoteIdent(seq.name)}`}) is not null`,
    );
  }
}
