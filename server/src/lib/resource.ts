import { eq, type SQL, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type TObject, Type } from 'typebox';
import type { Db } from '../db/client.ts';
import type { Role } from '../db/schema/users.ts';
import type { App, CurrentUser } from '../types.ts';
import { allowedActions, type Machine, registerActions } from './actions.ts';
import { etag, expectedVersion } from './concurrency.ts';
import {
  archiveEntity,
  type EntityTable,
  findVisible,
  insertEntity,
  type Row,
  restoreEntity,
  updateEntity,
} from './crud.ts';
import { notFound } from './errors.ts';
import { entityHistory, HistoryPage, HistoryQuery } from './history.ts';
import {
  EXPORT_DESCRIPTION,
  EXPORT_MEDIA_TYPES,
  exportFormatOf,
  type ListQuery,
  type ListSpec,
  listAll,
  listPage,
  listQuerySchema,
  pageSchema,
  sendExport,
} from './list.ts';
import { nextNumber } from './numbering.ts';
import { IdempotencyHeaders, IdParams, IfMatchHeaders } from './schemas.ts';

/**
 * The standard REST surface of API.md "Resources" for one entity, from a declaration: list (with
 * CSV), read, create, replace, patch, archive, restore and history, each with its schemas, roles,
 * operation id, ETag/If-Match, Idempotency-Key and audit. A new resource declares this and adds
 * only what is its own (actions, rules); see modules/customers for the template.
 */
export interface ResourceDef {
  /** Singular, snake_case: messages, audit entity_type (`customer`). */
  name: string;
  /** URL segment and operation-id prefix, kebab-case plural (`customers`). */
  path: string;
  tag: string;
  table: EntityTable;
  schemas: {
    /** The response shape: also the field whitelist. */
    public: TObject;
    /** POST body; its properties are the editable fields (PUT replaces exactly these). */
    create: TObject;
    /** PATCH body: the same fields, all optional. */
    update: TObject;
  };
  list: ListSpec;
  csvColumns: readonly string[];
  roles: { read: readonly Role[]; write: readonly Role[]; archive?: readonly Role[] };
  /** Rows the caller may see (customer scoping and the like); undefined = all. */
  scope?: (user: CurrentUser) => SQL | undefined;
  /** Human number: prefix and the column it goes in (`RFQ`, `number`). */
  numbering?: { prefix: string; column: string };
  /** Turns a validated create body into column values (server-set fields, scoping). */
  toInsert?: (
    tx: Db,
    body: Record<string, unknown>,
    req: FastifyRequest,
  ) => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Checks and adjusts a patch against the current row (rules that span fields). */
  toPatch?: (
    tx: Db,
    patch: Record<string, unknown>,
    before: Row,
    req: FastifyRequest,
  ) => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Runs inside the create transaction, after the insert: child rows that need the new id. */
  afterInsert?: (tx: Db, row: Row, req: FastifyRequest) => Promise<void>;
  /** Runs after a successful write, outside the transaction (cache invalidation, mail). */
  afterWrite?: (app: App, row: Row, action: string) => Promise<void>;
  /** State machine: the status changes only through these actions (lib/actions.ts). */
  machine?: Machine;
  /**
   * Read-only fields added to rows as they leave (the numbers of linked records, say), for a whole
   * page at once: one batched query per page, never one per row. Declare them in `schemas.public`.
   */
  expand?: (db: Db, rows: Row[]) => Promise<Row[]>;
}

/** Drops everything that is not an editable field (and `version`, which is only a precondition). */
function editable(def: ResourceDef, body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(def.schemas.create.properties)) if (key in body) out[key] = body[key];
  return out;
}

/**
 * A PATCH leaves an omitted field as it is, so its schema must not carry the create schema's
 * defaults: Ajv (useDefaults) would fill them in and silently overwrite the stored values.
 */
const withoutDefaults = (schema: TObject) =>
  Type.Object(
    Object.fromEntries(
      Object.entries(schema.properties).map(([key, prop]) => {
        // a copy with every own property (TypeBox keeps its `~optional` mark non-enumerable)
        const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(prop));
        delete (copy as { default?: unknown }).default;
        return [key, copy];
      }),
    ) as TObject['properties'],
  );

