import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCreateUserArgs } from '../src/cli/create-user.ts';
import { UsageError } from '../src/cli/errors.ts';
import { createCliDatabase, dropCliDatabases, runCli } from './cli-support.ts';

/**
 * `labline create-user` checks its arguments with the rules of `POST /users` before anything is
 * written: a typo is a one-line message (exit 64), a taken address or an unknown customer exit 1,
 * and no run prints SQL, a stack or a password hash. The database runs use the real CLI as a child
 * process, on PGlite or on a fresh labline_cli_* database when TEST_DATABASE_URL is set.
 */
const SLOW = { timeout: 240_000 };
const pgUrl = process.env.TEST_DATABASE_URL;
const root = mkdtempSync(join(tmpdir(), 'labline-cli-user-'));
let databaseUrl = '';
let databaseName = '';

const PASSWORD = 'a-good-password';
const base = ['--email', 'someone@cli.test', '--password', PASSWORD];

const cli = (args: string[]) =>
  runCli(['create-user', ...args], root, {
    PATH: process.env.PATH,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATA_DIR: join(root, 'data'),
    UPLOAD_DIR: join(root, 'data', 'uploads'),
    DATABASE_URL: databaseUrl,
    SECRET_KEY: 'cli-user-test-secret-0123456789abcdef',
  });

beforeAll(async () => {
  if (!pgUrl) return;
  ({ name: databaseName, url: databaseUrl } = await createCliDatabase(pgUrl));
});

afterAll(async () => {
  if (pgUrl && databaseName) await dropCliDatabases(pgUrl, [databaseName]);
  rmSync(root, { recursive: true, force: true });
});

describe('create-user arguments', () => {
  const refused = (args: string[]) => {
    try {
      parseCreateUserArgs(args);
    } catch (err) {
      expect(err).toBeInstanceOf(UsageError);
      return (err as Error).message;
    }
    throw new Error(`accepted ${args.join(' ')}`);
  };

  it('accepts the rules of POST /users, trimming the address', () => {
    expect(parseCreateUserArgs([...base, '--role', 'engineer', '--name', 'Eve'])).toMatchObject({
      email: 'someone@cli.test',
      role: 'engineer',
      name: 'Eve',
    });
    const id = '01900000-0000-7000-8000-000000000000';
    expect(
      parseCreateUserArgs([
        '--email',
        ' c@cli.test ',
        '--password',
        PASSWORD,
        '--role',
        'customer',
        '--customer-id',
        id,
      ]),
    ).toMatchObject({ email: 'c@cli.test', role: 'customer', 'customer-id': id });
  });

  it('names the bad option: role, e-mail, password length, customer binding, unknown options', () => {
    expect(refused([...base, '--role', 'wizard'])).toContain(
      '--role must be one of admin, manager, engineer, auditor, viewer, customer',
    );
    expect(refused(['--email', 'not-an-address', '--password', PASSWORD])).toContain('--email');
    expect(refused(['--email', 'a@cli.test', '--password', 'short'])).toContain('--password');
    expect(refused(['--email', 'a@cli.test', '--password', 'x'.repeat(129)])).toContain('--password');
    expect(refused([...base, '--role', 'customer'])).toContain('needs --customer-id');
    expect(refused([...base, '--role', 'customer', '--customer-id', 'garbage'])).toContain('--customer-id');
    expect(refused([...base, '--customer-id', '01900000-0000-7000-8000-000000000000'])).toContain(
      'only for the customer role',
    );
    expect(refused([...base, '--rol', 'admin'])).toContain("Unknown option '--rol'");
    expect(refused(['--email', 'a@cli.test'])).toContain('needs --email and --password');
  });
});

describe('create-user on a database', SLOW, () => {
  const noLeak = (output: string) => {
    expect(output).not.toMatch(/insert into|\$argon2|at async|Failed query/i);
  };

  it('creates once; a taken address, an unknown customer and a bad role change nothing and leak nothing', async () => {
    const created = await cli([...base, '--role', 'manager']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^Created manager someone@cli\.test \(/);

    const [taken, noCustomer, badRole] = [
      await cli(['--email', 'SomeOne@CLI.test', '--password', PASSWORD]),
      await cli([
        '--email',
        'portal@cli.test',
        '--password',
        PASSWORD,
        '--role',
        'customer',
        '--customer-id',
        '01900000-0000-7000-8000-000000000000',
      ]),
      await cli(['--email', 'wizard@cli.test', '--password', PASSWORD, '--role', 'wizard']),
    ];
    expect(taken.code).toBe(1);
    expect(taken.stderr.trim()).toBe('A user with the e-mail someone@cli.test already exists');
    expect(noCustomer.code).toBe(1);
    expect(noCustomer.stderr.trim()).toBe(
      'Customer 01900000-0000-7000-8000-000000000000 does not exist or is archived',
    );
    expect(badRole.code).toBe(64);
    expect(badRole.stderr).toContain('--role must be one of');
    for (const run of [taken, noCustomer, badRole]) {
      expect(run.stdout).toBe('');
      noLeak(run.stderr);
    }

    // the refused runs wrote nothing: their addresses are still free
    for (const email of ['portal@cli.test', 'wizard@cli.test']) {
      const later = await cli(['--email', email, '--password', PASSWORD]);
      expect(later.code).toBe(0);
      expect(later.stdout.startsWith(`Created viewer ${email} (`)).toBe(true);
    }
  });
});
