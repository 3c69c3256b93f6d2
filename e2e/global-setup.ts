import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN, BASE_URL, CUSTOMER, PORT, PORTAL_COMPANY, VIEWER } from './env';

const root = fileURLToPath(new URL('..', import.meta.url));

async function waitForReady(server: ChildProcess, log: () => string) {
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}):\n${log()}`);
    try {
      if ((await fetch(`${BASE_URL}/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not become ready:\n${log()}`);
}

async function call(method: string, path: string, token: string | null, body?: unknown) {
  const response = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * Builds the web app if needed, starts a real server on a fresh PGlite in a temp directory, and
 * creates the users the specs sign in as (through the API, as an administrator would).
 */
export default async function globalSetup() {
  const build = spawnSync('node', ['web/scripts/ensure-built.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building the web app failed');

  const dataDir = mkdtempSync(join(tmpdir(), 'labline-e2e-'));
  let output = '';
  const server = spawn('node', ['server/bin/labline.js', 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      UPLOAD_DIR: join(dataDir, 'uploads'),
      DATABASE_URL: '',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      ACCESS_TOKEN_EXPIRE_MINUTES: '0.05',
      REQUIRE_EMAIL_VERIFICATION: 'false',
      AUTH_RATE_LIMIT: '10000',
      LOG_LEVEL: 'warn',
      SMTP_URL: '',
      SEED_DEMO: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d) => (output += d));
  server.stderr?.on('data', (d) => (output += d));
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForReady(server, () => output);
    const { access_token: token } = await call('POST', '/api/v1/auth/login', null, {
      email: ADMIN.email,
      password: ADMIN.password,
    });
    await call('PATCH', '/api/v1/users/me', token, {
      full_name: ADMIN.name,
      current_password: ADMIN.password,
    });
    const company = await call('POST', '/api/v1/customers', token, {
      company_name: PORTAL_COMPANY,
      email: 'orders@portal-textiles.test',
      contact_person: 'Cora Customer',
      contacts: [{ name: 'Cora Customer', email: CUSTOMER.email, role: 'Buyer' }],
    });
    await call('POST', '/api/v1/users', token, {
      email: VIEWER.email,
      full_name: VIEWER.name,
      role: 'viewer',
      password: VIEWER.password,
    });
    await call('POST', '/api/v1/users', token, {
      email: CUSTOMER.email,
      full_name: CUSTOMER.name,
      role: 'customer',
      customer_id: company.id,
      password: CUSTOMER.password,
    });
    await call('POST', '/api/v1/auth/logout', token);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
