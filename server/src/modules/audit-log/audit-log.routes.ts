import { and, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import { Type } from 'typebox';
import { auditEvents } from '../../db/schema/index.ts';
import { verifyChain } from '../../lib/audit.ts';
import { AuditEventPublic } from '../../lib/history.ts';
import { Id, Nullable, Timestamp } from '../../lib/schemas.ts';
import type { App } from '../../types.ts';

/** The audit trail, for admins and auditors: filter it, and verify its hash chain. */
export default async function auditLogRoutes(app: App) {
  const roles = ['admin', 'auditor'] as const;
  const Query = Type.Object({
    skip: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    entity_type: Type.Optional(Type.String({ maxLength: 100 })),
    entity_id: Type.Optional(Type.String({ maxLength: 100 })),
    actor_id: Type.Optional(Id),
    action: Type.Optional(Type.String({ maxLength: 100 })),
    at_from: Type.Optional(Timestamp),
    at_to: Type.Optional(Timestamp),
  });
  const Page = Type.Object(
    {
      items: Type.Array(AuditEventPublic),
      skip: Type.Integer(),
      limit: Type.Integer(),
      has_more: Type.Boolean(),
    },
    { title: 'AuditLogPage' },
  );
  const Verify = Type.Object(
    {
      ok: Type.Boolean(),
      checked: Type.Integer(),
      first_broken: Nullable(Type.Object({ seq: Type.Integer(), id: Id, reason: Type.String() })),
    },
    { title: 'AuditChainReport' },
  );

  app.get(
    '/api/v1/audit-log',
    {
      config: { roles },
      schema: {
        operationId: 'audit-log-list',
        tags: ['audit'],
        summary: 'Audit events, newest first',
        querystring: Query,
        response: { 200: Page },
      },
    },
    async (req) => {
      const q = req.query;
      const conditions: (SQL | undefined)[] = [
        q.entity_type ? eq(auditEvents.entity_type, q.entity_type) : undefined,
        q.entity_id ? eq(auditEvents.entity_id, q.entity_id) : undefined,
        q.actor_id ? eq(auditEvents.actor_id, q.actor_id) : undefined,
        q.action ? eq(auditEvents.action, q.action) : undefined,
        q.at_from ? gte(auditEvents.at, new Date(q.at_from)) : undefined,
        q.at_to ? lte(auditEvents.at, new Date(q.at_to)) : undefined,
      ];
      const skip = q.skip ?? 0;
      const limit = q.limit ?? 50;
      const rows = await app.db
        .select()
        .from(auditEvents)
        .where(and(...conditions))
        .orderBy(desc(auditEvents.seq))
        .offset(skip)
        .limit(limit + 1);
      return { items: rows.slice(0, limit), skip, limit, has_more: rows.length > limit };
    },
  );

  app.get(
    '/api/v1/audit-log/verify',
    {
      config: { roles },
      schema: {
        operationId: 'audit-log-verify',
        tags: ['audit'],
        summary: 'Check the hash chain; names the first broken link',
        response: { 200: Verify },
      },
    },
    async () => verifyChain(app.db),
  );
}
