import { and, desc, eq } from 'drizzle-orm';
import { Type } from 'typebox';
import type { Db } from '../db/client.ts';
import { auditEvents } from '../db/schema/index.ts';
import { Id, Nullable, Timestamp } from './schemas.ts';

/** An audit event as the API shows it (API.md "Audit trail"). */
export const AuditEventPublic = Type.Object(
  {
    id: Id,
    seq: Type.Integer(),
    at: Timestamp,
    actor_id: Nullable(Id),
    action: Type.String(),
    entity_type: Type.String(),
    entity_id: Nullable(Type.String()),
    changes: Type.Record(Type.String(), Type.Array(Type.Unknown())),
    request_id: Nullable(Type.String()),
    ip: Nullable(Type.String()),
    hash: Type.String(),
  },
  { title: 'AuditEvent' },
);

export const HistoryQuery = Type.Object({
  skip: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
});

export const HistoryPage = Type.Object(
  {
    items: Type.Array(AuditEventPublic),
    skip: Type.Integer(),
    limit: Type.Integer(),
    has_more: Type.Boolean(),
  },
  { title: 'HistoryPage' },
);

/** An entity's audit events, newest first. */
export async function entityHistory(db: Db, entityType: string, entityId: string, skip = 0, limit = 50) {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entity_type, entityType), eq(auditEvents.entity_id, entityId)))
    .orderBy(desc(auditEvents.seq))
    .offset(skip)
    .limit(limit + 1);
  return { items: rows.slice(0, limit), skip, limit, has_more: rows.length > limit };
}
