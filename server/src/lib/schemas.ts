import { type TSchema, Type } from 'typebox';

/** Shared wire types (API.md "Basics"). Every module builds its schemas from these. */
export const Id = Type.String({ format: 'uuid', description: 'UUID (v7, time-ordered)' });
export const IdParams = Type.Object({ id: Id });
/** Drizzle hands out Date objects; the serializer writes them as ISO 8601 UTC strings. */
export const Timestamp = Type.Unsafe<Date | string>({
  type: 'string',
  format: 'date-time',
  description: 'ISO 8601 UTC',
});
export const DateOnly = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Money = Type.String({
  pattern: '^-?\\d{1,13}(\\.\\d{1,4})?$',
  description: 'Exact decimal, e.g. "1234.50"',
});
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** Bounded text: every string on the wire has a maximum so no client can send a megabyte name. */
export const Text = (maxLength = 200, minLength = 0) => Type.String({ maxLength, minLength });
export const LongText = (maxLength = 10_000) => Type.String({ maxLength });

export const EntityFields = {
  id: Id,
  created_at: Timestamp,
  updated_at: Timestamp,
  version: Type.Integer({ minimum: 1 }),
  archived_at: Nullable(Timestamp),
};

/** Fields a client may send back from a GET but which the server never writes (read-only). */
export const ReadOnlyFields = ['id', 'created_at', 'updated_at', 'archived_at'] as const;

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    request_id: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ description: 'ETag from a GET; 412 when stale', maxLength: 100 })),
});

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 1, maxLength: 255, description: 'Replays the first answer for 24 h' }),
  ),
});
