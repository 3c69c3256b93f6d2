import fp from 'fastify-plugin';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics: request duration by route and status, database pool figures, and the
 * process defaults. One registry per app, so tests that build many apps do not collide.
 */
declare module 'fastify' {
  interface FastifyInstance {
    metrics: Registry;
  }
}

export default fp(
  async (app) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    const pool = (
      name: string,
      help: string,
      pick: (s: ReturnType<typeof app.database.poolStats>) => number,
    ) =>
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(pick(app.database.poolStats()));
        },
      });
    pool('db_pool_connections_total', 'Open database connections', (s) => s.total);
    pool('db_pool_connections_idle', 'Idle database connections', (s) => s.idle);
    pool('db_pool_requests_waiting', 'Queries waiting for a connection', (s) => s.waiting);
    new Gauge({
      name: 'password_hashes_running',
      help: 'Password hashes being computed',
      registers: [registry],
      collect() {
        this.set(app.passwords?.stats().running ?? 0);
      },
    });

    app.decorate('metrics', registry);
    app.addHook('onResponse', async (req, reply) => {
      duration.observe(
        { method: req.method, route: req.routeOptions.url ?? 'unknown', status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
  },
  { name: 'metrics', dependencies: ['db'] },
);
