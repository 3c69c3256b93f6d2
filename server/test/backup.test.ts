import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openPglite } from '../src/db/client.ts';
import { customers } from '../src/db/schema/index.ts';
import { writeBackup } from '../src/db/seed/backup.ts';
import { appliedMigrations, migrateTo, shippedMigrations } from '../src/db/seed/migration-level.ts';
import { RestoreRefusedError, restoreBackup } from '../src/db/seed/restore.ts';
import { createTestApp, openTestDatabase, type TestApp } from './app.ts';
import {
  createProbeTable,
  fillProbeTable,
  openEmptyDatabase,
  POPULATED_TABLES,
  populateThroughApi,
  snapshot,
} from './backup-support.ts';
import { login } from './factories/index.ts';

/**
 * labline backup / restore: every row of every table comes back, on the test database's kind
 * (PGlite by default, PostgreSQL with TEST_DATABASE_URL), and across kinds when both are at hand.
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const dir = mkdtempSync(join(tmpdir(), 'labline-backup-test-'));
let source: TestApp;
let adminEmail: string;
let before: Record<string, string[]>;
const file = join(dir, 'source.backup.gz');
// Tiny batches, so every table crosses batch boundaries on both sides (children of the
// self-referencing probe table land in earlier batches than their parents).
const BATCH = { batchSize: 2 };
// Some tests create whole databases (PGlite initdb takes seconds, more on a busy machine).
const SLOW = { timeout: 180_000 };

beforeAll(async () => {
  source = await createTestApp();
  adminEmail = (await populateThroughApi(source.app)).admin.user.email;
  await createProbeTable(source.app.db);
  await fillProbeTable(source.app.db);
  before = await snapshot(source.app.db);
});

afterAll(async () => {
  await source?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function closeAll(...databases: (Database | undefined)[]) {
  for (const d of databases) await d?.close();
}

describe('backup then restore into an empty database', SLOW, () => {
  it('gives back every row of every table, the sequences and the migration journal', async () => {
    for (const table of POPULATED_TABLES) expect(before[table]?.length, table).toBeGreaterThan(0);
    const written = await writeBackup(source.database, file, BATCH);
    expect(written.database).toBe(onPostgres ? 'postgres' : 'pglite');
    expect(written.tables).toBe(Object.keys(before).length - 2); // minus journal and sequences
    expect(written.rows).toBe(
      Object.entries(before)
        .filter(([k]) => k !== 'drizzle journal' && k !== 'sequences')
        .reduce((n, [, r]) => n + r.length, 0),
    );
    expect(written.bytes).toBeGreaterThan(0);

    const target = await openTestDatabase();
    try {
      await createProbeTable(target.db);
      const restored = await restoreBackup(target, file, BATCH);
      expect(restored).toMatchObject({ tables: written.tables, rows: written.rows, upgradedBy: 0 });
      expect(await snapshot(target.db)).toEqual(before);

      // The audit chain was copied as is: the restored lab verifies it (and keeps appending to it).
      const restoredApp = await createTestApp({}, target);
      try {
        const { headers } = await login(restoredApp.app, adminEmail);
        const verify = await restoredApp.app.inject({ url: '/api/v1/audit-log/verify', headers });
        expect(verify.statusCode).toBe(200);
        expect(verify.json()).toMatchObject({ ok: true, first_broken: null });
        expect(verify.json().checked).toBeGreaterThan(before.audit_events.length);
      } finally {
        await restoredApp.app.close();
      }
    } finally {
      await target.close();
    }
  });

  it('refuses a database that has rows, naming them, and changes nothing', async () => {
    await expect(restoreBackup(source.database, file)).rejects.toThrow(RestoreRefusedError);
    await expect(restoreBackup(source.database, file)).rejects.toThrow(/not empty \(rows in audit_events, /);
    expect(await snapshot(source.app.db)).toEqual(before);
  });

  it('loads nothing from a truncated backup (one transaction)', async () => {
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ complete: true });
    const damaged = join(dir, 'truncated.backup.gz');
    writeFileSync(damaged, gzipSync(`${lines.slice(0, -1).join('\n')}\n`));
    const target = await openTestDatabase();
    try {
      await createProbeTable(target.db);
      const empty = await snapshot(target.db);
      await expect(restoreBackup(target, damaged, BATCH)).rejects.toThrow(/incomplete/);
      expect(await snapshot(target.db)).toEqual(empty);
      for (const table of POPULATED_TABLES) expect(empty[table], table).toEqual([]);
    } finally {
      await target.close();
    }
  });

  it('refuses a file that is not a Labline backup', async () => {
    const junk = join(dir, 'junk.gz');
    writeFileSync(junk, 'not gzip at all');
    const target = await openTestDatabase();
    try {
      await expect(restoreBackup(target, junk)).rejects.toThrow(/not a readable Labline backup/);
      await expect(restoreBackup(target, join(dir, 'missing.gz'))).rejects.toThrow(/No backup file/);
    } finally {
      await target.close();
    }
  });
});

describe('backups from an older schema', SLOW, () => {
  it('load at their own migration level, then the newer migrations run over them', async () => {
    const shipped = shippedMigrations().length;
    const old = await openEmptyDatabase();
    const target = await openEmptyDatabase();
    const migrated = await openTestDatabase();
    try {
      await migrateTo(old.db, shipped - 1);
      await old.db.execute(
        sql`insert into customers (id, company_name, email) values (gen_random_uuid(), 'Old Schema Ltd', 'old@example.test')`,
      );
      const oldFile = join(dir, 'old.backup.gz');
      expect((await writeBackup(old, oldFile)).migrations).toBe(shipped - 1);

      // A database already past the backup's level cannot load it at that level.
      await expect(restoreBackup(migrated, oldFile)).rejects.toThrow(/already at schema migration/);

      const restored = await restoreBackup(target, oldFile);
      expect(restored.upgradedBy).toBe(1);
      expect((await appliedMigrations(target.db)).length).toBe(shipped);
      const [row] = await target.db.select().from(customers);
      expect(row).toMatchObject({ company_name: 'Old Schema Ltd', email: 'old@example.test' });
    } finally {
      await closeAll(old, target, migrated);
    }
  });
});

describe.runIf(onPostgres)('across database kinds', SLOW, () => {
  it('moves a PGlite lab to PostgreSQL with every row', async () => {
    const lite = await openPglite({});
    await lite.migrate();
    const liteApp = await createTestApp({}, lite);
    const target = await openTestDatabase();
    try {
      await populateThroughApi(liteApp.app);
      await createProbeTable(lite.db);
      await fillProbeTable(lite.db);
      const expected = await snapshot(lite.db);
      const liteFile = join(dir, 'pglite.backup.gz');
      expect((await writeBackup(lite, liteFile, BATCH)).database).toBe('pglite');
      await createProbeTable(target.db);
      expect((await restoreBackup(target, liteFile, BATCH)).source).toBe('pglite');
      expect(await snapshot(target.db)).toEqual(expected);
    } finally {
      await liteApp.close();
      await target.close();
    }
  });

  it('and a PostgreSQL backup back into a never-migrated PGlite', async () => {
    const lite = await openPglite({});
    try {
      await createProbeTable(lite.db);
      await restoreBackup(lite, file, BATCH);
      expect(await snapshot(lite.db)).toEqual(before);
    } finally {
      await lite.close();
    }
  });
});
