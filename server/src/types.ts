import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Config } from './config.ts';
import type { Database, Db } from './db/client.ts';
import type { Role } from './db/schema/users.ts';
import type { AuditContext } from './lib/audit.ts';
import type { EventBus } from './plugins/app/events.ts';
import type { Mailer } from './plugins/app/mail.ts';

/** The app as every module sees it: TypeBox-typed routes. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** The authenticated caller, from the access token and the cached session state. */
export interface CurrentUser {
  id: string;
  sessionId: string;
  role: Role;
  customerId: string | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    db: Db;
    bus: EventBus;
    mailer: Mailer;
  }
  interface FastifyRequest {
    /** Set by the auth hook on every non-public route. */
    user: CurrentUser;
    /** Who and where, for the audit trail. */
    audit: AuditContext;
  }
  interface FastifyContextConfig {
    /** Who may call this route. Routes that declare neither `roles` nor `public` are refused at boot. */
    roles?: readonly Role[];
    public?: boolean;
    /** POST that honours Idempotency-Key. */
    idempotent?: boolean;
    /** Rate-limit bucket for the sensitive auth routes. */
    authRateLimit?: boolean;
  }
}
