/**
 * Labline load benchmark. Seeds customers, starts the real server as a child process (as a user
 * would run it), and measures the hot endpoints with autocannon: req/s, p50, p99 and the server's
 * peak RSS. On PostgreSQL it also measures a bare Fastify + pg baseline doing the same queries.
 *
 *   npm run bench -w bench -- --db pglite|postgres [--rows 100000] [--duration 10] [--connections 20]
 *                                [--only <scenario text>]
 *
 * Only talks to 127.0.0.1; every run is bounded by --duration per scenario.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { openPglite, openPostgres } from '../server/src/db/client.ts';
import { startBaseline } from './baseline.ts';
import { seedCustomers } from './seed.ts';
import { seedBigProject } from './seed-lab.ts';
import { startLabline } from './server.ts';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    rows: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    port: { type: 'string', default: '8510' },
    // run only the scenarios whose name contains this text (e.g. --only project --connections 1)
    only: { type: 'string', default: '' },
  },
});
const rows = Number(args.rows);
const duration = Number(args.duration);
const connections = Number(args.connections);
const port = Number(args.port);
const base = `http://127.0.0.1:${port}`;
const ADMIN = { email: 'bench-admin@labline.local', password: 'bench-password-123' };

interface Figure {
  scenario: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

let bigProjectId = '';

async function prepareDatabase(): Promise<{
  env: Record<string, string>;
  baselineUrl?: string;
  cleanup: () => Promise<void>;
}> {
  if (args.db === 'postgres') {
    const admin = new pg.Client({ connectionString: args['pg-url'] });
    await admin.connect();
    await admin.query('drop database if exists labline_bench with (force)');
    await admin.query('create database labline_bench');
    await admin.end();
    const url = new URL(args['pg-url']!);
    url.pathname = '/labline_bench';
    const database = openPostgres({
      url: url.toString(),
      poolSize: 4,
      statementTimeoutMs: 600_000,
      connectTimeoutMs: 5000,
    });
    await database.migrate();
    await seedCustomers(database, rows);
    bigProjectId = await seedBigProject(database);
    await database.close();
    return { env: { DATABASE_URL: url.toString() }, baselineUrl: url.toString(), cleanup: async () => {} };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'labline-bench-'));
  const database = await openPglite({ dataDir });
  await database.migrate();
  await seedCustomers(database, rows);
  bigProjectId = await seedBigProject(database);
  await database.close();
  return {
    env: { DATA_DIR: dataDir },
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

function startServer(env: Record<string, string>): Promise<ChildProcess> {
  return startLabline(port, ADMIN, {
    AUTH_RATE_LIMIT: '100000000',
    LOG_LEVEL: 'info',
    MAX_SESSIONS: '100',
    ...env,
  });
}

async function login(): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function measure(scenario: string, opts: autocannon.Options): Promise<Figure | null> {
  if (args.only && !scenario.includes(args.only)) return null;
  await autocannon({ ...opts, duration: 2, connections }); // warm-up: JIT, caches, pool
  const result = await autocannon({ ...opts, duration, connections });
  const figure = {
    scenario,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
  console.error(
    `  ${scenario}: ${figure.rps} req/s, p50 ${figure.p50} ms, p99 ${figure.p99} ms, non-2xx ${figure.non2xx}`,
  );
  return figure;
}

const peakRssMb = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
};

async function main() {
  console.error(`Seeding ${rows} customers on ${args.db}…`);
  const prepared = await prepareDatabase();
  const server = await startServer(prepared.env);
  const measured: (Figure | null)[] = [];
  const figures = { push: (f: Figure | null) => measured.push(f) };
  try {
    const token = await login();
    const auth = { authorization: `Bearer ${token}` };
    const first = (await (await fetch(`${base}/api/v1/customers?limit=20`, { headers: auth })).json()) as {
      items: { id: string }[];
    };
    const someId = first.items[5].id;
    // The cursor after row 50,000: one OFFSET query to find it, then every deep page is keyset.
    const deep = (await (
      await fetch(`${base}/api/v1/customers?limit=20&skip=${Math.floor(rows / 2)}`, { headers: auth })
    ).json()) as { next_cursor: string };

    figures.push(
      await measure('customers list, first page', {
        url: `${base}/api/v1/customers?limit=20`,
        headers: auth,
      }),
    );
    figures.push(
      await measure(`customers list, deep page (cursor after row ${Math.floor(rows / 2)})`, {
        url: `${base}/api/v1/customers?limit=20&cursor=${deep.next_cursor}`,
        headers: auth,
      }),
    );
    figures.push(
      await measure(`customers list, deep page (skip=${Math.floor(rows / 2)})`, {
        url: `${base}/api/v1/customers?limit=20&skip=${Math.floor(rows / 2)}`,
        headers: auth,
      }),
    );
    figures.push(
      await measure('customer get by id', { url: `${base}/api/v1/customers/${someId}`, headers: auth }),
    );
    let n = 0;
    figures.push(
      await measure('customer create', {
        url: `${base}/api/v1/customers`,
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (req) => ({
              ...req,
              body: JSON.stringify({
                company_name: `Load ${process.pid}-${n}`,
                email: `load-${process.pid}-${n++}@example.test`,
              }),
            }),
          },
        ],
      }),
    );
    // The lab screens on a project with 500 samples and 5,000 results (issue 4's budget: p50 < 50 ms).
    figures.push(
      await measure('project overview (500 samples, 5,000 results)', {
        url: `${base}/api/v1/projects/${bigProjectId}/overview`,
        headers: auth,
      }),
    );
    figures.push(
      await measure('project results grid (500 samples × 10 parameters)', {
        url: `${base}/api/v1/projects/${bigProjectId}/results-grid`,
        headers: auth,
      }),
    );
    // Last: every login opens a session, and MAX_SESSIONS would end the one the scenarios above use.
    figures.push(
      await measure('login (argon2id)', {
        url: `${base}/api/v1/auth/login`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ADMIN),
      }),
    );
    const rss = peakRssMb(server.pid!);
    let baseline: (Figure | null)[] = [];
    if (prepared.baselineUrl && !args.only) {
      const bare = await startBaseline(prepared.baselineUrl, port + 1);
      baseline = [
        await measure('baseline: bare Fastify + pg, list first page', { url: `${bare.url}/customers` }),
        await measure('baseline: bare Fastify + pg, get by id', { url: `${bare.url}/customers/${someId}` }),
      ];
      await bare.close();
    }
    const report = {
      db: args.db,
      rows,
      duration,
      connections,
      at: new Date().toISOString(),
      node: process.version,
      peak_rss_mb: rss,
      figures: [...measured, ...baseline].filter((f): f is Figure => f !== null),
    };
    mkdirSync(join(here, 'results'), { recursive: true });
    writeFileSync(join(here, 'results', `${args.db}.json`), JSON.stringify(report, null, 2));
    console.log(
      `\n### ${args.db} — ${rows.toLocaleString('en')} customers, ${connections} connections, ${duration} s per scenario\n`,
    );
    console.log('| scenario | req/s | p50 ms | p99 ms | non-2xx |');
    console.log('|---|---:|---:|---:|---:|');
    for (const f of report.figures)
      console.log(`| ${f.scenario} | ${f.rps} | ${f.p50} | ${f.p99} | ${f.non2xx} |`);
    console.log(`\nServer peak RSS: ${rss} MB`);
    const [list, getById] = [measured[0], measured[3]];
    if (list && getById && baseline[0] && baseline[1]) {
      const ratio = (a: number, b: number) => (a / b).toFixed(2);
      console.log(
        `Ratio to the bare baseline: list ${ratio(list.rps, baseline[0].rps)}, get by id ${ratio(getById.rps, baseline[1].rps)}`,
      );
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await prepared.cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
