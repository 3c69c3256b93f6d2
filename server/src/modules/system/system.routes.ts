import { sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { serviceUnavailable } from '../../lib/errors.ts';
import type { App } from '../../types.ts';

/** Liveness, readiness and metrics, outside /api/v1 (API.md "Basics"). */
export default async function systemRoutes(app: App) {
  const Health = Type.Object({ status: Type.String() }, { title: 'Health' });
  const Ready = Type.Object(
    { status: Type.String(), database: Type.String(), migrations: Type.Integer() },
    { title: 'Ready' },
  );

  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        operationId: 'system-health',
        tags: ['system'],
        summary: 'Liveness (no database)',
        response: { 200: Health },
      },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/ready',
    {
      config: { public: true },
      schema: {
        operationId: 'system-ready',
        tags: ['system'],
        summary: 'Database reachable and migrations applied; 503 otherwise',
        response: { 200: Ready },
      },
    },
    async () => {
      try {
        const result = (await app.db.execute(
          sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
        )) as unknown as { rows: { n: number }[] };
        return { status: 'ready', database: app.database.kind, migrations: result.rows[0].n };
      } catch (err) {
        app.log.warn({ err }, 'readiness check failed');
        throw serviceUnavailable('The database is unreachable or not migrated', 5);
      }
    },
  );

  app.get(
    '/metrics',
    {
      config: { public: true },
      schema: {
        operationId: 'system-metrics',
        tags: ['system'],
        summary: 'Prometheus metrics (text format)',
      },
    },
    async (_req, reply) => {
      reply.type(app.metrics.contentType);
      return app.metrics.metrics();
    },
  );
}
