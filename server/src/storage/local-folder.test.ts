import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, storedFiles, uploadDir } from '../../test/factories/documents.ts';
import { FileTooLargeError, StoredFileNotFoundError } from './file-storage.ts';
import { LocalFolderStorage } from './local-folder.ts';

const root = uploadDir();
const storage = new LocalFolderStorage(root);
afterAll(() => removeDir(root));

const read = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/** A stream of `count` chunks of `size` bytes, as an upload arrives. */
const chunked = (count: number, size: number) =>
  Readable.from(Array.from({ length: count }, (_, i) => Buffer.alloc(size, i % 256)));

describe('LocalFolderStorage', () => {
  it('stores a stream under a generated key with its size and SHA-256, and reads it back', async () => {
    const bytes = Buffer.concat(Array.from({ length: 10 }, (_, i) => Buffer.alloc(1000, i)));
    const stored = await storage.put(chunked(10, 1000));
    expect(stored.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(stored.size).toBe(10_000);
    expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect((await read(await storage.get(stored.key))).equals(bytes)).toBe(true);
    expect(await storage.stat(stored.key)).toEqual({ size: 10_000 });
    const part = await read(await storage.get(stored.key, { start: 999, end: 1000 }));
    expect([...part]).toEqual([0, 1]);
  });

  it('stores a buffer too', async () => {
    const stored = await storage.put(Buffer.from('hello'));
    expect((await read(await storage.get(stored.key))).toString()).toBe('hello');
  });

  it('refuses a stream over the limit mid-way and leaves no file, temporary or not', async () => {
    const before = storedFiles(root).length;
    await expect(storage.put(chunked(50, 1024), { maxBytes: 10 * 1024 })).rejects.toBeInstanceOf(
      FileTooLargeError,
    );
    expect(storedFiles(root).length).toBe(before);
  });

  it('deletes, and treats unknown or malformed keys as missing', async () => {
    const stored = await storage.put(Buffer.from('bye'));
    await storage.delete(stored.key);
    expect(await storage.stat(stored.key)).toBeNull();
    await expect(storage.get(stored.key)).rejects.toBeInstanceOf(StoredFileNotFoundError);
    await expect(storage.get('../../etc/passwd')).rejects.toBeInstanceOf(StoredFileNotFoundError);
    expect(await storage.stat('../secret')).toBeNull();
    await storage.delete('../secret'); // no error, and nothing outside the folder is touched
  });

  it('writes under a given key (restore), replacing what was there, and refuses a key it never makes', async () => {
    const first = await storage.put(Buffer.from('first'));
    const again = await storage.putAt(first.key, Buffer.from('second'));
    expect(again).toMatchObject({ key: first.key, size: 6 });
    expect((await read(await storage.get(first.key))).toString()).toBe('second');
    await expect(storage.putAt('../escape', Buffer.from('x'))).rejects.toBeInstanceOf(
      StoredFileNotFoundError,
    );
  });
});
