import { and, asc, eq, ilike, isNull, ne, or, sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { users } from '../../db/schema/index.ts';
import { Id } from '../../lib/schemas.ts';
import { STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';

/**
 * The people who can own quality work (NCR and action owners, auditors): active staff, searched
 * by name or e-mail. Auditors may not list users (/users is for managers), but they must be able
 * to name an owner; this answers with names and roles only.
 */
const PeopleQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
const Person = Type.Object({ id: Id, name: Type.String(), role: Type.String() }, { title: 'QualityPerson' });

export default async function peopleRoutes(app: App) {
  app.get(
    '/api/v1/ncrs/people',
    {
      config: { roles: STAFF },
      schema: {
        operationId: 'ncrs-people',
        tags: ['ncrs'],
        summary: 'Active staff who may own NCRs, CAPA actions and audits (name and role only)',
        querystring: PeopleQuery,
        response: { 200: Type.Object({ items: Type.Array(Person) }, { title: 'QualityPeople' }) },
      },
    },
    async (req) => {
      const q = req.query.q?.trim();
      const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
      const rows = await app.db
        .select({
          id: users.id,
          name: sql<string>`coalesce(nullif(${users.full_name}, ''), ${users.email})`,
          role: users.role,
        })
        .from(users)
        .where(
          and(
            isNull(users.archived_at),
            eq(users.is_active, true),
            ne(users.role, 'customer'),
            pattern ? or(ilike(users.full_name, pattern), ilike(users.email, pattern)) : undefined,
          ),
        )
        .orderBy(asc(users.full_name), asc(users.id))
        .limit(req.query.limit ?? 20);
      return { items: rows };
    },
  );
}
