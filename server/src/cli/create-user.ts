import { parseArgs } from 'node:util';
import { Type } from 'typebox';
import type { Config } from '../config.ts';
import { ROLES, type Role } from '../db/schema/users.ts';
import { createUserDirect } from '../lib/bootstrap.ts';
import { HashPool, PASSWORD_RULES } from '../lib/passwords.ts';
import { Email, Text } from '../lib/schemas.ts';
import { validatorCompiler } from '../lib/validation.ts';
import { customerIsBindable } from '../modules/users/users.repo.ts';
import { CommandError, UsageError } from './errors.ts';
import { withDatabase } from './with-database.ts';

/**
 * `labline create-user`: the same rules as `POST /users` (an e-mail address, a password of 8 to 128
 * characters, one of the six roles, a `customer` user bound to an existing customer), checked
 * before anything is written, so a typo gets a one-line message instead of a failed SQL statement.
 */
const CreateUserArgs = Type.Object({
  email: Email,
  password: Type.String({ ...PASSWORD_RULES }),
  role: Type.String({ enum: [...ROLES] }),
  name: Text(200),
  'customer-id': Type.Optional(Type.String({ format: 'uuid' })),
});

const checkArgs = validatorCompiler({ schema: CreateUserArgs, httpPart: 'body' } as never) as ((
  value: unknown,
) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };

type Args = { email: string; password: string; role: Role; name: string; 'customer-id'?: string };

const OPTIONS = {
  email: { type: 'string' },
  password: { type: 'string' },
  role: { type: 'string', default: 'viewer' },
  name: { type: 'string', default: '' },
  'customer-id': { type: 'string' },
} as const;

export function parseCreateUserArgs(argv: string[]): Args {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS }>>['values'];
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS }));
  } catch (err) {
    // an unknown option or a missing value: the user's typo, not a crash
    throw new UsageError(`create-user: ${(err as Error).message}`);
  }
  if (!values.email || !values.password) throw new UsageError('create-user needs --email and --password');
  const args = { ...values, email: values.email.trim() };
  if (!checkArgs(args)) {
    const problems = (checkArgs.errors ?? []).map((e) => {
      const option = e.instancePath.slice(1);
      return option === 'role' ? `--role must be one of ${ROLES.join(', ')}` : `--${option} ${e.message}`;
    });
    throw new UsageError(`create-user: ${problems.join('; ')}`);
  }
  const checked = args as Args;
  if (checked.role === 'customer' && !checked['customer-id']) {
    throw new UsageError(
      'create-user: the customer role needs --customer-id (the customer the user belongs to)',
    );
  }
  if (checked.role !== 'customer' && checked['customer-id']) {
    throw new UsageError('create-user: --customer-id is only for the customer role');
  }
  return checked;
}

export async function createUserCommand(config: Config, argv: string[]) {
  const args = parseCreateUserArgs(argv);
  const email = args.email.toLowerCase();
  return withDatabase(config, async (database) => {
    await database.migrate();
    const customerId = args['customer-id'] ?? null;
    if (customerId && !(await customerIsBindable(database.db, customerId))) {
      throw new CommandError(`Customer ${customerId} does not exist or is archived`);
    }
    const user = await createUserDirect(database.db, new HashPool(2, 10), {
      email,
      password: args.password,
      full_name: args.name,
      role: args.role,
      customer_id: customerId,
    }).catch((err: { cause?: { code?: string }; code?: string }) => {
      // users_email_key (unique on lower(email)) is the one check: no window between a look and the insert
      if ((err.cause?.code ?? err.code) === '23505') {
        throw new CommandError(`A user with the e-mail ${email} already exists`);
      }
      throw err;
    });
    process.stdout.write(`Created ${user.role} ${user.email} (${user.id})\n`);
  });
}
