import { eq } from 'drizzle-orm';
import fp from 'fastify-plugin';
import { decodeJwt } from 'jose';
import type { Db } from '../../db/client.ts';
import { sessions, users } from '../../db/schema/index.ts';
import type { Role } from '../../db/schema/users.ts';
import { forbidden, unauthorized } from '../../lib/errors.ts';
import { HashPool } from '../../lib/passwords.ts';
import { TokenService } from '../../lib/tokens.ts';
import type { CurrentUser } from '../../types.ts';
import type { BusMessage } from './events.ts';

/**
 * Authentication and "deny by default".
 * - Every route must declare `config.roles` or `config.public`; one that declares neither stops
 *   the boot, so a forgotten declaration can never ship as an open route.
 * - Access tokens are checked against the session's state (revoked? user active? role?) from an
 *   in-memory cache, so the hot path makes no database round trip. Revocations, role changes and
 *   deactivations publish on the event bus and every instance drops the affected entries at once.
 */
export interface SessionState {
  userId: string;
  role: Role;
  customerId: string | null;
  valid: boolean;
  loadedAt: number;
}

const CACHE_TTL_MS = 5 * 60_000;
const CACHE_MAX = 50_000;

/**
 * Access tokens already verified, until their own expiry: a client sends the same token for many
 * requests, and this spares an HMAC and claim checks on each. It only remembers what the token
 * says; whether its session is still alive is asked of the session cache every time.
 */
export class VerifiedTokens {
  private entries = new Map<string, { userId: string; sessionId: string; expiresAt: number }>();
  constructor(private tokens: TokenService) {}

  async verify(token: string): Promise<{ userId: string; sessionId: string } | null> {
    const hit = this.entries.get(token);
    if (hit) {
      if (hit.expiresAt > Date.now()) return hit;
      this.entries.delete(token);
    }
    const claims = await this.tokens.verifyAccess(token);
    if (!claims) return null;
    const { exp } = decodeJwt(token);
    if (this.entries.size >= CACHE_MAX) this.entries.clear();
    this.entries.set(token, { ...claims, expiresAt: (exp ?? 0) * 1000 });
    return claims;
  }
}

export class SessionCache {
  private bySession = new Map<string, SessionState>();
  /** Bumped by every invalidation: a read that began before one may be stale and is not cached. */
  private generation = 0;
  constructor(private db: Db) {}

  async get(sessionId: string): Promise<SessionState | undefined> {
    const cached = this.bySession.get(sessionId);
    if (cached && Date.now() - cached.loadedAt < CACHE_TTL_MS) return cached;
    const generation = this.generation;
    const [row] = await this.db
      .select({
        userId: users.id,
        role: users.role,
        customerId: users.customer_id,
        isActive: users.is_active,
        archivedAt: users.archived_at,
        revokedAt: sessions.revoked_at,
        absoluteExpiresAt: sessions.absolute_expires_at,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.user_id))
      .where(eq(sessions.id, sessionId))
      .limit(1);
    if (!row) return undefined;
    const state: SessionState = {
      userId: row.userId,
      role: row.role,
      customerId: row.customerId,
      valid:
        !row.revokedAt && row.isActive && !row.archivedAt && row.absoluteExpiresAt.getTime() > Date.now(),
      loadedAt: Date.now(),
    };
    if (generation !== this.generation) return state; // answer this request, but don't remember it
    if (this.bySession.size >= CACHE_MAX) this.bySession.clear();
    this.bySession.set(sessionId, state);
    return state;
  }

  apply(message: BusMessage) {
    this.generation++;
    if (message.type === 'reset') this.bySession.clear();
    else if (message.type === 'session.revoked') this.bySession.delete(message.sessionId);
    else if (message.type === 'user.changed') {
      for (const [sid, state] of this.bySession)
        if (state.userId === message.userId) this.bySession.delete(sid);
    }
  }

  clear() {
    this.bySession.clear();
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    tokens: TokenService;
    passwords: HashPool;
    sessionCache: SessionCache;
    /** Tell every instance that these sessions or users changed; call after the commit. */
    invalidate(message: BusMessage): Promise<void>;
  }
}

export default fp(
  async (app) => {
    const tokens = new TokenService(
      app.config.SECRET_KEY,
      Math.round(app.config.ACCESS_TOKEN_EXPIRE_MINUTES * 60),
    );
    const cache = new SessionCache(app.db);
    const verified = new VerifiedTokens(tokens);
    app.decorate('tokens', tokens);
    app.decorate('passwords', new HashPool(app.config.hashConcurrency, app.config.HASH_QUEUE_LIMIT));
    app.decorate('sessionCache', cache);
    app.bus.subscribe((m) => cache.apply(m));
    app.decorate('invalidate', async (message: BusMessage) => {
      cache.apply(message); // this instance at once, even if the bus is slow
      await app.bus.publish(message).catch((err) => app.log.error({ err }, 'could not publish invalidation'));
    });
    app.decorateRequest('user', null as never);

    app.addHook('onRoute', (route) => {
      const config = route.config as { roles?: readonly Role[]; public?: boolean } | undefined;
      if (!config?.public && !config?.roles?.length) {
        throw new Error(`Route ${route.method} ${route.url} declares neither config.roles nor config.public`);
      }
    });

    app.addHook('onRequest', async (req) => {
      if (req.is404) return;
      const config = req.routeOptions.config;
      if (config.public) return;
      const header = req.headers.authorization;
      const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
      if (!token) throw unauthorized();
      const claims = await verified.verify(token);
      if (!claims) throw unauthorized('The access token is invalid or expired');
      const state = await cache.get(claims.sessionId);
      if (!state?.valid || state.userId !== claims.userId)
        throw unauthorized('The session has ended; sign in again');
      const user: CurrentUser = {
        id: state.userId,
        sessionId: claims.sessionId,
        role: state.role,
        customerId: state.customerId,
      };
      req.user = user;
      req.audit.actorId = user.id;
      const roles = config.roles ?? [];
      if (user.role !== 'admin' && !roles.includes(user.role)) throw forbidden();
    });
  },
  { name: 'auth', dependencies: ['db', 'events', 'request-context'] },
);

/** Role sets used across route declarations. Admin may call every route. */
export const ANY_ROLE: readonly Role[] = ['admin', 'manager', 'engineer', 'auditor', 'viewer', 'customer'];
export const STAFF: readonly Role[] = ['admin', 'manager', 'engineer', 'auditor', 'viewer'];
export const MANAGERS: readonly Role[] = ['admin', 'manager'];
