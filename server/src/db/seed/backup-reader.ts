import { createReadStream, existsSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader } from './backup-format.ts';

export class BackupFileError extends Error {}

/**
 * The lines of a backup file, decompressed as they are read. Written by hand rather than with
 * readline so a damaged or truncated gzip stream surfaces as an error instead of a short file.
 */
export async function* backupLines(file: string): AsyncGenerator<string> {
  if (!existsSync(file)) throw new BackupFileError(`No backup file at ${file}`);
  const decoder = new StringDecoder('utf8');
  let pending = '';
  try {
    for await (const chunk of createReadStream(file).pipe(createGunzip())) {
      pending += decoder.write(chunk as Buffer);
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        yield pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code?.startsWith('Z_')) {
      throw new BackupFileError(`${file} is not a readable Labline backup (${(err as Error).message})`);
    }
    throw err;
  }
  pending += decoder.end();
  if (pending) yield pending;
}

/** Reads and checks the header line; the returned iterator continues after it. */
export async function openBackup(
  file: string,
): Promise<{ header: BackupHeader; lines: AsyncGenerator<string> }> {
  const lines = backupLines(file);
  const first = await lines.next();
  let header: BackupHeader | undefined;
  try {
    header = first.done ? undefined : (JSON.parse(first.value) as BackupHeader);
  } catch {
    header = undefined;
  }
  if (header?.format !== BACKUP_FORMAT) {
    await lines.return(undefined);
    throw new BackupFileError(`${file} is not a Labline backup`);
  }
  if (header.version > BACKUP_VERSION) {
    await lines.return(undefined);
    throw new BackupFileError(
      `${file} uses backup format ${header.version}; this Labline reads up to ${BACKUP_VERSION}: upgrade Labline`,
    );
  }
  return { header, lines };
}
