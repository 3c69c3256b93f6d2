import createClient from 'openapi-fetch';
import { createSession } from '../lib/auth/session';
import type { paths } from './generated/schema';

/** This tab's session: the in-memory access token and the single-flight refresh. */
export const session = createSession();

/** The typed API client: paths, parameters and bodies checked against the server's OpenAPI. */
export const api = createClient<paths>({
  baseUrl: typeof window === 'undefined' ? '' : window.location.origin,
  fetch: (request) => session.fetch(request),
});
