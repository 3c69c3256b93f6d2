import cors from '@fastify/cors';
import fp from 'fastify-plugin';

/** Only the origins in CORS_ORIGINS may call the API from a browser, with credentials (the refresh cookie). */
export default fp(
  async (app) => {
    const allowed = new Set(app.config.corsOrigins);
    await app.register(cors, {
      origin: (origin, cb) => cb(null, !origin || allowed.has(origin)),
      credentials: true,
      exposedHeaders: ['ETag', 'Location', 'X-Request-Id', 'Retry-After'],
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key', 'X-Request-Id'],
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      maxAge: 600,
    });
  },
  { name: 'cors' },
);
