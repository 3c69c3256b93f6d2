/**
 * Durability proof: no acknowledged write is lost when the server is killed under load.
 *
 *   npm run crash-test -w server                      # embedded PGlite in a temp DATA_DIR
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/labline_crash npm run crash-test -w server
 *
 * Starts the real server as a child process, signs in as the admin it creates from
 * ADMIN_EMAIL/ADMIN_PASSWORD, fires customer creates with bounded concurrency, SIGKILLs the server
 * while requests are in flight, restarts it on the same data and reads back every create that was
 * answered 201. Exits 1 on any loss, 2 on any other failure; gives up by itself after 60 s. Talks
 * only to 127.0.0.1; on PostgreSQL it creates the named database and drops it at the end.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from './free-port.ts';

const LOAD_MS = 4000;
const CONCURRENCY = 16;
const GIVE_UP_MS = 60_000;
const BIN = fileURLToPath(new URL('../bin/labline.js', import.meta.url));
const ADMIN = { email: 'crash-admin@labline.local', password: 'crash-test-password-1' };

const databaseUrl = process.env.DATABASE_URL ?? '';
const dataDir = mkdtempSync(join(tmpdir(), 'labline-crash-'));
let server: ChildProcess | undefined;
let output = '';

function log(message: string) {
  process.stdout.write(`${message}\n`);
}

/** The test database on the local PostgreSQL: only 127.0.0.1, created fresh, dropped at the end. */
function adminUrl(): { admin: string; name: string } {
  const url = new URL(databaseUrl);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error(`crash-test only talks to a local PostgreSQL (got ${url.hostname})`);
  }
  const name = url.pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected database name "${name}"`);
  url.pathname = '/postgres';
  return { admin: url.toString(), name };
}

async function onAdminDb(statement: string) {
  const client = new pg.Client({ connectionString: adminUrl().admin });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function startServer(port: number): ChildProcess {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      UPLOAD_DIR: join(dataDir, 'uploads'),
      DATABASE_URL: databaseUrl,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SECRET_KEY: 'crash-test-secret-key-0123456789abcdef',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      REDIS_URL: '',
      SMTP_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return child;
}

async function waitReady(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 40_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become ready within 40 s');
}

async function login(base: string): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const { access_token } = (await res.json()) as { access_token: string };
  return { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' };
}

interface Load {
  acknowledged: string[];
  refused: number;
  failed: number;
}

/** Creates customers from CONCURRENCY workers until `stop` resolves; remembers every 201. */
async function fireCreates(base: string, headers: Record<string, string>, stop: { now: boolean }) {
  const load: Load = { acknowledged: [], refused: 0, failed: 0 };
  let n = 0;
  const worker = async () => {
    while (!stop.now) {
      const i = n++;
      try {
        const res = await fetch(`${base}/api/v1/customers`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ company_name: `Crash Test ${i}`, email: `crash-${i}@example.test` }),
        });
        const body = (await res.json()) as { id?: string };
        if (res.status === 201 && body.id) load.acknowledged.push(body.id);
        else load.refused++;
      } catch {
        load.failed++; // the connection died with the server: not acknowledged
      }
    }
  };
  return { load, done: Promise.all(Array.from({ length: CONCURRENCY }, worker)) };
}

async function countReadable(base: string, headers: Record<string, string>, ids: string[]) {
  const missing: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++];
      const res = await fetch(`${base}/api/v1/customers/${id}`, { headers });
      await res.arrayBuffer();
      if (res.status !== 200) missing.push(`${id} (${res.status})`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return missing;
}

async function stopServer(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await once(child, 'exit');
  clearTimeout(timer);
}

async function main(): Promise<number> {
  const kind = databaseUrl ? `PostgreSQL (${adminUrl().name})` : 'PGlite';
  if (databaseUrl) {
    await onAdminDb(`drop database if exists ${adminUrl().name} with (force)`);
    await onAdminDb(`create database ${adminUrl().name}`);
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  log(`crash-test on ${kind}, server on ${base}, data in ${dataDir}`);

  server = startServer(port);
  await waitReady(base, server);
  const stop = { now: false };
  const { load, done } = await fireCreates(base, await login(base), stop);
  await new Promise((r) => setTimeout(r, LOAD_MS));
  const exited = once(server, 'exit');
  stop.now = true; // no new requests; the ones in flight are cut off by the kill
  server.kill('SIGKILL'); // some of their commits happen but are never answered
  await exited;
  await done;
  const acknowledged = [...load.acknowledged];
  log(
    `SIGKILL after ${LOAD_MS} ms: ${acknowledged.length} creates acknowledged (201), ${load.refused} refused, ${load.failed} cut off`,
  );

  const restartedAt = Date.now();
  server = startServer(port);
  await waitReady(base, server);
  log(`restarted on the same data in ${((Date.now() - restartedAt) / 1000).toFixed(1)} s`);
  const headers = await login(base);
  const missing = await countReadable(base, headers, acknowledged);
  const list = await fetch(`${base}/api/v1/customers?limit=1`, { headers });
  const { total } = (await list.json()) as { total: number };
  await stopServer(server);

  log(
    `${acknowledged.length} acknowledged writes, ${acknowledged.length - missing.length} readable after SIGKILL` +
      ` (${total} customers stored: ${total - (acknowledged.length - missing.length)} committed but never answered)`,
  );
  if (acknowledged.length === 0) {
    log('FAIL: no write was acknowledged before the kill, nothing was proven');
    return 2;
  }
  if (missing.length) {
    log(`FAIL: ${missing.length} acknowledged writes lost: ${missing.slice(0, 10).join(', ')}`);
    return 1;
  }
  log('OK: no acknowledged write was lost');
  return 0;
}

async function cleanup() {
  await stopServer(server).catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
  if (databaseUrl) await onAdminDb(`drop database if exists ${adminUrl().name} with (force)`).catch(() => {});
}

const giveUp = setTimeout(async () => {
  log(`FAIL: gave up after ${GIVE_UP_MS / 1000} s\n--- server output ---\n${output}`);
  server?.kill('SIGKILL');
  await cleanup();
  process.exit(2);
}, GIVE_UP_MS);

main()
  .catch((err) => {
    log(`FAIL: ${err instanceof Error ? err.message : String(err)}\n--- server output ---\n${output}`);
    return 2;
  })
  .then(async (code) => {
    clearTimeout(giveUp);
    await cleanup();
    process.exit(code);
  });
