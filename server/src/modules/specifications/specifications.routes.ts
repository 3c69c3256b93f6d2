import { Type } from 'typebox';
import { specifications } from '../../db/schema/index.ts';
import { allowedActions } from '../../lib/actions.ts';
import { etag, expectedVersion } from '../../lib/concurrency.ts';
import type { Row } from '../../lib/crud.ts';
import { registerResource } from '../../lib/resource.ts';
import { IdempotencyHeaders, IdParams, IfMatchHeaders } from '../../lib/schemas.ts';
import { MANAGERS, STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { registerSpecificationCatalogue } from './specifications.catalogue.ts';
import {
  SPECIFICATION_CSV_COLUMNS,
  SpecificationCreate,
  SpecificationPublic,
  SpecificationRevise,
  SpecificationUpdate,
  specificationListSpec,
} from './specifications.schemas.ts';
import {
  prepareCreate,
  preparePatch,
  type ReviseInput,
  reviseSpecification,
  revisionsOf,
  specificationMachine,
} from './specifications.service.ts';

/** Specifications: named, versioned limit sets. Staff read them; managers and admins write them. */
const base = '/api/v1/specifications';

/** What the module's own routes answer: the record with the caller's allowed actions. */
const SpecificationRevision = Type.Object(
  { ...SpecificationPublic.properties, allowed_actions: Type.Array(Type.String()) },
  { title: 'SpecificationRevision' },
);

export default async function specificationsRoutes(app: App) {
  registerSpecificationCatalogue(app);
  registerResource(app, {
    name: 'specification',
    path: 'specifications',
    tag: 'specifications',
    table: specifications,
    schemas: { public: SpecificationPublic, create: SpecificationCreate, update: SpecificationUpdate },
    list: specificationListSpec,
    csvColumns: SPECIFICATION_CSV_COLUMNS,
    roles: { read: STAFF, write: MANAGERS },
    machine: specificationMachine,
    toInsert: (tx, body) => prepareCreate(tx, body),
    toPatch: (tx, patch, before) => preparePatch(tx, patch, before),
  });

  app.post(
    `${base}/:id/revise`,
    {
      config: { roles: MANAGERS, idempotent: true },
      schema: {
        operationId: 'specifications-revise',
        tags: ['specifications'],
        summary: 'Write revision n+1 with new limits; this revision becomes superseded (from active)',
        description:
          'Answers 201 with the new revision and its Location. Name, description and source carry over unless sent.',
        params: IdParams,
        headers: Type.Intersect([IfMatchHeaders, IdempotencyHeaders]),
        body: SpecificationRevise,
        response: { 201: SpecificationRevision },
      },
    },
    async (req, reply) => {
      const { version, ...input } = req.body;
      const expected = expectedVersion(req.headers['if-match'], version);
      const next = await app.db.transaction((tx) =>
        reviseSpecification(tx, req.audit, req.params.id, input as ReviseInput, expected),
      );
      reply.header('etag', etag(next.version));
      reply.header('location', `${base}/${next.id}`);
      return reply
        .code(201)
        .send({ ...next, allowed_actions: allowedActions(specificationMachine, next, req.user) } as never);
    },
  );

  app.get(
    `${base}/:id/revisions`,
    {
      config: { roles: STAFF },
      schema: {
        operationId: 'specifications-revisions-list',
        tags: ['specifications'],
        summary: 'Every revision of this specification, newest first',
        params: IdParams,
        response: {
          200: Type.Object({ items: Type.Array(SpecificationRevision) }, { title: 'SpecificationRevisions' }),
        },
      },
    },
    async (req) => {
      const rows = await revisionsOf(app.db, req.params.id);
      return {
        items: rows.map((row: Row) => ({
          ...row,
          allowed_actions: allowedActions(specificationMachine, row, req.user),
        })),
      } as never;
    },
  );
}
