/**
 * The signed-in session of this tab. The access token lives in memory only (never in storage a
 * script could read later); the refresh token lives in the HttpOnly `labline_refresh` cookie that
 * only the /api/v1/auth endpoints receive.
 *
 * `session.fetch` is the fetch every API call goes through: it adds the bearer token, renews the
 * token shortly before it expires, and on a 401 renews it once and retries. However many requests
 * fail at the same moment, exactly one refresh is sent (single-flight promise); requests whose
 * 401 arrives after another request already renewed the token just retry with the new one.
 */
export interface TokenPair {
  access_token: string;
  expires_in: number;
}

export interface SessionOptions {
  /** The network fetch underneath (tests pass a fake). */
  fetch?: typeof fetch;
  /** Origin of the API; '' means this page's origin. */
  baseUrl?: string;
  now?: () => number;
  /** Serialises refreshes across tabs (they share the cookie); defaults to the Web Locks API. */
  lock?: <T>(work: () => Promise<T>) => Promise<T>;
}

export type SessionEvent = 'signed-in' | 'refreshed' | 'lost' | 'cleared';

/** Calls that must never trigger a refresh-and-retry: their 401 means what it says. */
const NO_RETRY =
  /\/api\/v1\/auth\/(login|refresh|register|verify-email|resend-verification|forgot-password|reset-password)$/;

export const REFRESH_PATH = '/api/v1/auth/refresh';

function webLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? (locks.request('labline-refresh', work) as Promise<T>) : work();
}

export function createSession(options: SessionOptions = {}) {
  const base = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const now = options.now ?? Date.now;
  const lock = options.lock ?? webLock;
  const baseUrl = options.baseUrl ?? '';
  let token: string | null = null;
  let expiresAt = 0;
  let lifetime = 0;
  let inflight: Promise<boolean> | null = null;
  /** 'lost': a session was held and the server refused to renew it; no further refresh is tried. */
  let state: 'none' | 'active' | 'lost' = 'none';
  const listeners = new Set<(event: SessionEvent) => void>();
  const emit = (event: SessionEvent) => {
    for (const listener of listeners) listener(event);
  };

  function setTokens(pair: TokenPair, event: SessionEvent = 'signed-in') {
    token = pair.access_token;
    state = 'active';
    lifetime = pair.expires_in * 1000;
    expiresAt = now() + lifetime;
    emit(event);
  }

  function clear() {
    token = null;
    state = 'none';
    expiresAt = 0;
    lifetime = 0;
    emit('cleared');
  }

  /** Renews the access token through the cookie; true when it worked. One request at a time. */
  function refresh(): Promise<boolean> {
    if (inflight) return inflight;
    inflight = lock(async () => {
      const response = await base(
        new Request(`${baseUrl}${REFRESH_PATH}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: '{}',
        }),
      );
      if (response.ok) {
        setTokens((await response.json()) as TokenPair, 'refreshed');
        return true;
      }
      // 401/403: the refresh token is gone (expired, revoked, reused). Anything else (429, 503) is
      // passing trouble: keep the session state and let the caller's request fail on its own.
      if (response.status === 401 || response.status === 403) {
        token = null;
        expiresAt = 0;
        if (state === 'active') {
          state = 'lost';
          emit('lost');
        }
      }
      return false;
    }).finally(() => {
      inflight = null;
    });
    return inflight;
  }

  /** Renew before expiry: a quarter of the lifetime ahead, at most 30 s. */
  const expiringSoon = () => token !== null && expiresAt - now() < Math.min(30_000, lifetime / 4);

  const send = (request: Request, bearer: string | null) => {
    const outgoing = new Request(request);
    if (bearer) outgoing.headers.set('authorization', `Bearer ${bearer}`);
    return base(outgoing);
  };

  async function authFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const request = input instanceof Request && !init ? input : new Request(input, init);
    const retryable = !NO_RETRY.test(new URL(request.url, 'http://x').pathname);
    if (!retryable) return send(request, token);
    if (expiringSoon()) await refresh().catch(() => false);
    const retry = request.clone();
    const used = token;
    const response = await send(request, used);
    if (response.status !== 401) return response;
    // Another request may already have renewed the token while this one was on the wire.
    if (token !== null && token !== used) return send(retry, token);
    if (state === 'lost') return response;
    return (await refresh().catch(() => false)) ? send(retry, token) : response;
  }

  /**
   * The access token, renewed first when less than half its lifetime (at most a minute) is left:
   * for requests that are costly to repeat, such as an upload, which would otherwise send the
   * whole file, get a 401 and send it again.
   */
  async function freshToken(): Promise<string | null> {
    if (token !== null && state === 'active' && expiresAt - now() < Math.min(60_000, lifetime / 2)) {
      await refresh().catch(() => false);
    }
    return token;
  }

  return {
    fetch: authFetch,
    freshToken,
    refresh,
    setTokens,
    clear,
    getToken: () => token,
    isSignedIn: () => token !== null,
    subscribe(listener: (event: SessionEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type Session = ReturnType<typeof createSession>;
