import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CommandError, UsageError } from '../../cli/errors.ts';
import { withDatabase } from '../../cli/with-database.ts';
import type { Config } from '../../config.ts';
import { ensureAdmin } from '../../lib/bootstrap.ts';
import { HashPool } from '../../lib/passwords.ts';
import { writeBackup } from './backup.ts';
import { uploadFolderFiles } from './backup-files.ts';
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

/** Names the stored files a backup could not carry, so the operator can look for them. */
function warnMissing(refs: string[], why: string) {
  if (!refs.length) return;
  const shown = refs.slice(0, 10).join(', ');
  const more = refs.length > 10 ? ` and ${refs.length - 10} more` : '';
  process.stderr.write(
    `Warning: ${refs.length} stored file(s) the database refers to ${why}: ${shown}${more}\n`,
  );
}

async function backupCommand(config: Config, args: string[]) {
  const file = fileArgument('backup', args);
  if (!existsSync(dirname(file)))
    throw new CommandError(`Cannot write ${file}: the folder ${dirname(file)} does not exist`);
  await withDatabase(config, async (database) => {
    const s = await writeBackup(database, file, { files: uploadFolderFiles(config.uploadDir) });
    process.stdout.write(
      `Backup of ${where(config)} written to ${s.file}: ${s.tables} tables, ${s.rows} rows, ` +
        `${s.files} files (${size(s.fileBytes)}) from ${config.uploadDir}, ${size(s.bytes)} in all (schema migration ${s.migrations})\n`,
    );
    warnMissing(
      s.missingFiles,
      `were not in ${config.uploadDir}; the backup has their rows but not their bytes`,
    );
  });
}

async function restoreCommand(config: Config, args: string[]) {
  const file = fileArgument('restore', args);
  // A missing or foreign file is reported before the database is opened (or created).
  await (await openBackup(file)).lines.return(undefined);
  await withDatabase(config, async (database) => {
    const s = await restoreBackup(database, file, { files: uploadFolderFiles(config.uploadDir) });
    const upgraded = s.upgradedBy ? `, then applied ${s.upgradedBy} newer migration(s)` : '';
    process.stdout.write(
      `Restored ${s.file} (taken from ${s.source}) into ${where(config)}: ${s.tables} tables, ${s.rows} rows, ` +
        `${s.files} files (${size(s.fileBytes)}) into ${config.uploadDir}${upgraded}\n`,
    );
    warnMissing(s.missingFiles, 'were already missing when the backup was taken');
  });
}
