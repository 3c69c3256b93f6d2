import fp from 'fastify-plugin';
import helmet from 'helmet';

/**
 * Security headers from `helmet`. The middleware is built once at boot and run on every request:
 * @fastify/helmet rebuilds it (and re-parses the CSP) per request, which showed in the profiles.
 * The CSP allows the docs UI's inline bootstrap and the web app's own assets.
 */
export default fp(
  async (app) => {
    const headers = helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", "'unsafe-inline'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'", 'data:'],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
        },
      },
      crossOriginResourcePolicy: { policy: 'same-origin' },
    });
    app.addHook('onRequest', (req, reply, done) => {
      headers(req.raw, reply.raw, done as (err?: unknown) => void);
    });
  },
  { name: 'helmet' },
);
