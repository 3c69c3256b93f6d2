#!/usr/bin/env node
// Builds the web app when web/dist is missing or older than its sources, so `npm start` on a fresh
// clone (or after a pull) serves the current app without a separate build step.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(web, 'dist', 'index.html');
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const sources = Math.max(...SOURCES.map((s) => newest(join(web, s))));
if (built && built >= sources) process.exit(0);

if (
  !existsSync(join(web, 'node_modules', '.bin', 'vite')) &&
  !existsSync(join(web, '..', 'node_modules', '.bin', 'vite'))
) {
  if (built) {
    console.warn(
      'web: sources are newer than web/dist, but Vite is not installed (npm install); serving the old build',
    );
    process.exit(0);
  }
  console.error('web: web/dist is missing and Vite is not installed: run `npm install` first');
  process.exit(1);
}
console.log(
  built ? 'web: sources changed, rebuilding the web app…' : 'web: building the web app (first start)…',
);
const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: web, stdio: 'inherit' });
process.exit(result.status ?? 1);
