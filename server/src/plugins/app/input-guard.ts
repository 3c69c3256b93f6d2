import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { badRequest, HttpError, invalidField } from '../../lib/errors.ts';

/**
 * Input that would otherwise be mangled on its way to the database is refused up front, naming
 * the problem, instead of being stored changed:
 * - NUL characters (PostgreSQL text cannot hold them) and unpaired UTF-16 surrogates (they would
 *   be written as U+FFFD) anywhere in a body, query or path → 422 naming the field;
 * - a JSON body that is not valid UTF-8 → 400 (Node would silently replace the bad bytes);
 * - a body in another charset than UTF-8 → 415;
 * - a form body on a route that does not declare one (only the OAuth2 login does) → 415, so a
 *   JSON resource is never created from `application/x-www-form-urlencoded`.
 */
const LONE_SURROGATE = /\p{Cs}/u;

function textProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text (it has an unpaired surrogate)';
  return undefined;
}

function findBadText(
  value: unknown,
  path: string,
  depth = 0,
): { field: string; message: string } | undefined {
  if (typeof value === 'string') {
    const message = textProblem(value);
    return message ? { field: path || 'body', message } : undefined;
  }
  if (!value || typeof value !== 'object' || depth > 32) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const here = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    const keyMessage = textProblem(key);
    if (keyMessage) return { field: here, message: keyMessage };
    const found = findBadText(child, here, depth + 1);
    if (found) return found;
  }
  return undefined;
}

const unsupported = (detail: string) => new HttpError(415, 'Unsupported Media Type', detail);
const UTF8_CHARSETS = new Set(['utf-8', 'utf8', 'us-ascii']);
const FORM = 'application/x-www-form-urlencoded';
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The media types a route's body schema declares (`schema.body.content`), if it lists them. */
function declaresMediaType(req: FastifyRequest, mediaType: string): boolean {
  const body = (req.routeOptions.schema as { body?: { content?: Record<string, unknown> } } | undefined)
    ?.body;
  return !!body?.content && mediaType in body.content;
}

export default fp(
  async (app) => {
    // The API speaks JSON (and the login form). Fastify would also parse text/plain into a bare
    // string that then fails validation as 422; an unsupported media type is 415.
    app.removeContentTypeParser('text/plain');

    // Fastify's own JSON parser, fed only text that really is UTF-8.
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
      let text: string;
      try {
        text = strictUtf8.decode(body as Buffer);
      } catch {
        done(badRequest('Malformed JSON: the body is not valid UTF-8'), undefined);
        return;
      }
      parseJson(req, text, done);
    });

    app.addHook('preParsing', async (req, _reply, payload) => {
      const header = req.headers['content-type'];
      const hasBody =
        req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0;
      if (!header || !hasBody || req.is404) return payload;
      const [essence, ...params] = header.split(';');
      const mediaType = essence.trim().toLowerCase();
      const charset = params
        .map((p) => p.trim().toLowerCase())
        .find((p) => p.startsWith('charset='))
        ?.slice('charset='.length)
        .replace(/"/g, '');
      if (charset !== undefined && !UTF8_CHARSETS.has(charset)) {
        throw unsupported(`Unsupported charset "${charset}"; send the body as UTF-8`);
      }
      if (mediaType === FORM && !declaresMediaType(req, FORM)) {
        throw unsupported('Unsupported content type; send application/json');
      }
      return payload;
    });

    app.addHook('preValidation', async (req) => {
      const bad = findBadText(req.body, '') ?? findBadText(req.query, '') ?? findBadText(req.params, '');
      if (bad) throw invalidField(bad.field, bad.message);
    });
  },
  { name: 'input-guard' },
);
