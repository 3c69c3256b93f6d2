import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** The real CLI as a child process (`node server/bin/labline.js …`), for the CLI test files. */
export const BIN = fileURLToPath(new URL('../bin/labline.js', import.meta.url));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the CLI in `cwd` (a temp folder, so no .env of the checkout leaks in). */
export const startCli = (args: string[], cwd: string, env: NodeJS.ProcessEnv): ChildProcess =>
  spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });

/** Runs the CLI to its end and collects what it printed. */
export async function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  const child = startCli(args, cwd, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c) => {
    stdout += c;
  });
  child.stderr?.on('data', (c) => {
    stderr += c;
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/** A fresh, empty labline_cli_* database on the server of `url`; returns its URL. */
export async function createCliDatabase(url: string): Promise<{ name: string; url: string }> {
  const name = `labline_cli_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return { name, url: target.toString() };
}

export async function dropCliDatabases(url: string, names: string[]) {
  if (!names.length) return;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  for (const name of names) await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
