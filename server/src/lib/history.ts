import { and, desc, eq, getTableColumns } from 'drizzle-orm';
import { Type } from 'typebox';
import type { Db } from '../db/client.ts';
import { auditEvents, users } from '../db/schema/index.ts';
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

/** A history event: the audit event plus who its actor is, so a timeline can name them. */
export const HistoryEvent = Type.Object(
  {
    ...AuditEventPublic.properties,
    actor_name: Type.Union([Type.String(), Type.Null()], {
      description:
        "The actor's full name now (or their e-mail address when the name is empty); null for the " +
        'system and for an actor whose account no longer exists',
    }),
    actor_email: Type.Union([Type.String(), Type.Null()], {
      description: "The actor's e-mail address; null in the same cases, and for customer callers",
    }),
  },
  { title: 'HistoryEvent' },
);

export const HistoryPage = Type.Object(
  {
    items: Type.Array(HistoryEvent),
    skip: Type.Integer(),
    limit: Type.Integer(),
    has_more: Type.Boolean(),
  },
  { title: 'HistoryPage' },
);

/**
 * An entity's audit events, newest first, each with its actor's name and e-mail: one query per
 * page, the users joined by primary key (audit rows keep actor_id without a foreign key, so an
 * actor that is gone simply joins to nothing). `actorEmails: false` leaves the e-mail addresses
 * out (customer callers see who acted, not how to write to them).
 */
export async function entityHistory(
  db: Db,
  entityType: string,
  entityId: string,
  skip = 0,
  limit = 50,
  { actorEmails = true }: { actorEmails?: boolean } = {},
) {
  const rows = await db
    .select({ event: getTableColumns(auditEvents), full_name: users.full_name, email: users.email })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actor_id))
    .where(and(eq(auditEvents.entity_type, entityType), eq(auditEvents.entity_id, entityId)))
    .orderBy(desc(auditEvents.seq))
    .offset(skip)
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(({ event, full_name, email }) => ({
    ...event,
    actor_name: full_name || email || null,
    actor_email: actorEmails ? email : null,
  }));
  return { items, skip, limit, has_more: rows.length > limit };
}
