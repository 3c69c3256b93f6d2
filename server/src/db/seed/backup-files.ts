import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import { localFilePath } from '../../modules/reports/pdf-files.ts';
import { StoredFileNotFoundError } from '../../storage/file-storage.ts';
import { LocalFolderStorage } from '../../storage/local-folder.ts';
import { type Db, rows } from '../client.ts';
import { quoteIdent } from './catalog.ts';

/**
 * The uploaded files a backup carries next to the rows: document versions, report and certificate
 * PDFs, and the gathered content of reports. A file is named by its reference: `store:<key>` for
 * the shared file storage (a document version holds the bare key), `local:<name>` for the files
 * reports wrote under UPLOAD_DIR/reports before the shared storage existed.
 */
const REFERENCES: { table: string; ref: string }[] = [
  { table: 'document_versions', ref: `'store:' || storage_key` },
  { table: 'reports', ref: 'pdf_key' },
  { table: 'reports', ref: `content->>'file'` },
  { table: 'certifications', ref: 'pdf_key' },
];

/** Every file reference the rows of this snapshot hold, each once, in a stable order. */
export async function referencedFiles(tx: Db, tables: Set<string>): Promise<string[]> {
  const parts = REFERENCES.filter((r) => tables.has(r.table)).map(
    (r) => `select ${r.ref} as ref from ${quoteIdent(r.table)}`,
  );
  if (!parts.length) return [];
  const found = await rows<{ ref: string }>(
    tx,
    sql.raw(
      `select distinct ref from (${parts.join(' union all ')}) f where ref like 'store:%' or ref like 'local:%' order by ref`,
    ),
  );
  return found.map((r) => r.ref);
}

export interface WrittenFile {
  size: number;
  sha256: string;
}

/** Where backup reads files from and restore writes them back to. */
export interface BackupFiles {
  /** The bytes of a referenced file, or null when it is not there. */
  open(ref: string): Promise<Readable | null>;
  /** Writes the bytes under exactly this reference; `existed` says a file was already there. */
  write(ref: string, source: Readable): Promise<WrittenFile & { existed: boolean }>;
  /** Removes what a failed restore wrote. */
  remove(ref: string): Promise<void>;
}

export class BadFileReferenceError extends Error {}

/** The files of one upload folder (UPLOAD_DIR), as the server stores them. */
export function uploadFolderFiles(uploadDir: string): BackupFiles {
  const store = new LocalFolderStorage(uploadDir);
  const localPath = (ref: string) => {
    const path = ref.startsWith('local:') ? localFilePath(uploadDir, ref.slice(6)) : null;
    if (!path) throw new BadFileReferenceError(`not a file reference: ${ref.slice(0, 80)}`);
    return path;
  };
  const exists = (path: string) =>
    stat(path).then(
      () => true,
      () => false,
    );
  return {
    async open(ref) {
      try {
        if (ref.startsWith('store:')) return await store.get(ref.slice(6));
        const path = localPath(ref);
        return (await exists(path)) ? createReadStream(path) : null;
      } catch (err) {
        if (err instanceof StoredFileNotFoundError || err instanceof BadFileReferenceError) return null;
        throw err;
      }
    },
    async write(ref, source) {
      if (ref.startsWith('store:')) {
        const key = ref.slice(6);
        const existed = (await store.stat(key).catch(() => null)) !== null;
        const put = await store.putAt(key, source).catch((err) => {
          throw err instanceof StoredFileNotFoundError ? new BadFileReferenceError(`bad key ${ref}`) : err;
        });
        return { size: put.size, sha256: put.sha256, existed };
      }
      const path = localPath(ref);
      const existed = await exists(path);
      await mkdir(dirname(path), { recursive: true });
      const tmp = `${path}.restore-${process.pid}.tmp`;
      const hash = createHash('sha256');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          hash.update(chunk);
          done(null, chunk);
        },
      });
      try {
        await pipeline(source, meter, createWriteStream(tmp, { mode: 0o640 }));
        await rename(tmp, path);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
      return { size, sha256: hash.digest('hex'), existed };
    },
    async remove(ref) {
      if (ref.startsWith('store:')) await store.delete(ref.slice(6));
      else await rm(localPath(ref), { force: true });
    },
  };
}
