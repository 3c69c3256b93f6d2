import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import { yieldBeforeEachStatement } from './pglite-turns.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** A database or a transaction: repositories take either, so callers decide the transaction. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Where the data lives, for messages: the data directory or the server address. */
  location: string;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  poolStats(): PoolStats;
  close(): Promise<void>;
  /** The underlying pg pool, on PostgreSQL only (LISTEN/NOTIFY needs a dedicated connection). */
  pool?: pg.Pool;
}

export class DataDirLockedError extends Error {}

// Timestamps and numerics come back as the driver parses them; keep `numeric` as a string so money
// is never turned into a float, and keep int8 (bigint) as a number (counters stay far below 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

export interface PostgresOptions {
  url: string;
  poolSize: number;
  statementTimeoutMs: number;
  connectTimeoutMs: number;
  onPoolError?: (err: Error) => void;
}

export function openPostgres(opts: PostgresOptions): Database {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize,
    connectionTimeoutMillis: opts.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    statement_timeout: opts.statementTimeoutMs,
    idle_in_transaction_session_timeout: opts.statementTimeoutMs * 2,
    application_name: 'labline',
  });
  // An idle client whose server went away emits 'error' on the pool; without a listener that
  // crashes the process. The pool drops the client and the next query reconnects.
  pool.on('error', (err) => opts.onPoolError?.(err));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const safeUrl = new URL(opts.url);
  safeUrl.password = '';
  return {
    kind: 'postgres',
    db,
    pool,
    location: `${safeUrl.host}${safeUrl.pathname}`,
    async migrate() {
      // Several instances may boot at once: one migrates, the others wait on the advisory lock.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock(7262001)');
        await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await client.query('select pg_advisory_unlock(7262001)').catch(() => {});
        client.release();
      }
    },
    async ping() {
      await pool.query('select 1');
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => pool.end(),
  };
}

export interface PgliteOptions {
  /** A folder on disk, or undefined for an in-memory database (tests). */
  dataDir?: string;
  /** A dumped data directory to start from (tests clone a migrated template this way). */
  loadDataDir?: Blob;
}

export async function openPglite(opts: PgliteOptions): Promise<Database> {
  let release: (() => Promise<void>) | undefined;
  let pgdata: string | undefined;
  if (opts.dataDir) {
    mkdirSync(opts.dataDir, { recursive: true });
    release = await lockDataDir(opts.dataDir);
    pgdata = join(opts.dataDir, 'pgdata');
  }
  let client: PGlite;
  try {
    // pg_trgm backs the indexes behind `q` searches; PostgreSQL ships it in its contrib modules.
    client = await PGlite.create({ dataDir: pgdata, loadDataDir: opts.loadDataDir, extensions: { pg_trgm } });
  } catch (err) {
    await release?.();
    throw err;
  }
  yieldBeforeEachStatement(client);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    location: opts.dataDir ?? 'memory',
    async migrate() {
      await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_FOLDER });
    },
    async ping() {
      await client.query('select 1');
    },
    // One backend, every query serialized: report it as a pool of one.
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    async close() {
      if (!client.closed) await client.close();
      await release?.();
    },
    pglite: client,
  } as Database & { pglite: PGlite };
}

/**
 * PGlite is one PostgreSQL backend inside this process; a second process opening the same files
 * would corrupt them. The lock is a directory created atomically and refreshed while we run, so a
 * crashed process's lock goes stale and the next start can take it. When `labline.pid` names a
 * process that no longer exists (killed, crashed, laptop powered off), the lock is taken over at
 * once instead of after the 15 s staleness delay.
 */
const heldDataDirs = new Set<string>();

async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = join(dataDir, 'labline.lock');
  const pidPath = join(dataDir, 'labline.pid');
  const take = () => lockfile.lock(dataDir, { lockfilePath: lockPath, stale: 15_000, update: 5_000 });
  const key = resolve(dataDir);
  const inUse = () =>
    new DataDirLockedError(
      `The data directory ${dataDir} is in use by another Labline process. ` +
        'Stop it first, or set DATA_DIR to another folder (or DATABASE_URL to use PostgreSQL).',
    );
  if (heldDataDirs.has(key)) throw inUse();
  let release: () => Promise<void>;
  try {
    release = await take();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
    if (!lockHolderIsGone(lockPath, pidPath)) throw inUse();
    rmSync(lockPath, { recursive: true, force: true });
    try {
      release = await take();
    } catch (retryErr) {
      // Another process took the freed lock first.
      if ((retryErr as NodeJS.ErrnoException).code === 'ELOCKED') throw inUse();
      throw retryErr;
    }
  }
  writeFileSync(pidPath, String(process.pid));
  heldDataDirs.add(key);
  return async () => {
    heldDataDirs.delete(key);
    await release();
  };
}

/**
 * True only when the lock certainly belongs to a dead process: the pid file predates the lock
 * directory's creation (a process that just took the lock has not written its pid yet, so an older
 * file names someone else) and no process with that pid exists. A pid equal to ours is a previous
 * run (containers restart with the same pid); this process's own locks are in heldDataDirs.
 */
function lockHolderIsGone(lockPath: string, pidPath: string): boolean {
  let pid: number;
  let pidWritten: number;
  let lockBorn: number;
  try {
    pid = Number.parseInt(readFileSync(pidPath, 'utf8'), 10);
    pidWritten = statSync(pidPath).mtimeMs;
    lockBorn = statSync(lockPath).birthtimeMs;
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (lockBorn && lockBorn > pidWritten) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export interface OpenDatabaseConfig {
  DATABASE_URL: string;
  dataDir: string;
  DB_POOL_SIZE: number;
  DB_STATEMENT_TIMEOUT_MS: number;
  DB_CONNECT_TIMEOUT_MS: number;
}

export async function openDatabase(
  config: OpenDatabaseConfig,
  onPoolError?: (err: Error) => void,
): Promise<Database> {
  if (config.DATABASE_URL) {
    return openPostgres({
      url: config.DATABASE_URL,
      poolSize: config.DB_POOL_SIZE,
      statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
      connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
      onPoolError,
    });
  }
  return openPglite({ dataDir: config.dataDir });
}

/** Rows of a raw query, whichever driver ran it. */
export async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
