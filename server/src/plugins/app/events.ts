import { EventEmitter } from 'node:events';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import type pg from 'pg';

/**
 * Invalidation fan-out between API instances: "this session was revoked", "this user changed".
 * Redis pub/sub when REDIS_URL is set, PostgreSQL LISTEN/NOTIFY on PostgreSQL, and in-process
 * only on PGlite (one process owns the data directory). A `reset` message tells subscribers that
 * messages may have been missed (a reconnect), so caches must be dropped whole.
 */
export type BusMessage =
  | { type: 'session.revoked'; sessionId: string }
  | { type: 'user.changed'; userId: string }
  | { type: 'reset' };

export interface EventBus {
  kind: 'local' | 'postgres' | 'redis';
  publish(message: BusMessage): Promise<void>;
  subscribe(handler: (message: BusMessage) => void): void;
  close(): Promise<void>;
}

const CHANNEL = 'labline_events';

class LocalBus implements EventBus {
  kind = 'local' as const;
  protected emitter = new EventEmitter();
  async publish(message: BusMessage) {
    this.emitter.emit('message', message);
  }
  subscribe(handler: (message: BusMessage) => void) {
    this.emitter.on('message', handler);
  }
  deliver(raw: string) {
    try {
      this.emitter.emit('message', JSON.parse(raw) as BusMessage);
    } catch {
      // a malformed message from another instance: ignore it rather than crash
    }
  }
  async close() {
    this.emitter.removeAllListeners();
  }
}

class RedisBus extends LocalBus {
  override kind = 'redis' as unknown as 'local';
  private pub: Redis;
  private sub: Redis;
  constructor(url: string, onError: (err: Error) => void) {
    super();
    this.pub = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
    this.sub = new Redis(url, { lazyConnect: false });
    this.pub.on('error', onError);
    this.sub.on('error', onError);
    let first = true;
    this.sub.on('ready', () => {
      void this.sub.subscribe(CHANNEL);
      if (!first) this.emitter.emit('message', { type: 'reset' });
      first = false;
    });
    this.sub.on('message', (_channel, raw: string) => this.deliver(raw));
  }
  override async publish(message: BusMessage) {
    await this.pub.publish(CHANNEL, JSON.stringify(message));
  }
  override async close() {
    await super.close();
    this.sub.disconnect();
    this.pub.disconnect();
  }
}

class PostgresBus extends LocalBus {
  override kind = 'postgres' as unknown as 'local';
  private client: pg.PoolClient | undefined;
  private closed = false;
  constructor(
    private pool: pg.Pool,
    private onError: (err: Error) => void,
  ) {
    super();
  }
  async start(): Promise<void> {
    if (this.closed) return;
    let client: pg.PoolClient | undefined;
    try {
      client = await this.pool.connect();
      this.client = client;
      const listener = client;
      listener.on('notification', (n) => n.payload && this.deliver(n.payload));
      listener.on('error', (err) => this.drop(listener, err));
      await listener.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      this.drop(client, err as Error);
    }
  }
  /**
   * A broken listening connection can report itself more than once (an `error` event, then the
   * rejected LISTEN, or a second FATAL): only the first report releases it and schedules a new one;
   * releasing a pool client twice throws outside any request.
   */
  private drop(client: pg.PoolClient | undefined, err: Error) {
    if (client && this.client !== client) return;
    this.onError(err);
    this.client = undefined;
    client?.release(true);
    if (this.closed) return;
    this.emitter.emit('message', { type: 'reset' });
    setTimeout(() => void this.start(), 1000).unref();
  }
  override async publish(message: BusMessage) {
    await this.pool.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify(message)]);
  }
  override async close() {
    this.closed = true;
    await super.close();
    const client = this.client;
    this.client = undefined;
    client?.release(true);
  }
}

export default fp(
  async (app) => {
    const onError = (err: Error) => app.log.warn({ err }, 'event bus connection problem');
    let bus: EventBus;
    if (app.config.REDIS_URL) bus = new RedisBus(app.config.REDIS_URL, onError);
    else if (app.database.pool) {
      const pgBus = new PostgresBus(app.database.pool, onError);
      await pgBus.start();
      bus = pgBus;
    } else bus = new LocalBus();
    app.decorate('bus', bus);
    app.addHook('onClose', async () => bus.close());
  },
  { name: 'events', dependencies: ['db'] },
);
