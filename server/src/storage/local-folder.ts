import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  type ByteRange,
  type FileStorage,
  FileTooLargeError,
  type PutOptions,
  type StoredFile,
  StoredFileNotFoundError,
} from './file-storage.ts';

/** Keys are UUIDs we generated; anything else is refused before it comes near a path. */
const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Files in a folder (UPLOAD_DIR). A write goes to `.tmp/` first and is renamed into place only
 * when complete and flushed, so a crash or a refused upload never leaves a half file under a key.
 * Objects are spread over 256 sub-folders by the key's first two hex digits.
 */
export class LocalFolderStorage implements FileStorage {
  private ready: Promise<void> | undefined;

  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new StoredFileNotFoundError(key);
    return join(this.root, key.slice(0, 2), key);
  }

  private ensureTmp(): Promise<void> {
    this.ready ??= mkdir(join(this.root, '.tmp'), { recursive: true }).then(() => undefined);
    return this.ready;
  }

  put(source: Readable | Uint8Array, options: PutOptions = {}): Promise<StoredFile> {
    return this.write(randomUUID(), source, options);
  }

  putAt(key: string, source: Readable | Uint8Array): Promise<StoredFile> {
    if (!KEY.test(key)) return Promise.reject(new StoredFileNotFoundError(key));
    return this.write(key, source, {});
  }

  private async write(key: string, source: Readable | Uint8Array, options: PutOptions): Promise<StoredFile> {
    await this.ensureTmp();
    const tmp = join(this.root, '.tmp', `${key}.${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const limit = options.maxBytes;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (limit !== undefined && size > limit) return done(new FileTooLargeError(limit));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const input = source instanceof Uint8Array ? Readable.from([Buffer.from(source)]) : source;
    // The source is piped by hand rather than put into the pipeline: on a refusal it must be
    // drained, not destroyed, or a multipart parser upstream would wait forever for it to be read.
    const onSourceError = (err: Error) => meter.destroy(err);
    input.on('error', onSourceError);
    input.pipe(meter);
    try {
      await pipeline(meter, createWriteStream(tmp, { flags: 'wx', mode: 0o640 }));
      const handle = await open(tmp, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      const target = this.pathOf(key);
      await mkdir(join(this.root, key.slice(0, 2)), { recursive: true });
      await rename(tmp, target);
      return { key, size, sha256: hash.digest('hex') };
    } catch (err) {
      input.unpipe(meter);
      input.resume();
      await rm(tmp, { force: true });
      throw err;
    } finally {
      input.off('error', onSourceError);
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.pathOf(key);
    // Open first, so a missing file is an error here and not later in the middle of a response.
    const handle = await open(path, 'r').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') throw new StoredFileNotFoundError(key);
      throw err;
    });
    return handle.createReadStream({ start: range?.start, end: range?.end });
  }

  async stat(key: string): Promise<{ size: number } | null> {
    try {
      const info = await stat(this.pathOf(key));
      return { size: info.size };
    } catch (err) {
      if (err instanceof StoredFileNotFoundError || (err as NodeJS.ErrnoException).code === 'ENOENT')
        return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    if (!KEY.test(key)) return;
    await rm(this.pathOf(key), { force: true });
  }
}
