/**
 * PDF rendering never blocks the API (issue 5, "What it must show" 4): seeds a project whose
 * approved results fill a report of about 200 pages, starts the real server as a child process,
 * asks for the report and, while the job gathers and renders it, samples `GET /health` every
 * 10 ms from this process. Prints p50 / p99 / max latency of /health at rest and during the
 * render, the report's page count and how long generation took.
 *
 *   npm run bench:pdf -w bench -- --db pglite            # embedded PGlite in a temporary data directory
 *   npm run bench:pdf -w bench -- --db postgres          # database labline_bench_pdf (dropped and recreated)
 *   options: --samples 1500 (3 results each) --port 8547 --pg-url postgres://…
 *
 * Only talks to 127.0.0.1.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../server/src/db/client.ts';
import { ensureAdmin } from '../server/src/lib/bootstrap.ts';
import { HashPool } from '../server/src/lib/passwords.ts';
import { startLabline } from './server.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    samples: { type: 'string', default: '1500' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    port: { type: 'string', default: '8547' },
  },
});
const samples = Number(args.samples);
const base = `http://127.0.0.1:${args.port}`;
const ADMIN = { email: 'bench-admin@labline.local', password: 'bench-password-123' };
const log = (m: string) => console.error(m);

/** One customer, project, method (3 parameters), specification, plan; `samples` samples with 3 approved results each. */
async function seedReportProject(database: Database) {
  const db = database.db;
  await db.execute(sql`
    with c as (
      insert into customers (id, company_name, email) values (gen_random_uuid(), 'Bench Textiles Ltd', 'bench@example.com') returning id
    ), p as (
      insert into projects (id, number, name, customer_id, status) select gen_random_uuid(), 'PRJ-BENCH', 'Two hundred pages', id, 'active' from c returning id, customer_id
    ), m as (
      insert into methods (id, code, title, standard_reference, parameters)
      values (gen_random_uuid(), 'BENCH-TENSILE', 'Tensile properties (strip method)', 'ISO 13934-1:2013',
        '[{"name":"Breaking force","unit":"N","decimals":1},{"name":"Elongation","unit":"%","decimals":1},{"name":"Appearance","kind":"text"}]')
      returning id
    ), s as (
      insert into specifications (id, code, name, limits)
      values (gen_random_uuid(), 'BENCH-SPEC', 'Buyer protocol', '[]') returning id
    ), plan as (
      insert into test_plans (id, project_id, customer_id, method_id, specification_ids, status)
      select gen_random_uuid(), p.id, p.customer_id, m.id, array[s.id], 'completed' from p, m, s returning id
    )
    select 1`);
  await db.execute(sql`
    insert into samples (id, number, project_id, customer_id, description, received_date, condition)
    select gen_random_uuid(), 'SMP-B' || lpad(g::text, 6, '0'), p.id, p.customer_id,
           'Woven cotton twill, roll ' || g, current_date - 30, 'ok'
    from projects p, generate_series(1, ${samples}) g where p.number = 'PRJ-BENCH'`);
  await db.execute(sql`
    insert into test_executions (id, plan_id, sample_id, project_id, customer_id, method_id, status, started_at, completed_at)
    select gen_random_uuid(), tp.id, s.id, s.project_id, s.customer_id, tp.method_id, 'completed', now() - interval '2 days', now() - interval '1 day'
    from samples s join test_plans tp on tp.project_id = s.project_id where s.number like 'SMP-B%'`);
  await db.execute(sql`
    insert into test_results (id, execution_id, plan_id, sample_id, project_id, customer_id, method_id, parameter,
                              value_numeric, value_text, unit, uncertainty, decision_rule, verdicts, overall_verdict, status)
    select gen_random_uuid(), e.id, e.plan_id, e.sample_id, e.project_id, e.customer_id, e.method_id, v.parameter,
           v.num, v.txt, v.unit, v.u, 'simple',
           jsonb_build_array(jsonb_build_object('specification_id', (select id from specifications where code = 'BENCH-SPEC'),
             'verdict', 'pass', 'rule', 'simple', 'limit', null, 'reason', 'within the limits')),
           'pass', 'approved'
    from test_executions e
    cross join (values ('Breaking force', 312.5, null, 'N', 4.2), ('Elongation', 24.8, null, '%', 0.8),
                       ('Appearance', null, 'no change', null, null)) as v(parameter, num, txt, unit, u)
    where e.project_id = (select id from projects where number = 'PRJ-BENCH')`);
}

