import fp from 'fastify-plugin';
import { invalidField } from '../../lib/errors.ts';

/**
 * PostgreSQL text cannot hold NUL characters; a body or query carrying one would fail deep in the
 * driver. Refuse it up front with a 422 naming the field.
 */
function findNul(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : undefined;
  if (!value || typeof value !== 'object' || depth > 32) return undefined;
  for (const [key, child] of Object.entries(value)) {
    if (key.includes('\u0000')) return path ? `${path}.${key}` : key;
    const found = findNul(
      child,
      Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key,
      depth + 1,
    );
    if (found) return found;
  }
  return undefined;
}

export default fp(
  async (app) => {
    // The API speaks JSON (and the login form). Fastify would also parse text/plain into a bare
    // string that then fails validation as 422; an unsupported media type is 415.
    app.removeContentTypeParser('text/plain');
    app.addHook('preValidation', async (req) => {
      const field = findNul(req.body, '') ?? findNul(req.query, '') ?? findNul(req.params, '');
      if (field) throw invalidField(field, 'must not contain NUL characters');
    });
  },
  { name: 'input-guard' },
);
