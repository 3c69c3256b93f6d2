import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import fp from 'fastify-plugin';
import { idempotencyKeys } from '../../db/schema/index.ts';
import { canonicalJson } from '../../lib/audit.ts';
import { conflict, invalidField } from '../../lib/errors.ts';

/**
 * Idempotency-Key on POST creates and actions (API.md "Concurrency"): the first request claims the
 * key; a retry with the same body replays the stored answer byte for byte; the same key with
 * another body is 422; a retry while the first still runs is 409. Only successful answers are kept:
 * a refused request (4xx/5xx) changed nothing, so its key is free again. Keys live 24 h per user.
 */
const TTL_MS = 24 * 3600_000;
const REPLAYED_HEADERS = ['content-type', 'location', 'etag'];

/** What makes two requests "the same" for a key: method, route, path parameters and body. */
export function requestFingerprint(method: string, route: string, params: unknown, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${route} ${canonicalJson(params)} ${canonicalJson(body ?? null)}`)
    .digest('hex');
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey?: string;
    idempotencyFingerprint?: string;
  }
}

export default fp(
  async (app) => {
    // Fingerprint the body as the client sent it, before validation fills in defaults.
    app.addHook('preValidation', async (req) => {
      if (!req.routeOptions.config.idempotent || req.headers['idempotency-key'] === undefined) return;
      req.idempotencyFingerprint = requestFingerprint(
        req.method,
        req.routeOptions.url ?? req.url,
        req.params,
        req.body,
      );
    });

    app.addHook('preHandler', async (req, reply) => {
      if (!req.routeOptions.config.idempotent) return;
      const raw = req.headers['idempotency-key'];
      if (raw === undefined) return;
      const key = Array.isArray(raw) ? raw[0] : raw;
      if (!key || key.length > 255) throw invalidField('Idempotency-Key', 'must be 1 to 255 characters');
      const userId = req.user.id;
      const requestHash =
        req.idempotencyFingerprint ??
        requestFingerprint(req.method, req.routeOptions.url ?? req.url, req.params, req.body);
      await app.db
        .delete(idempotencyKeys)
        .where(
          and(
            eq(idempotencyKeys.user_id, userId),
            eq(idempotencyKeys.key, key),
            lt(idempotencyKeys.created_at, new Date(Date.now() - TTL_MS)),
          ),
        );
      const claimed = await app.db
        .insert(idempotencyKeys)
        .values({ user_id: userId, key, request_hash: requestHash })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (claimed.length) {
        req.idempotencyKey = key;
        return;
      }
      const [prior] = await app.db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.user_id, userId), eq(idempotencyKeys.key, key)));
      if (!prior) throw conflict('This Idempotency-Key is being reused; retry');
      if (prior.request_hash !== requestHash) {
        throw invalidField('Idempotency-Key', 'was already used with a different request');
      }
      if (prior.state !== 'done')
        throw conflict('A request with this Idempotency-Key is still running; retry shortly');
      for (const [name, value] of Object.entries(prior.headers ?? {})) reply.header(name, value);
      reply.header('idempotent-replayed', 'true');
      return reply
        .code(prior.status_code ?? 200)
        .serializer((p: unknown) => p as string)
        .send(prior.body ?? '');
    });

    app.addHook('onSend', async (req, reply, payload) => {
      const key = req.idempotencyKey;
      if (!key) return payload;
      req.idempotencyKey = undefined;
      const where = and(eq(idempotencyKeys.user_id, req.user.id), eq(idempotencyKeys.key, key));
      if (reply.statusCode >= 400 || typeof payload !== 'string') {
        // A refused or failed request wrote nothing (writes are transactional), or its answer cannot
        // be replayed: free the key, so the form the user corrects after a 422 or 409 goes through
        // under the same key instead of being told the key was used with another body.
        await app.db.delete(idempotencyKeys).where(where);
        return payload;
      }
      const headers: Record<string, string> = {};
      for (const name of REPLAYED_HEADERS) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      await app.db
        .update(idempotencyKeys)
        .set({ state: 'done', status_code: reply.statusCode, headers, body: payload })
        .where(where);
      return payload;
    });

    // Expired keys are removed in the background; the claim above also ignores them.
    const sweep = setInterval(() => {
      app.db
        .delete(idempotencyKeys)
        .where(lt(idempotencyKeys.created_at, sql`now() - interval '24 hours'`))
        .catch((err) => app.log.warn({ err }, 'idempotency sweep failed'));
    }, 3600_000);
    sweep.unref();
    app.addHook('onClose', async () => clearInterval(sweep));
  },
  { name: 'idempotency', dependencies: ['auth'] },
);
