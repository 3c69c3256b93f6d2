import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CommandError, UsageError } from '../../cli/errors.ts';
import { withDatabase } from '../../cli/with-database.ts';
import type { Config } from '../../config.ts';
import { ensureAdmin } from '../../lib/bootstrap.ts';
import { HashPool } from '../../lib/passwords.ts';
import { writeBackup } from './backup.ts';
import { BackupFileError, openBackup } from './backup-reader.ts';
import { describeDemo, loadDemoData } from './demo.ts';
import { RestoreRefusedError, restoreBackup } from './restore.ts';

/** labline seed-demo | backup <file> | restore <file> */
export async function runDataCommand(config: Config, command: string, args: string[]): Promise<void> {
  try {
    if (command === 'seed-demo') return await seedDemoCommand(config, args);
    if (command === 'backup') return await backupCommand(config, args);
    if (command === 'restore') return await restoreCommand(config, args);
  } catch (err) {
    if (err instanceof RestoreRefusedError || err instanceof BackupFileError)
      throw new CommandError(err.message);
    throw err;
  }
  throw new UsageError(`Unknown command "${command}"`);
}

function fileArgument(command: string, args: string[]): string {
  const files = args.filter((a) => !a.startsWith('-'));
  const unknown = args.filter((a) => a.startsWith('-'));
  if (unknown.length) throw new UsageError(`${command}: unknown option ${unknown[0]}`);
  if (files.length !== 1)
    throw new UsageError(`${command} needs exactly one file, e.g. labline ${command} labline.backup.gz`);
  return resolve(files[0]);
}

const where = (config: Config) =>
  config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;

async function seedDemoCommand(config: Config, args: string[]) {
  if (args.length) throw new UsageError(`seed-demo takes no arguments (got ${args[0]})`);
  await withDatabase(config, async (database) => {
    await database.migrate();
    const passwords = new HashPool(2, 10);
    // Demo users make the users table non-empty, so the first-start admin must exist before them.
    const admin = await ensureAdmin(database.db, passwords, config.ADMIN_EMAIL, config.ADMIN_PASSWORD);
    const report = await loadDemoData(database.db, passwords);
    process.stdout.write(describeDemo(report));
    if (admin) {
      process.stdout.write(
        `Administrator ${admin.email} ${admin.generated ? `with password ${admin.password} (shown once)` : '(password from ADMIN_PASSWORD)'}\n`,
      );
    }
  });
}

const size = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 ** 2
      ? `${(bytes / 1024).toFixed(1)} KiB`
      : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;

async function backupCommand(config: Config, args: string[]) {
  const file = fileArgument('backup', args);
  if (!existsSync(dirname(file)))
    throw new CommandError(`Cannot write ${file}: the folder ${dirname(file)} does not exist`);
  await withDatabase(config, async (database) => {
    const s = await writeBackup(database, file);
    process.stdout.write(
      `Backup of ${where(config)} written to ${s.file}: ${s.tables} tables, ${s.rows} rows, ${size(s.bytes)} (schema migration ${s.migrations})\n`,
    );
  });
}

async function restoreCommand(config: Config, args: string[]) {
  const file = fileArgument('restore', args);
  // A missing or foreign file is reported before the database is opened (or created).
  await (await openBackup(file)).lines.return(undefined);
  await withDatabase(config, async (database) => {
    const s = await restoreBackup(database, file);
    const upgraded = s.upgradedBy ? `, then applied ${s.upgradedBy} newer migration(s)` : '';
    process.stdout.write(
      `Restored ${s.file} (taken from ${s.source}) into ${where(config)}: ${s.tables} tables, ${s.rows} rows${upgraded}\n`,
    );
  });
}