const withVersion = (schema: TObject, title: string) =>
  Type.Object(
    {
      ...schema.properties,
      version: Type.Optional(Type.Integer({ minimum: 1, description: 'Same as If-Match' })),
    },
    { additionalProperties: false, title },
  );

export function registerResource(app: App, def: ResourceDef) {
  const base = `/api/v1/${def.path}`;
  const title = def.name
    .split('_')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
  const Public = Type.Object(
    def.machine
      ? {
          ...def.schemas.public.properties,
          allowed_actions: Type.Array(Type.String(), { description: 'Actions the caller may take now' }),
        }
      : def.schemas.public.properties,
    { title },
  );
  /** The row as this caller sees it: with the actions it may take, when the resource has states. */
  const present = (req: FastifyRequest, row: Row) =>
    def.machine ? { ...row, allowed_actions: allowedActions(def.machine, row, req.user) } : row;
  const expand = async (rows: Row[]) => (def.expand && rows.length ? def.expand(app.db, rows) : rows);
  const Create = Type.Object(def.schemas.create.properties, {
    additionalProperties: false,
    title: `${title}Create`,
  });
  const Replace = withVersion(def.schemas.create, `${title}Replace`);
  const Update = withVersion(withoutDefaults(def.schemas.update), `${title}Update`);
  const Page = pageSchema(Public, `${title}sPage`);
  const ListQuerySchema = listQuerySchema(def.list);
  const scopeOf = (req: FastifyRequest) => def.scope?.(req.user);
  const archiveRoles = def.roles.archive ?? def.roles.write;
  const ref = { table: def.table, name: def.name };
  // The hottest read, prepared once: no query building per request, and PostgreSQL plans it once
  // per connection. Scoped callers (customer users) take the general path.
  const byId = app.db
    .select()
    .from(def.table as EntityTable)
    .where(eq(def.table.id, sql.placeholder('id')))
    .limit(1)
    .prepare(`${def.path.replace(/-/g, '_')}_by_id`);
  const readOne = async (req: FastifyRequest, id: string): Promise<Row> => {
    const scope = scopeOf(req);
    if (scope) return findVisible(app.db, ref, id, scope);
    const [row] = (await byId.execute({ id })) as Row[];
    if (!row) throw notFound(def.name, id);
    return row;
  };

  const sendRow = async (req: FastifyRequest, reply: FastifyReply, row: Row, status = 200) => {
    reply.header('etag', etag(row.version));
    if (status === 201) reply.header('location', `${base}/${row.id}`);
    const [full] = await expand([row]);
    return reply.code(status).send(present(req, full));
  };

  const write = async (_req: FastifyRequest, action: string, work: (tx: Db) => Promise<Row>) => {
    const row = await app.db.transaction(work);
    await def.afterWrite?.(app, row, action);
    return row;
  };

  app.get(
    base,
    {
      config: { roles: def.roles.read },
      schema: {
        operationId: `${def.path}-list`,
        tags: [def.tag],
        summary: `List ${def.path.replace(/-/g, ' ')}`,
        description: EXPORT_DESCRIPTION,
        produces: EXPORT_MEDIA_TYPES,
        querystring: ListQuerySchema,
        response: { 200: Page },
      },
    },
    async (req, reply) => {
      const query = req.query as ListQuery;
      const format = exportFormatOf(req, query.format);
      if (format) {
        const batches = listAll<Row>(app.db, def.list, query, { scope: scopeOf(req) });
        const expanded = def.expand
          ? (async function* () {
              for await (const batch of batches) yield await expand(batch);
            })()
          : batches;
        return sendExport(reply, format, def.path, def.csvColumns, expanded, { table: def.table });
      }
      const page = await listPage<Row>(app.db, def.list, query, { scope: scopeOf(req) });
      const items = await expand(page.items);
      return { ...page, items: def.machine ? items.map((row) => present(req, row)) : items };
    },
  );

  app.get(
    `${base}/:id`,
    {
      config: { roles: def.roles.read },
      schema: {
        operationId: `${def.path}-get`,
        tags: [def.tag],
        params: IdParams,
        response: { 200: Public },
      },
    },
    async (req, reply) => sendRow(req, reply, await readOne(req, req.params.id)),
  );

  app.post(
    base,
    {
      config: { roles: def.roles.write, idempotent: true },
      schema: {
        operationId: `${def.path}-create`,
        tags: [def.tag],
        headers: IdempotencyHeaders,
        body: Create,
        response: { 201: Public },
      },
    },
    async (req, reply) => {
      const body = req.body as Record<string, unknown>;
      const row = await write(req, 'create', async (tx) => {
        const values = def.toInsert ? await def.toInsert(tx, editable(def, body), req) : editable(def, body);
        if (def.numbering) values[def.numbering.column] = await nextNumber(tx, def.numbering.prefix);
        const inserted = await insertEntity(tx, ref, req.audit, values);
        await def.afterInsert?.(tx, inserted, req);
        return inserted;
      });
      return sendRow(req, reply, row, 201);
    },
  );

  const change = (mode: 'replace' | 'update') => async (req: FastifyRequest, reply: FastifyReply) => {
    const { id } = req.params as { id: string };
    const body = req.body as Record<string, unknown>;
    const expected = expectedVersion(req.headers['if-match'], body.version);
    let patch = editable(def, body);
    if (mode === 'replace') {
      // PUT replaces every editable field: an omitted optional field becomes null (or its default).
      for (const key of Object.keys(def.schemas.create.properties)) if (!(key in patch)) patch[key] = null;
    }
    const row = await write(req, mode, async (tx) => {
      const scope = scopeOf(req);
      if (def.toPatch) {
        const current = await findVisible(tx, ref, id, scope, true);
        patch = await def.toPatch(tx, patch, current, req);
      }
      return (await updateEntity(tx, ref, req.audit, id, patch, { expected, scope })).after;
    });
    return sendRow(req, reply, row);
  };

  for (const [method, mode, body] of [
    ['PUT', 'replace', Replace],
    ['PATCH', 'update', Update],
  ] as const) {
    app.route({
      method,
      url: `${base}/:id`,
      config: { roles: def.roles.write },
      schema: {
        operationId: `${def.path}-${mode}`,
        tags: [def.tag],
        params: IdParams,
        headers: IfMatchHeaders,
        body,
        response: { 200: Public },
      },
      handler: change(mode),
    });
  }

  app.delete(
    `${base}/:id`,
    {
      config: { roles: archiveRoles },
      schema: {
        operationId: `${def.path}-archive`,
        tags: [def.tag],
        summary: 'Archive (records are never destroyed through the API)',
        params: IdParams,
        headers: IfMatchHeaders,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      const expected = expectedVersion(req.headers['if-match'], undefined);
      await write(req, 'archive', (tx) =>
        archiveEntity(tx, ref, req.audit, req.params.id, { expected, scope: scopeOf(req) }),
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${base}/:id/restore`,
    {
      config: { roles: archiveRoles, idempotent: true },
      schema: {
        operationId: `${def.path}-restore`,
        tags: [def.tag],
        params: IdParams,
        headers: Type.Intersect([IfMatchHeaders, IdempotencyHeaders]),
        response: { 200: Public },
      },
    },
    async (req, reply) => {
      const expected = expectedVersion(req.headers['if-match'], undefined);
      const row = await write(req, 'restore', (tx) =>
        restoreEntity(tx, ref, req.audit, req.params.id, { expected, scope: scopeOf(req) }),
      );
      return sendRow(req, reply, row);
    },
  );

  if (def.machine) {
    registerActions(app, def.machine, {
      base,
      path: def.path,
      tag: def.tag,
      ref,
      publicSchema: Public,
      scopeOf,
      send: (req, reply, row) => sendRow(req, reply, row),
    });
  }

  app.get(
    `${base}/:id/history`,
    {
      config: { roles: def.roles.read },
      schema: {
        operationId: `${def.path}-history`,
        tags: [def.tag],
        summary: 'Audit events of this record, newest first',
        params: IdParams,
        querystring: HistoryQuery,
        response: { 200: HistoryPage },
      },
    },
    async (req) => {
      await readOne(req, req.params.id);
      return entityHistory(app.db, def.name, req.params.id, req.query.skip, req.query.limit, {
        actorEmails: req.user.role !== 'customer',
      });
    },
  );
}
