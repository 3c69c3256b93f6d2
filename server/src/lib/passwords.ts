import { Algorithm, hash, verify } from '@node-rs/argon2';
import { serviceUnavailable } from './errors.ts';

/**
 * argon2id at OWASP's first recommendation (19 MiB, t=2, p=1). Hashing runs on libuv's thread
 * pool, off the event loop; a semaphore caps concurrent hashes near the core count so a burst of
 * logins cannot starve every other request, and a bounded queue answers 503 past its limit.
 */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export class HashPool {
  private running = 0;
  private queue: (() => void)[] = [];
  constructor(
    readonly concurrency: number,
    readonly queueLimit: number,
  ) {}

  private async slot<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.queue.length >= this.queueLimit)
        throw serviceUnavailable('Too many sign-ins at once; retry shortly', 2);
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else this.running++;
    try {
      return await work();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.running--;
    }
  }

  hash(password: string): Promise<string> {
    return this.slot(() => hash(password, OPTIONS));
  }

  verify(passwordHash: string, password: string): Promise<boolean> {
    return this.slot(() => verify(passwordHash, password).catch(() => false));
  }

  stats() {
    return { running: this.running, queued: this.queue.length };
  }
}

/** A real hash of a random password: unknown emails are verified against it so they take as long. */
export const DUMMY_HASH_PASSWORD = 'labline-timing-equaliser';

export const PASSWORD_RULES = { minLength: 8, maxLength: 128 } as const;
