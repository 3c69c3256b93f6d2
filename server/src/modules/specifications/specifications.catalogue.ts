import { and, eq, inArray, isNull } from 'drizzle-orm';
import { Type } from 'typebox';
import { specifications } from '../../db/schema/index.ts';
import { type ListQuery, type ListSpec, listPage, listQuerySchema, pageSchema } from '../../lib/list.ts';
import { Id, Nullable } from '../../lib/schemas.ts';
import { STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { specificationListSpec } from './specifications.schemas.ts';

/**
 * What a customer sees of the lab's specifications when it names what its samples are judged
 * against on a test request: the active revisions by code, name and source, never the limits
 * (those are the lab's records; the report shows each verdict with its limits).
 */
const entryFields = {
  id: Id,
  code: Type.String(),
  name: Type.String(),
  revision: Type.Integer(),
  source: Nullable(Type.String()),
  description: Nullable(Type.String()),
};
const CatalogueSpecification = Type.Object(entryFields, { title: 'CatalogueSpecification' });
const columns = Object.fromEntries(
  Object.keys(entryFields).map((key) => [key, specifications[key as keyof typeof entryFields]]),
);

/** Active revisions (by id, superseded ones too): no status or archived filter, sorted by code or name. */
const catalogueListSpec: ListSpec = {
  ...specificationListSpec,
  sortable: { code: { column: specifications.code }, name: { column: specifications.name } },
  filters: {},
};

const CatalogueQuery = Type.Object({
  ...listQuerySchema(catalogueListSpec).properties,
  ids: Type.Optional(
    Type.Array(Id, {
      maxItems: 100,
      description:
        'Only these specifications, superseded revisions included (repeat the parameter): resolves names',
    }),
  ),
});

export function registerSpecificationCatalogue(app: App) {
  app.get(
    '/api/v1/specifications/catalogue',
    {
      config: { roles: [...STAFF, 'customer'] },
      schema: {
        operationId: 'specifications-catalogue-list',
        tags: ['specifications'],
        summary: 'The active specifications, as customers pick them on a test request (no limits)',
        querystring: CatalogueQuery,
        response: { 200: pageSchema(CatalogueSpecification, 'CatalogueSpecificationsPage') },
      },
    },
    async (req) => {
      const query = req.query as ListQuery & { ids?: string[] };
      // By id it also names superseded revisions: a request made last year still shows what it named.
      const scope = and(
        isNull(specifications.archived_at),
        query.ids ? inArray(specifications.id, query.ids) : eq(specifications.status, 'active'),
      );
      return listPage(app.db, catalogueListSpec, { ...query, archived: false }, { scope, columns });
    },
  );
}
