import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import { tooManyRequests } from '../../lib/errors.ts';

/**
 * Per-client-address limits for the sensitive routes (login, register, forgot-password, refresh),
 * which opt in with `config.rateLimit`. Counters live in Redis when REDIS_URL is set, so every
 * instance shares them; in memory otherwise.
 */
export default fp(
  async (app) => {
    const redis = app.config.REDIS_URL
      ? new Redis(app.config.REDIS_URL, {
          connectTimeout: 2000,
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
        })
      : undefined;
    redis?.on('error', (err) => app.log.warn({ err }, 'rate-limit redis problem'));
    await app.register(rateLimit, {
      global: false,
      max: app.config.AUTH_RATE_LIMIT,
      timeWindow: app.config.AUTH_RATE_WINDOW_SECONDS * 1000,
      redis,
      nameSpace: 'labline-rl:',
      skipOnError: true, // a Redis outage must not lock everyone out of signing in
      keyGenerator: (req) => req.ip,
      errorResponseBuilder: (_req, ctx) => tooManyRequests(Math.ceil(ctx.ttl / 1000)),
    });
    if (redis) app.addHook('onClose', async () => redis.disconnect());
  },
  { name: 'rate-limit' },
);
