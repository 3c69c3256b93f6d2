import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Starts the real server (`labline serve`, NODE_ENV=production) on 127.0.0.1:`port` with the
 * bench's secret and administrator, plus `env`, and resolves once `/ready` answers.
 */
export async function startLabline(
  port: number,
  admin: { email: string; password: string },
  env: Record<string, string>,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(here, '../server/bin/labline.js'), 'serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      SECRET_KEY: 'bench-secret-key-0123456789abcdefghijklmnopqrstuvwxyz',
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/ready`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGKILL');
  throw new Error('server did not become ready');
}
