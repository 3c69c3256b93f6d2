import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { App } from '../../types.ts';

/**
 * Where report and certificate PDFs are kept. When the app has the shared file storage
 * (`app.storage`, server/src/storage) the bytes go there (`store:<key>`); otherwise under
 * UPLOAD_DIR/reports/ (`local:<name>`). The prefix keeps files written either way readable after
 * switching. Keys are generated here, never from a client's input.
 */
export interface StoredPdf {
  key: string;
  sha256: string;
  size: number;
}

interface SharedStorage {
  put(source: Uint8Array): Promise<{ key: string; size: number; sha256: string }>;
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
}

const shared = (app: App): SharedStorage | undefined =>
  (app as unknown as { storage?: SharedStorage }).storage;

const localDir = (app: App) => join(app.config.uploadDir, 'reports');
const LOCAL_NAME = /^[a-f0-9]{32}\.(pdf|json)$/;

/**
 * Where a `local:<name>` file lives under an upload folder, or null when the name is not one this
 * module writes (so a key from a database row or a backup never becomes an arbitrary path).
 */
export const localFilePath = (uploadDir: string, name: string): string | null =>
  LOCAL_NAME.test(name) ? join(uploadDir, 'reports', name) : null;

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export const storePdf = (app: App, bytes: Uint8Array) => storeFile(app, bytes, 'pdf');

/** Stores bytes (a PDF, or a report's gathered content as JSON) and returns the key. */
export async function storeFile(app: App, bytes: Uint8Array, ext: 'pdf' | 'json'): Promise<StoredPdf> {
  const store = shared(app);
  if (store) {
    const put = await store.put(bytes);
    return { key: `store:${put.key}`, sha256: put.sha256, size: put.size };
  }
  const dir = localDir(app);
  await mkdir(dir, { recursive: true });
  const name = `${randomBytes(16).toString('hex')}.${ext}`;
  // written under a temporary name and renamed: a reader never sees half a file
  const tmp = join(dir, `.${name}.tmp`);
  await writeFile(tmp, bytes);
  await rename(tmp, join(dir, name));
  return { key: `local:${name}`, sha256: sha256Of(bytes), size: bytes.byteLength };
}

export async function openPdf(app: App, key: string): Promise<Readable> {
  if (key.startsWith('store:')) {
    const store = shared(app);
    if (!store) throw new Error('the file storage is not configured');
    return store.get(key.slice(6));
  }
  const path = key.startsWith('local:') ? localFilePath(app.config.uploadDir, key.slice(6)) : null;
  if (!path) throw new Error(`bad pdf key ${key}`);
  await stat(path); // a missing file is an error here, not a half-sent response
  return createReadStream(path);
}

/** Reads a stored file whole (small files only: a report's content). */
export async function readFileBytes(app: App, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await openPdf(app, key)) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Removes a file that did not make it into a committed record; a missing one is fine. */
export async function deletePdf(app: App, key: string | null | undefined): Promise<void> {
  if (!key) return;
  try {
    if (key.startsWith('store:')) await shared(app)?.delete(key.slice(6));
    else if (key.startsWith('local:')) {
      const path = localFilePath(app.config.uploadDir, key.slice(6));
      if (path) await rm(path, { force: true });
    }
  } catch (err) {
    app.log.warn({ err, key }, 'could not remove an unused pdf');
  }
}

/** Number of pages of a PDF pdfkit wrote (one `/Type /Page` object per page). */
export const pageCount = (bytes: Uint8Array) =>
  (
    Buffer.from(bytes)
      .toString('latin1')
      .match(/\/Type\s*\/Page(?![s])/g) ?? []
  ).length;

/** An unguessable code for the public verification URL (128 bits, URL-safe). */
export const newVerifyCode = () => randomBytes(16).toString('base64url');

/** The public verification page of a code, as printed in the QR code. */
export function verifyUrl(app: App, code: string) {
  const base = (app.config.PUBLIC_URL || `http://localhost:${app.config.PORT}`).replace(/\/+$/, '');
  return `${base}/verify/${code}`;
}
