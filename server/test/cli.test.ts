import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../scripts/free-port.ts';
import { createCliDatabase, dropCliDatabases, type Run, runCli, startCli } from './cli-support.ts';

/**
 * The real CLI as a child process (`node server/bin/labline.js …`), each run in a temp folder as
 * its working directory so no .env of the checkout leaks in. The data commands run on PGlite, or
 * on fresh labline_cli_* databases when TEST_DATABASE_URL is set; the lock test is PGlite's own.
 */
// Every CLI start pays for Node, tsx and (for data commands) PostgreSQL startup: minutes on a
// busy machine, so each test gets a generous allowance (nothing here asserts on time).
const SLOW = { timeout: 240_000 };
const pgUrl = process.env.TEST_DATABASE_URL;
const root = mkdtempSync(join(tmpdir(), 'labline-cli-test-'));
const dirA = join(root, 'a');
const dirB = join(root, 'b');
const databases: string[] = [];
let urlA = '';
let urlB = '';
let server: ChildProcess | undefined;

function env(dataDir: string, databaseUrl = ''): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    UPLOAD_DIR: join(dataDir, 'uploads'),
    DATABASE_URL: databaseUrl,
    SECRET_KEY: 'cli-test-secret-key-0123456789abcdef',
    ADMIN_EMAIL: 'admin@cli.test',
    ADMIN_PASSWORD: 'cli-test-admin-password',
  };
}

const start = (args: string[], environment: NodeJS.ProcessEnv): ChildProcess =>
  startCli(args, root, environment);

const cli = (args: string[], environment = env(dirA, urlA)): Promise<Run> => runCli(args, root, environment);

/** Backup contents without the header line (it holds the creation time). */
const bodyOf = (file: string) => gunzipSync(readFileSync(file)).toString('utf8').split('\n').slice(1);
const rowsOf = (file: string, table: string) => {
  const lines = bodyOf(file);
  const from = lines.findIndex((l) => l.startsWith(`{"table":"${table}"`));
  const to = lines.findIndex((l, i) => i > from && l.startsWith('{"end"'));
  return lines.slice(from + 1, to);
};

