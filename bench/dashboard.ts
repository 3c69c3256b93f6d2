/**
 * Dashboard benchmark: seeds a year of lab work scaled to N results (`seed-year.ts`) in its own
 * database, starts the real server as a child process and measures the dashboard endpoints with
 * autocannon (p50, p99, req/s).
 *
 *   npm run bench:dashboard -w bench -- --db postgres [--results 1000000] [--connections 1] [--duration 10]
 *   npm run bench:dashboard -w bench -- --db pglite --results 100000
 *   options: --reuse (PostgreSQL: keep the seeded labline_bench_dashboard database from a previous run)
 *
 * PostgreSQL uses the database `labline_bench_dashboard` (dropped and recreated unless --reuse);
 * PGlite a temporary data directory. Only talks to 127.0.0.1.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../server/src/db/client.ts';
import { ensureAdmin } from '../server/src/lib/bootstrap.ts';
import { HashPool } from '../server/src/lib/passwords.ts';
import { seedYear } from './seed-year.ts';
import { startLabline } from './server.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgres' },
    results: { type: 'string', default: '1000000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '1' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    port: { type: 'string', default: '8546' },
    reuse: { type: 'boolean', default: false },
  },
});
const results = Number(args.results);
const duration = Number(args.duration);
const connections = Number(args.connections);
const base = `http://127.0.0.1:${args.port}`;
const ADMIN = { email: 'bench-admin@labline.local', password: 'bench-password-123' };
const log = (m: string) => console.error(m);

/** The bench users make the users table non-empty, so the first-start admin must exist first. */
async function seed(database: Database) {
  await database.migrate();
  const passwords = new HashPool(1, 10);
  await ensureAdmin(database.db, passwords, ADMIN.email, ADMIN.password);
  log(`Seeding a year at ${results} results on ${database.kind}…`);
  await seedYear(database, { results, log });
  await database.close();
}

async function prepare(): Promise<{ env: Record<string, string>; cleanup: () => void }> {
  if (args.db === 'postgres') {
    const url = new URL(args['pg-url']!);
    url.pathname = '/labline_bench_dashboard';
    if (!args.reuse) {
      const admin = new pg.Client({ connectionString: args['pg-url'] });
      await admin.connect();
      await admin.query('drop database if exists labline_bench_dashboard with (force)');
      await admin.query('create database labline_bench_dashboard');
      await admin.end();
      // one connection: the seeder's temporary tables live in its session
      const database = openPostgres({
        url: url.toString(),
        poolSize: 1,
        statementTimeoutMs: 3_600_000,
        connectTimeoutMs: 5000,
      });
      await seed(database);
    }
    return { env: { DATABASE_URL: url.toString() }, cleanup: () => {} };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'labline-bench-dashboard-'));
  const database = await openPglite({ dataDir });
  await seed(database);
  return { env: { DATA_DIR: dataDir }, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

function startServer(env: Record<string, string>): Promise<ChildProcess> {
  return startLabline(Number(args.port), ADMIN, { AUTH_RATE_LIMIT: '100000000', ...env });
}

async function main() {
  const prepared = await prepare();
  const server = await startServer(prepared.env);
  const rows: string[] = [];
  try {
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status}`);
    const { access_token: token } = (await login.json()) as { access_token: string };
    const headers = { authorization: `Bearer ${token}` };
    const get = async (path: string) => {
      const res = await fetch(`${base}${path}`, { headers });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const year = `from=${new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10)}`;
    const all = await get(`/api/v1/dashboard/analytics?${year}`);
    const series = all.series as Record<string, { id: string }[]>;
    const busiest = series.pass_fail_by_customer[0].id;
    const method = series.pass_fail_by_method[0].id;
    const summary = await get(`/api/v1/dashboard/summary?${year}`);
    log(`Year: ${JSON.stringify(summary.results)}`);

    const scenarios: [string, string][] = [
      ['summary, default period (91 days)', '/api/v1/dashboard/summary'],
      ['analytics, default period (91 days)', '/api/v1/dashboard/analytics'],
      ['summary, full year', `/api/v1/dashboard/summary?${year}`],
      ['analytics, full year', `/api/v1/dashboard/analytics?${year}`],
      [
        'analytics, full year, busiest customer',
        `/api/v1/dashboard/analytics?${year}&customer_id=${busiest}`,
      ],
      ['analytics, full year, one method', `/api/v1/dashboard/analytics?${year}&method_id=${method}`],
      ['/analytics?metric=tat_by_method, full year', `/api/v1/analytics?metric=tat_by_method&${year}`],
    ];
    for (const [name, path] of scenarios) {
      await autocannon({ url: `${base}${path}`, headers, duration: 2, connections }); // warm-up
      const r = await autocannon({ url: `${base}${path}`, headers, duration, connections });
      const row = `| ${name} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx + r.errors} |`;
      log(row);
      rows.push(row);
    }
  } finally {
    server.kill('SIGTERM');
    prepared.cleanup();
  }
  console.log(`\n${args.db}, ${results} results, ${connections} connection(s), ${duration} s per scenario\n`);
  console.log('| scenario | req/s | p50 ms | p99 ms | non-2xx |\n|---|---:|---:|---:|---:|');
  console.log(rows.join('\n'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
