import 'dotenv/config';
import { CommandError, UsageError } from './cli/errors.ts';
import { withDatabase } from './cli/with-database.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './db/client.ts';

/**
 * labline serve | migrate | create-user | seed-demo | backup | restore
 * Each command reads the same configuration as the server (environment and .env).
 */
const USAGE = `Usage: labline <command> [options]

Commands:
  serve                         start the server (default)
  migrate                       apply pending database migrations
  create-user --email E --password P [--role R] [--name N] [--customer-id ID]
  seed-demo                     load realistic demo data
  backup <file>                 write every row to a gzip-compressed backup file
                                (PGlite: stop the server first; PostgreSQL: while it runs)
  restore <file>                load a backup into an empty database (PGlite or
                                DATABASE_URL): also how a lab moves from PGlite to PostgreSQL
`;

async function main(argv: string[]) {
  const [command = 'serve', ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve': {
      const { startServer } = await import('./server.ts');
      await startServer(config);
      return;
    }
    case 'migrate':
      return withDatabase(config, async (database) => {
        await database.migrate();
        process.stdout.write(`Migrations applied (${database.kind}: ${database.location})\n`);
      });
    case 'create-user': {
      const { createUserCommand } = await import('./cli/create-user.ts');
      return createUserCommand(config, rest);
    }
    case 'seed-demo':
    case 'backup':
    case 'restore': {
      const { runDataCommand } = await import('./db/seed/commands.ts');
      await runDataCommand(config, command, rest);
      return;
    }
    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).catch((err) => {
  if (err instanceof UsageError) process.stderr.write(`${err.message}\n\n${USAGE}`);
  else if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof CommandError)
    process.stderr.write(`${err.message}\n`);
  else process.stderr.write(`labline: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(err instanceof UsageError ? 64 : 1);
});