/** Every file under an upload folder as "relative path sha256", temporary ones excluded. */
function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.parentPath.includes('.tmp'))
    .map((e) => {
      const path = join(e.parentPath, e.name);
      return `${relative(root, path)} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
    })
    .sort();
}

async function createDatabase(): Promise<string> {
  const created = await createCliDatabase(pgUrl!);
  databases.push(created.name);
  return created.url;
}

beforeAll(async () => {
  if (pgUrl) {
    urlA = await createDatabase();
    urlB = await createDatabase();
  }
});

afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    server.kill('SIGKILL');
    await once(server, 'exit');
  }
  if (pgUrl) await dropCliDatabases(pgUrl, databases);
  rmSync(root, { recursive: true, force: true });
});

describe('usage', SLOW, () => {
  it('--help prints every command and exits 0; an unknown command exits 64 with the usage', async () => {
    const [help, unknown] = await Promise.all([cli(['--help']), cli(['frobnicate'])]);
    expect(help.code).toBe(0);
    for (const command of [
      'serve',
      'migrate',
      'create-user',
      'seed-demo',
      'backup <file>',
      'restore <file>',
    ]) {
      expect(help.stdout).toContain(command);
    }
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    expect(unknown.stderr).toContain('Usage: labline');
  });
});

describe('data commands', SLOW, () => {
  it('migrate, then create-user (and 64 without a password)', async () => {
    const migrate = await cli(['migrate']);
    expect(migrate.stderr).toBe('');
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toContain('Migrations applied');
    const [created, incomplete] = await Promise.all([
      cli([
        'create-user',
        '--email',
        'Lab.Manager@CLI.test',
        '--password',
        'manager-password',
        '--role',
        'manager',
      ]),
      cli(['create-user', '--email', 'nobody@cli.test'], env(join(root, 'unused'))),
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^Created manager lab\.manager@cli\.test \(/);
    expect(incomplete.code).toBe(64);
    expect(incomplete.stderr).toContain('create-user needs --email and --password');
  });

  it('seed-demo loads the demo once, prints the accounts and the password, and adds nothing the second time', async () => {
    const first = await cli(['seed-demo']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Demo data loaded: customers (8), users (5)');
    expect(first.stdout).toContain('password "labline-demo"');
    expect(first.stdout).toMatch(/manager@demo\.labline\.local\s+manager/);
    expect(first.stdout).toMatch(/portal@nordicthreads\.example\s+customer/);
    // create-user already made the users table non-empty, so no first-start admin is added.
    expect(first.stdout).not.toContain('Administrator');
    const second = await cli(['seed-demo']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Demo data was already loaded; nothing added.');
  });

  it('backup writes every table and prints a summary; restore fills an empty database with the same rows', async () => {
    const fileA = join(root, 'a.backup.gz');
    const backup = await cli(['backup', fileA]);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(
      /written to .*a\.backup\.gz: \d+ tables, \d+ rows, [1-9]\d* files \([\d.]+ (B|KiB|MiB)\) from .*, [\d.]+ (B|KiB|MiB) in all/,
    );
    // seed-demo ran twice: 8 customers, and the CLI's manager + 5 demo users, no duplicates.
    expect(rowsOf(fileA, 'customers')).toHaveLength(8);
    expect(rowsOf(fileA, 'users')).toHaveLength(6);

    const restore = await cli(['restore', fileA], env(dirB, urlB));
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/^Restored .*: \d+ tables, \d+ rows, [1-9]\d* files/);
    // the demo's controlled documents came along: the same bytes under the same keys
    expect(filesUnder(join(dirB, 'uploads'))).toEqual(filesUnder(join(dirA, 'uploads')));
    expect(filesUnder(join(dirB, 'uploads')).length).toBeGreaterThan(0);

    const again = await cli(['restore', fileA], env(dirB, urlB));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('The target database is not empty');

    const fileB = join(root, 'b.backup.gz');
    expect((await cli(['backup', fileB], env(dirB, urlB))).code).toBe(0);
    expect(bodyOf(fileB)).toEqual(bodyOf(fileA));
  });

  it('backup without a file is a usage error; restore of a missing file says so', async () => {
    const [noFile, missing] = await Promise.all([
      cli(['backup'], env(join(root, 'unused'))),
      cli(['restore', join(root, 'nope.gz')], env(join(root, 'unused2'))),
    ]);
    expect(noFile.code).toBe(64);
    expect(noFile.stderr).toContain('backup needs exactly one file');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No backup file at');
  });
});

describe('the PGlite data directory lock', SLOW, () => {
  it('refuses a second process with a clear message, and is taken over at once after a crash', async () => {
    // On PGlite, directory A is migrated by now (no initdb to wait for); on PostgreSQL it has no pgdata yet.
    const dir = pgUrl ? join(root, 'locked') : dirA;
    const port = await freePort();
    server = start(['serve'], { ...env(dir), PORT: String(port), HOST: '127.0.0.1' });
    let ready = false;
    for (let i = 0; i < 1200 && !ready && server.exitCode === null; i++) {
      ready = await fetch(`http://127.0.0.1:${port}/ready`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (!ready) await new Promise((r) => setTimeout(r, 100));
    }
    expect(ready).toBe(true);
    const second = await cli(['migrate'], env(dir));
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('is in use by another Labline process');

    // Killed without a chance to release the lock: the next start sees that labline.pid names a
    // dead process and takes the lock at once, instead of waiting 15 s for it to go stale.
    server.kill('SIGKILL');
    await once(server, 'exit');
    // As if refreshed a minute from now: only the dead-pid check, not staleness, can free it in time.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'labline.lock'), later, later);
    const afterCrash = await cli(['migrate'], env(dir));
    expect(afterCrash.stderr).toBe('');
    expect(afterCrash.code).toBe(0);
  });
});
