import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { ensureAdmin } from './lib/bootstrap.ts';

/**
 * Listens and shuts down gracefully: on SIGTERM/SIGINT stop accepting, let in-flight requests
 * finish (up to 10 s), then close the database (PGlite flushes and releases its directory lock).
 */
export async function startServer(config: Config) {
  const app = await buildApp({ config });
  const admin = await ensureAdmin(app.db, app.passwords, config.ADMIN_EMAIL, config.ADMIN_PASSWORD);
  if (config.SEED_DEMO) {
    const { seedDemo } = await import('./db/seed/demo.ts');
    await seedDemo(app);
  }
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
  });
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  const shown = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  const banner = [
    '',
    `  Labline is running at ${shown}  (API /api/v1 · docs /docs)`,
    `  Database: ${app.database.kind === 'pglite' ? `embedded PGlite in ${app.database.location}` : `PostgreSQL at ${app.database.location}`}`,
  ];
  if (admin) {
    banner.push(
      `  First start: administrator ${admin.email}` +
        (admin.generated
          ? ` with password ${admin.password}  (shown once; change it after signing in)`
          : ' (password from ADMIN_PASSWORD)'),
    );
  }
  process.stdout.write(`${banner.join('\n')}\n\n`);
  return app;
}
