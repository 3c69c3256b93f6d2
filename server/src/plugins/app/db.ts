import fp from 'fastify-plugin';
import type { Database } from '../../db/client.ts';

/** Makes the opened database available as `app.database` (handle) and `app.db` (Drizzle). */
export default fp<{ database: Database; closeOnShutdown?: boolean }>(
  async (app, opts) => {
    app.decorate('database', opts.database);
    app.decorate('db', opts.database.db);
    if (opts.closeOnShutdown !== false) app.addHook('onClose', async () => opts.database.close());
  },
  { name: 'db' },
);