async function prepare(): Promise<{ env: Record<string, string>; cleanup: () => void }> {
  const seed = async (database: Database) => {
    await database.migrate();
    await ensureAdmin(database.db, new HashPool(1, 10), ADMIN.email, ADMIN.password);
    log(`Seeding ${samples} samples × 3 approved results on ${database.kind}…`);
    await seedReportProject(database);
    await database.close();
  };
  if (args.db === 'postgres') {
    const admin = new pg.Client({ connectionString: args['pg-url'] });
    await admin.connect();
    await admin.query('drop database if exists labline_bench_pdf with (force)');
    await admin.query('create database labline_bench_pdf');
    await admin.end();
    const url = new URL(args['pg-url']!);
    url.pathname = '/labline_bench_pdf';
    await seed(
      openPostgres({ url: url.toString(), poolSize: 2, statementTimeoutMs: 600_000, connectTimeoutMs: 5000 }),
    );
    return { env: { DATABASE_URL: url.toString() }, cleanup: () => {} };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'labline-bench-pdf-'));
  await seed(await openPglite({ dataDir }));
  return { env: { DATA_DIR: dataDir }, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const uploads = mkdtempSync(join(tmpdir(), 'labline-bench-pdf-uploads-'));
  return startLabline(Number(args.port), ADMIN, { UPLOAD_DIR: uploads, ...env });
}

/** Times one GET /health, in ms. */
async function healthOnce() {
  const started = performance.now();
  const res = await fetch(`${base}/health`);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`/health answered ${res.status}`);
  return performance.now() - started;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const summary = (label: string, values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const fast = (100 * values.filter((v) => v <= 50).length) / values.length;
  return `| ${label} | ${values.length} | ${percentile(sorted, 50).toFixed(1)} | ${percentile(sorted, 99).toFixed(1)} | ${sorted.at(-1)!.toFixed(1)} | ${fast.toFixed(1)} % |`;
};

/**
 * The server's own largest event-loop delay since the previous scrape (prom-client resets its
 * histogram on every collect): tells a blocked loop apart from a CPU the machine did not give us.
 */
async function loopLagMaxMs() {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('nodejs_eventloop_lag_max_seconds '));
  return line ? Number(line.split(' ')[1]) * 1000 : Number.NaN;
}

/** Samples /health every 10 ms until `until()` says stop. */
async function sample(until: () => boolean, onSlow?: (ms: number) => void) {
  const values: number[] = [];
  while (!until()) {
    const ms = await healthOnce();
    if (ms > 50) onSlow?.(ms);
    values.push(ms);
    await new Promise((r) => setTimeout(r, 10));
  }
  return values;
}

async function generate(headers: Record<string, string>, projectId: string) {
  await loopLagMaxMs();
  const startedAt = performance.now();
  const created = await fetch(`${base}/api/v1/reports`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ project_id: projectId, title: 'Two hundred pages' }),
  });
  if (created.status !== 201) throw new Error(`report create: ${created.status} ${await created.text()}`);
  const report = (await created.json()) as { id: string };
  let state = { status: 'queued', page_count: 0 as number | null, progress: 0 };
  let polling = true;
  const poller = (async () => {
    while (polling) {
      state = (await (
        await fetch(`${base}/api/v1/reports/${report.id}`, { headers })
      ).json()) as typeof state;
      if (!['queued', 'generating'].includes(state.status)) polling = false;
      else await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const t0 = performance.now();
  const during = await sample(
    () => !polling,
    (ms) =>
      log(
        `  slow /health ${ms.toFixed(0)} ms at +${((performance.now() - t0) / 1000).toFixed(1)} s (${state.status} ${state.progress} %)`,
      ),
  );
  await poller;
  const seconds = (performance.now() - startedAt) / 1000;
  const lag = await loopLagMaxMs();
  if (state.status !== 'draft') throw new Error(`report ended ${state.status}`);
  return { during, seconds, lag, pages: state.page_count };
}

async function main() {
  const prepared = await prepare();
  const server = await startServer(prepared.env);
  try {
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status}`);
    const { access_token: token } = (await login.json()) as { access_token: string };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const projects = (await (await fetch(`${base}/api/v1/projects?q=PRJ-BENCH`, { headers })).json()) as {
      items: { id: string }[];
    };

    await loopLagMaxMs();
    const restStart = performance.now();
    const rest = await sample(() => performance.now() - restStart > 3000);
    const restLag = await loopLagMaxMs();

    const first = await generate(headers, projects.items[0].id);
    const second = await generate(headers, projects.items[0].id);
    console.log(
      `\nReport: ${first.pages} pages, ${samples * 3} results (${args.db}); generated in ${first.seconds.toFixed(1)} s, then again in ${second.seconds.toFixed(1)} s\n`,
    );
    console.log(
      '| GET /health | samples | p50 ms | p99 ms | max ms | ≤ 50 ms | server event-loop delay, max ms |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    console.log(`${summary('at rest (3 s)', rest)} ${restLag.toFixed(1)} |`);
    console.log(
      `${summary('during the first report (cold: PDF worker starting)', first.during)} ${first.lag.toFixed(1)} |`,
    );
    console.log(`${summary('during the second report', second.during)} ${second.lag.toFixed(1)} |`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    prepared.cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
