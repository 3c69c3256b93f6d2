import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** Where `npm run build -w web` writes the app (web/dist at the repository root). */
export const WEB_DIST = fileURLToPath(new URL('../../../../web/dist/', import.meta.url));

/** Paths that belong to the API and the operations endpoints: never answered with the app. */
const RESERVED = /^\/(api|docs|openapi\.json|health|ready|metrics)(\/|$)/;
/** A request for a file (has an extension) rather than a client-side route. */
const FILE = /\/[^/]+\.[A-Za-z0-9]+$/;

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Labline</title>
<body><h1>Labline</h1><p>The web app is not built. Run <code>npm run build</code> (or <code>npm start</code>,
which builds it when needed). The API is at <a href="/docs">/docs</a>.</p></body></html>`;

/**
 * Serves the built web app at `/`: hashed assets with a long cache life, and `index.html` for every
 * client-side route (no-cache, so a new build is picked up at once). The API, docs and operations
 * endpoints are untouched; an unknown /api path still gets the problem+json 404.
 * Registered last, after the modules; every route here is public by nature.
 */
export default fp(
  async (app) => {
    await app.register(async (web) => {
      web.addHook('onRoute', (route) => {
        route.config = { ...(route.config as object), public: true };
      });
      const built = existsSync(join(WEB_DIST, 'index.html'));
      if (built) await web.register(fastifyStatic, { root: WEB_DIST, serve: false });
      else app.log.warn('web app not built (web/dist is missing): run `npm run build`');

      const handler = async (req: FastifyRequest, reply: FastifyReply) => {
        const path = req.url.split('?')[0];
        if (RESERVED.test(path)) return reply.callNotFound();
        if (!built) return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
        if (FILE.test(path)) {
          const hashed = path.startsWith('/assets/');
          return reply.sendFile(path.slice(1), {
            maxAge: hashed ? 365 * 24 * 3600_000 : 0,
            immutable: hashed,
          });
        }
        reply.header('cache-control', 'no-cache');
        return reply.sendFile('index.html', { cacheControl: false });
      };
      web.get('/', { schema: { hide: true }, config: { public: true } }, handler);
      web.get('/*', { schema: { hide: true }, config: { public: true } }, handler);
    });
  },
  { name: 'static' },
);
