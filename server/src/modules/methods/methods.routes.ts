import { and, eq, inArray, isNull } from 'drizzle-orm';
import { Type } from 'typebox';
import { methods } from '../../db/schema/index.ts';
import { findVisible } from '../../lib/crud.ts';
import {
  EXPORT_DESCRIPTION,
  EXPORT_MEDIA_TYPES,
  exportFormatOf,
  type ListQuery,
  listAll,
  listPage,
  listQuerySchema,
  pageSchema,
  sendExport,
} from '../../lib/list.ts';
import { registerResource } from '../../lib/resource.ts';
import { Id, IdParams } from '../../lib/schemas.ts';
import { MANAGERS, STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { methodEngineers, methodRef } from './methods.repo.ts';
import { checkMethodFields } from './methods.rules.ts';
import {
  CATALOGUE_COLUMNS,
  CatalogueMethod,
  catalogueListSpec,
  METHOD_CSV_COLUMNS,
  MethodCreate,
  MethodEngineer,
  MethodPublic,
  MethodUpdate,
  methodListSpec,
} from './methods.schemas.ts';

/**
 * The test catalogue. Staff read the full records (who is authorised included); managers and
 * admins change them. Customers pick methods on their RFQs and TRFs from `GET /methods/catalogue`:
 * active methods only, without the authorised engineers. A separate lean list rather than a
 * customer scope on /methods, so no route (history, CSV, a single read) can leak staff-only data.
 */
const CATALOGUE_CSV_COLUMNS = Object.keys(CATALOGUE_COLUMNS);

export default async function methodsRoutes(app: App) {
  const defaults = { currency: app.config.CURRENCY };

  registerResource(app, {
    name: 'method',
    path: 'methods',
    tag: 'methods',
    table: methods,
    schemas: { public: MethodPublic, create: MethodCreate, update: MethodUpdate },
    list: methodListSpec,
    csvColumns: METHOD_CSV_COLUMNS,
    roles: { read: STAFF, write: MANAGERS },
    toInsert: (tx, body) => checkMethodFields(tx, { currency: defaults.currency, ...body }, defaults),
    toPatch: (tx, patch, before) => checkMethodFields(tx, patch, defaults, before),
  });

  app.get(
    '/api/v1/methods/:id/engineers',
    {
      config: { roles: STAFF },
      schema: {
        operationId: 'methods-engineers-list',
        tags: ['methods'],
        summary: 'The engineers authorised to perform this method, with their names',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(MethodEngineer) }, { title: 'MethodEngineers' }) },
      },
    },
    async (req) => {
      const method = await findVisible(app.db, methodRef, req.params.id);
      return { items: await methodEngineers(app.db, method.authorised_engineer_ids as string[]) };
    },
  );

  const CatalogueQuery = Type.Object({
    ...listQuerySchema(catalogueListSpec).properties,
    ids: Type.Optional(
      Type.Array(Id, {
        maxItems: 100,
        description: 'Only these methods (repeat the parameter): resolves names',
      }),
    ),
  });

  app.get(
    '/api/v1/methods/catalogue',
    {
      config: { roles: [...STAFF, 'customer'] },
      schema: {
        operationId: 'methods-catalogue-list',
        tags: ['methods'],
        summary: 'The active methods, as customers see them (no authorised engineers)',
        description: EXPORT_DESCRIPTION,
        produces: EXPORT_MEDIA_TYPES,
        querystring: CatalogueQuery,
        response: { 200: pageSchema(CatalogueMethod, 'CatalogueMethodsPage') },
      },
    },
    async (req, reply) => {
      const query = req.query as ListQuery & { ids?: string[] };
      const scope = and(
        eq(methods.is_active, true),
        isNull(methods.archived_at),
        query.ids ? inArray(methods.id, query.ids) : undefined,
      );
      // archived=true would list archived methods: the catalogue never has any
      const listQuery = { ...query, archived: false };
      const options = { scope, columns: CATALOGUE_COLUMNS };
      const format = exportFormatOf(req, query.format);
      if (format) {
        const rows = listAll(app.db, catalogueListSpec, listQuery, options);
        return sendExport(reply, format, 'method-catalogue', CATALOGUE_CSV_COLUMNS, rows, { table: methods });
      }
      return listPage(app.db, catalogueListSpec, listQuery, options);
    },
  );
}
