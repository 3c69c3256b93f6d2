import { describe, expect, it } from 'vitest';
import { HttpError } from '../../lib/errors.ts';
import { HashPool } from '../../lib/passwords.ts';

/** The argon2 pool: real hashes, a concurrency cap and a bounded queue that answers 503 past it. */
describe('HashPool', () => {
  it('hashes with argon2id at 19 MiB, t=2, p=1 and verifies', async () => {
    const pool = new HashPool(2, 4);
    const hash = await pool.hash('correct horse');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await pool.verify(hash, 'correct horse')).toBe(true);
    expect(await pool.verify(hash, 'wrong horse')).toBe(false);
    expect(await pool.verify('not a hash', 'x')).toBe(false);
  });

  it('with concurrency 1 and queue limit 1, a third concurrent hash is 503 with Retry-After', async () => {
    const pool = new HashPool(1, 1);
    const running = pool.hash('first');
    const queued = pool.hash('second');
    expect(pool.stats()).toEqual({ running: 1, queued: 1 });
    const third = pool.hash('third');
    await expect(third).rejects.toBeInstanceOf(HttpError);
    const err = (await third.catch((e) => e)) as HttpError;
    expect(err.status).toBe(503);
    expect(err.extra.headers?.['retry-after']).toBeDefined();
    // the two admitted hashes still complete, and the pool is free again afterwards
    const [a, b] = await Promise.all([running, queued]);
    expect(await pool.verify(a, 'first')).toBe(true);
    expect(await pool.verify(b, 'second')).toBe(true);
    expect(pool.stats()).toEqual({ running: 0, queued: 0 });
  });

  it('admits at most the cap at once and queues the rest until slots free up', async () => {
    const pool = new HashPool(2, 10);
    const work = Array.from({ length: 6 }, (_, i) => pool.hash(`p${i}`));
    expect(pool.stats()).toEqual({ running: 2, queued: 4 });
    const hashes = await Promise.all(work);
    expect(new Set(hashes).size).toBe(6);
    expect(pool.stats()).toEqual({ running: 0, queued: 0 });
  });
});
