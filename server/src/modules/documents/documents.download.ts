import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { findVisible } from '../../lib/crud.ts';
import { HttpError, notFound } from '../../lib/errors.ts';
import { IdParams } from '../../lib/schemas.ts';
import { ANY_ROLE } from '../../plugins/app/auth.ts';
import type { ByteRange } from '../../storage/file-storage.ts';
import type { App } from '../../types.ts';
import { defaultVersion, documentRef, findVersion } from './documents.service.ts';
import { contentDisposition, typeInfo } from './file-types.ts';

/**
 * `GET /documents/{id}/download`: the bytes of one version, as an attachment. Never rendered as a
 * page: `nosniff`, a CSP that allows nothing, and inline only for PDFs and images on request.
 * Range requests resume and seek (206, or 416 with the size); the stored SHA-256 goes with every
 * answer (X-Content-SHA256, and Repr-Digest per RFC 9530) so a client can check what it got.
 */
const DownloadQuery = Type.Object({
  version: Type.Optional(Type.Integer({ minimum: 1, description: 'Default: the current version' })),
  inline: Type.Optional(
    Type.String({ enum: ['1', '0', 'true', 'false'], description: 'Show PDFs and images in the browser' }),
  ),
});

/** One `bytes=` range of a file of `size` bytes; null = serve it whole; 'unsatisfiable' → 416. */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // several ranges or another unit: RFC 9110 lets a server ignore Range and send it all
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

export function registerDownloadRoute(
  app: App,
  ctx: { base: string; tag: string; scopeOf: (req: FastifyRequest) => import('drizzle-orm').SQL | undefined },
) {
  const binary = Type.String({ format: 'binary' });
  app.get(
    `${ctx.base}/:id/download`,
    {
      config: { roles: ANY_ROLE },
      schema: {
        operationId: 'documents-download',
        tags: [ctx.tag],
        summary: 'Download a version (Range requests supported; SHA-256 in X-Content-SHA256)',
        params: IdParams,
        querystring: DownloadQuery,
        response: {
          200: { description: 'The file', content: { 'application/octet-stream': { schema: binary } } },
          206: {
            description: 'Part of the file',
            content: { 'application/octet-stream': { schema: binary } },
          },
        },
      },
    },
    async (req, reply) => {
      const doc = await findVisible(app.db, documentRef, req.params.id, ctx.scopeOf(req));
      const wanted = req.query.version ?? defaultVersion(doc, req.user);
      // a customer gets the version in force only; asking for another is asking for nothing
      if (!wanted || (req.user.role === 'customer' && wanted !== defaultVersion(doc, req.user))) {
        throw notFound('document version', String(req.query.version ?? ''));
      }
      const version = await findVersion(app.db, doc.id, wanted);
      if (!version) throw notFound('document version', `${doc.number} v${wanted}`);

      const info = typeInfo(version.content_type);
      const inline = (req.query.inline === '1' || req.query.inline === 'true') && info?.inline === true;
      const contentType = version.content_type.startsWith('text/')
        ? `${version.content_type}; charset=utf-8`
        : version.content_type;
      const range = parseRange(req.headers.range, version.size);
      const digest = Buffer.from(version.sha256, 'hex').toString('base64');
      reply
        .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', version.filename))
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-security-policy',
          inline
            ? "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'"
            : "default-src 'none'; frame-ancestors 'none'; sandbox",
        )
        .header('cache-control', 'private, no-cache')
        .header('accept-ranges', 'bytes')
        .header('x-content-sha256', version.sha256)
        .header('repr-digest', `sha-256=:${digest}:`)
        .header('x-document-version', String(version.version))
        .header('etag', `"sha256-${version.sha256}"`);
      if (range === 'unsatisfiable') {
        throw new HttpError(416, 'Range Not Satisfiable', `The file has ${version.size} bytes`, {
          headers: { 'content-range': `bytes */${version.size}` },
        });
      }
      const stream = await app.storage.get(version.storage_key, range ?? undefined);
      reply.type(contentType);
      if (range) {
        return reply
          .code(206)
          .header('content-range', `bytes ${range.start}-${range.end}/${version.size}`)
          .header('content-length', String(range.end - range.start + 1))
          .send(stream as never);
      }
      return reply.header('content-length', String(version.size)).send(stream as never);
    },
  );
}
