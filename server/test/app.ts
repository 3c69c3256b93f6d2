import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { type Database, openPglite, openPostgres } from '../src/db/client.ts';
import type { App } from '../src/types.ts';

/**
 * A fresh database per test file, cloned from the migrated template: PGlite in memory by
 * default, a copy of the template database on PostgreSQL when TEST_DATABASE_URL is set.
 */
export async function openTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `labline_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    // CREATE DATABASE … TEMPLATE needs the template to have no other connections; retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
        break;
      } catch (err) {
        if (attempt > 20) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    await admin.end();
    const target = new URL(url);
    target.pathname = `/${name}`;
    const database = openPostgres({
      url: target.toString(),
      poolSize: 10,
      statementTimeoutMs: 30_000,
      connectTimeoutMs: 5000,
    });
    const close = database.close;
    database.close = async () => {
      await close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`).catch(() => {});
      await cleanup.end();
    };
    return database;
  }
  const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
  return openPglite({ loadDataDir: template });
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' }, {
    REQUIRE_EMAIL_VERIFICATION: true,
    // Load shedding and auth rate limits off by default (every inject comes from 127.0.0.1, and a
    // busy CI machine must not turn requests into 503s); the tests of those features turn them on.
    MAX_EVENT_LOOP_DELAY_MS: 0,
    AUTH_RATE_LIMIT: 10_000,
    ...overrides,
  } as Partial<Config>);
}

export interface TestApp {
  app: App;
  database: Database;
  config: Config;
  close(): Promise<void>;
}

/** Builds the real app on a fresh database. Call `close()` in afterAll. */
export async function createTestApp(overrides: Partial<Config> = {}, database?: Database): Promise<TestApp> {
  const config = testConfig(overrides);
  const db = database ?? (await openTestDatabase());
  const app = await buildApp({ config, database: db, migrate: false });
  await app.ready();
  return {
    app,
    database: db,
    config,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
