/**
 * Typed errors. Code anywhere throws these; the one error handler (plugins/app/errors.ts) turns
 * them into application/problem+json (RFC 9457). Nothing else builds an error response.
 */
export interface FieldError {
  field: string;
  message: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; type?: string } = {},
  ) {
    super(detail);
    this.name = 'HttpError';
  }
}

const label = (entity: string) => entity.charAt(0).toUpperCase() + entity.slice(1).replace(/_/g, ' ');

export const badRequest = (detail: string) => new HttpError(400, 'Bad Request', detail);
export const unauthorized = (detail = 'Not authenticated') =>
  new HttpError(401, 'Unauthorized', detail, { headers: { 'www-authenticate': 'Bearer' } });
export const forbidden = (detail = 'You are not allowed to do this') =>
  new HttpError(403, 'Forbidden', detail);
export const notFound = (entity: string, id?: string) =>
  new HttpError(404, 'Not Found', id ? `${label(entity)} ${id} not found` : `${label(entity)} not found`);
export const conflict = (detail: string) => new HttpError(409, 'Conflict', detail);
export const preconditionFailed = (detail: string) => new HttpError(412, 'Precondition Failed', detail);
export const unprocessable = (errors: FieldError[], detail?: string) =>
  new HttpError(
    422,
    'Unprocessable Content',
    detail ?? errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    {
      errors,
    },
  );
export const invalidField = (field: string, message: string) => unprocessable([{ field, message }]);
export const locked = (detail: string, retryAfterSeconds: number) =>
  new HttpError(423, 'Locked', detail, {
    headers: { 'retry-after': String(Math.max(1, retryAfterSeconds)) },
  });
export const tooManyRequests = (retryAfterSeconds: number) =>
  new HttpError(429, 'Too Many Requests', `Too many requests; retry in ${retryAfterSeconds} s`, {
    headers: { 'retry-after': String(Math.max(1, retryAfterSeconds)) },
  });
export const serviceUnavailable = (detail: string, retryAfterSeconds = 5) =>
  new HttpError(503, 'Service Unavailable', detail, {
    headers: { 'retry-after': String(retryAfterSeconds) },
  });

/** 409 for an action not allowed from the current state, naming the state and what is allowed. */
export const invalidTransition = (entity: string, state: string, action: string, allowed: string[]) =>
  conflict(
    `Cannot ${action} a ${entity} that is ${state}; allowed from ${state}: ${allowed.length ? allowed.join(', ') : 'none'}`,
  );
