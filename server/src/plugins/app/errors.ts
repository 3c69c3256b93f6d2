import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type FieldError, HttpError } from '../../lib/errors.ts';
import { Problem as ProblemSchema } from '../../lib/schemas.ts';

/**
 * The one place errors become responses: every error, whatever threw it (our code, Fastify's
 * validation, a plugin, the database driver), leaves as application/problem+json (RFC 9457).
 * 5xx bodies never carry a stack, SQL or a path; the log has them under the same request id.
 */
interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  request_id: string;
  errors?: FieldError[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function sendProblem(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  detail: string,
  extra: { errors?: FieldError[]; headers?: Record<string, string>; type?: string } = {},
) {
  const problem: Problem = {
    type: extra.type ?? 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    request_id: String(req.id),
  };
  if (extra.errors?.length) problem.errors = extra.errors;
  for (const [name, value] of Object.entries(extra.headers ?? {})) reply.header(name, value);
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .serializer((p: unknown) => JSON.stringify(p))
    .send(problem);
}

/**
 * Errors Fastify meets before any route or hook runs (a URL with a broken percent-encoding, an
 * over-long path parameter): the same problem+json, with the request id, as every other error.
 */
export function frameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  reply.header('x-request-id', req.id);
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  const detail =
    err.code === 'FST_ERR_BAD_URL' ? 'The URL is malformed (a broken percent-encoding)' : err.message;
  return sendProblem(req, reply, status, detail);
}

/** `/contacts/0/email` → `contacts[0].email`; a missing property names itself. */
function fieldName(e: { instancePath?: string; params?: Record<string, unknown> }, part?: string): string {
  const path = (e.instancePath ?? '')
    .split('/')
    .filter(Boolean)
    .map((seg, i) => (/^\d+$/.test(seg) ? `[${seg}]` : i === 0 ? seg : `.${seg}`))
    .join('');
  const missing = e.params?.missingProperty as string | undefined;
  const name = missing ? (path ? `${path}.${missing}` : missing) : path;
  return name || part || 'body';
}

function validationErrors(err: FastifyError): FieldError[] {
  const part = (err as FastifyError & { validationContext?: string }).validationContext;
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const e of err.validation ?? []) {
    // anyOf/union noise: keep the first message per field, which is the most specific one
    const field = fieldName(e as never, part);
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message: e.message ?? 'is invalid' });
  }
  return errors;
}

/** PostgreSQL error codes that are the client's fault or a temporary outage, never a 500. */
function databaseProblem(err: unknown): { status: number; detail: string; field?: string } | undefined {
  let e = err as
    | { code?: string; constraint?: string; detail?: string; cause?: unknown; message?: string }
    | undefined;
  for (let depth = 0; e && depth < 5; depth++) {
    const code = e.code;
    if (code === '23505') {
      const field = /Key \((.*?)\)=\(/.exec(e.detail ?? '')?.[1]?.replace(/^lower\((.*)\)$/, '$1');
      return {
        status: 409,
        detail: field ? `${field} is already taken` : 'A record with these values exists',
        field,
      };
    }
    if (code === '23503')
      return { status: 409, detail: 'A referenced record does not exist or is still in use' };
    if (code === '22P02' || code === '22007' || code === '22008' || code === '22003' || code === '22001') {
      return { status: 422, detail: 'A value has the wrong form or is out of range' };
    }
    if (code === '23514')
      return { status: 422, detail: `A value breaks a rule (${e.constraint ?? 'check'})` };
    if (code === '40001' || code === '40P01')
      return { status: 409, detail: 'A concurrent change interfered; retry' };
    if (code === '57014')
      return { status: 503, detail: 'The database took too long to answer; retry shortly' };
    if (code?.startsWith('08') || code === '57P01' || code === '57P03' || code === '53300') {
      return { status: 503, detail: 'The database is unavailable; retry shortly' };
    }
    if (
      code === 'ECONNREFUSED' ||
      code === 'ECONNRESET' ||
      code === 'ETIMEDOUT' ||
      code === 'ENOTFOUND' ||
      /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
        e.message ?? '',
      )
    ) {
      return { status: 503, detail: 'The database is unavailable; retry shortly' };
    }
    e = e.cause as typeof e;
  }
  return undefined;
}

export default fp(
  async (app) => {
    // Every API route documents its error answers as Problem, so the OpenAPI document is complete.
    app.addSchema(ProblemSchema);
    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/') || !route.schema) return;
      route.schema.response ??= {};
      const response = route.schema.response as Record<string, unknown>;
      response['4xx'] ??= { $ref: 'Problem#' };
      response['5xx'] ??= { $ref: 'Problem#' };
    });

    app.setErrorHandler((err: FastifyError, req, reply) => {
      if (err instanceof HttpError) {
        return sendProblem(req, reply, err.status, err.message, err.extra);
      }
      if (err.validation) {
        const errors = validationErrors(err);
        return sendProblem(req, reply, 422, errors.map((e) => `${e.field} ${e.message}`).join('; '), {
          errors,
        });
      }
      switch (err.code) {
        case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
          return sendProblem(req, reply, 415, 'Unsupported content type; send application/json');
        case 'FST_ERR_CTP_EMPTY_JSON_BODY':
          return sendProblem(req, reply, 400, 'The JSON body is empty');
        case 'FST_ERR_CTP_INVALID_JSON_BODY':
          return sendProblem(req, reply, 400, `Malformed JSON: ${err.message}`);
        case 'FST_ERR_CTP_BODY_TOO_LARGE':
          return sendProblem(req, reply, 413, 'The request body is too large');
        case 'FST_ERR_HANDLER_TIMEOUT':
          return sendProblem(req, reply, 503, 'The request took too long; retry shortly', {
            headers: { 'retry-after': '5' },
          });
      }
      if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_TYPE') {
        return sendProblem(req, reply, 400, `Malformed request body: ${err.message}`);
      }
      const db = databaseProblem(err);
      if (db) {
        if (db.status >= 500) req.log.error({ err }, 'database unavailable');
        return sendProblem(req, reply, db.status, db.detail, {
          errors: db.field ? [{ field: db.field, message: 'is already taken' }] : undefined,
          headers: db.status === 503 ? { 'retry-after': '5' } : undefined,
        });
      }
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
      if (status === 429) {
        return sendProblem(req, reply, 429, 'Too many requests; retry later', {
          headers: { 'retry-after': String(reply.getHeader('retry-after') ?? 60) },
        });
      }
      if (status < 500) return sendProblem(req, reply, status, err.message);
      req.log.error({ err }, 'unhandled error');
      return sendProblem(
        req,
        reply,
        500,
        'Something went wrong on our side; the request id identifies it in the log',
      );
    });

    app.setNotFoundHandler((req, reply) =>
      sendProblem(req, reply, 404, `No route ${req.method} ${req.url.split('?')[0].slice(0, 200)}`),
    );
  },
  { name: 'errors' },
);
