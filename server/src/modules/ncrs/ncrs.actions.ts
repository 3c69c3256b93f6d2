import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import { ncrActions, ncrs } from '../../db/schema/index.ts';
import { etag, expectedVersion } from '../../lib/concurrency.ts';
import { archiveEntity, findVisible, insertEntity, type Row, updateEntity } from '../../lib/crud.ts';
import { todayIn } from '../../lib/dates.ts';
import { conflict, forbidden } from '../../lib/errors.ts';
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
import { Id, IdempotencyHeaders, IdParams, IfMatchHeaders } from '../../lib/schemas.ts';
import { STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import {
  NCR_ACTION_CSV_COLUMNS,
  NcrActionComplete,
  NcrActionCreate,
  NcrActionPublic,
  NcrActionUpdate,
  ncrActionListSpec,
} from './ncrs.schemas.ts';
import { NCR_ACTION_REF, NCR_REF } from './ncrs.service.ts';
import { assertStaff, namesOf, QUALITY_OWNERS } from './people.ts';

/**
 * CAPA actions of an NCR: `/ncrs/{id}/actions` (list, add, edit, complete, archive) and the
 * cross-NCR list `/ncr-actions?overdue=true&owner_id=…` of what is due. Actions are planned while
 * the NCR is open, investigating or action_pending; in verification the NCR must first go back to
 * action_pending (reopen_actions). The owner of an action (an engineer, say) may complete it.
 */
const ActionParams = Type.Object({ id: Id, actionId: Id });
const ActionList = Type.Object({ items: Type.Array(NcrActionPublic) }, { title: 'NcrActionList' });
const PLANNING = ['open', 'investigating', 'action_pending'];
const COMPLETERS = [...QUALITY_OWNERS, 'engineer'] as const;

async function expandActions(db: Db, rows: Row[], timeZone: string): Promise<Row[]> {
  if (!rows.length) return rows;
  const ncrIds = [...new Set(rows.map((r) => r.ncr_id as string))];
  const parents = await db
    .select({ id: ncrs.id, number: ncrs.number, title: ncrs.title })
    .from(ncrs)
    .where(inArray(ncrs.id, ncrIds));
  const byId = new Map(parents.map((p) => [p.id, p]));
  const names = await namesOf(
    db,
    rows.flatMap((r) => [r.owner_id as string, r.completed_by as string | null]),
  );
  const today = todayIn(timeZone);
  return rows.map((r) => ({
    ...r,
    ncr_number: byId.get(r.ncr_id as string)?.number ?? '',
    ncr_title: byId.get(r.ncr_id as string)?.title ?? '',
    owner_name: names.get(r.owner_id as string) ?? null,
    completed_by_name: r.completed_by ? (names.get(r.completed_by as string) ?? null) : null,
    overdue: r.status === 'open' && String(r.due_date) < today,
  }));
}

/** The NCR, locked, when its actions may still be planned. */
async function plannable(tx: Db, ncrId: string): Promise<Row> {
  const ncr = await findVisible(tx, NCR_REF, ncrId, undefined, true);
  if (ncr.archived_at) throw conflict(`NCR ${ncr.number} is archived; restore it first`);
  if (!PLANNING.includes(String(ncr.status))) {
    throw conflict(
      `NCR ${ncr.number} is ${ncr.status}: actions are planned while it is ${PLANNING.join(', ')}${
        ncr.status === 'verification' ? ' (send it back with reopen_actions)' : ''
      }`,
    );
  }
  return ncr;
}

/** The action, of that NCR, locked. */
async function actionOf(tx: Db, ncrId: string, actionId: string): Promise<Row> {
  const action = await findVisible(tx, NCR_ACTION_REF, actionId, eq(ncrActions.ncr_id, ncrId), true);
  return action;
}

export default async function ncrActionRoutes(app: App, timeZone: string) {
  const base = '/api/v1/ncrs/:id/actions';
  const send = async (reply: FastifyReply, row: Row, status = 200) => {
    const [full] = await expandActions(app.db, [row], timeZone);
    reply.header('etag', etag(row.version));
    if (status === 201) reply.header('location', `/api/v1/ncrs/${row.ncr_id}/actions/${row.id}`);
    return reply.code(status).send(full as never);
  };

  app.get(
    base,
    {
      config: { roles: STAFF },
      schema: {
        operationId: 'ncrs-actions-list',
        tags: ['ncrs'],
        summary: 'The CAPA actions of an NCR, by due date',
        params: IdParams,
        response: { 200: ActionList },
      },
    },
    async (req) => {
      await findVisible(app.db, NCR_REF, req.params.id);
      const rows = (await app.db
        .select()
        .from(ncrActions)
        .where(and(eq(ncrActions.ncr_id, req.params.id), isNull(ncrActions.archived_at)))
        .orderBy(ncrActions.due_date, ncrActions.id)) as Row[];
      return { items: (await expandActions(app.db, rows, timeZone)) as never };
    },
  );

  app.post(
    base,
    {
      config: { roles: QUALITY_OWNERS, idempotent: true },
      schema: {
        operationId: 'ncrs-actions-create',
        tags: ['ncrs'],
        summary: 'Add a CAPA action (while open, investigating or action_pending)',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: NcrActionCreate,
        response: { 201: NcrActionPublic },
      },
    },
    async (req, reply) => {
      const row = await app.db.transaction(async (tx) => {
        const ncr = await plannable(tx, req.params.id);
        await assertStaff(tx, [req.body.owner_id], 'owner_id');
        return insertEntity(tx, NCR_ACTION_REF, req.audit, { ...req.body, ncr_id: ncr.id });
      });
      return send(reply, row, 201);
    },
  );

  app.patch(
    `${base}/:actionId`,
    {
      config: { roles: QUALITY_OWNERS },
      schema: {
        operationId: 'ncrs-actions-update',
        tags: ['ncrs'],
        summary: 'Change an open CAPA action (description, owner, due date)',
        params: ActionParams,
        headers: IfMatchHeaders,
        body: NcrActionUpdate,
        response: { 200: NcrActionPublic },
      },
    },
    async (req, reply) => {
      const { version, ...patch } = req.body;
      const expected = expectedVersion(req.headers['if-match'], version);
      const row = await app.db.transaction(async (tx) => {
        await plannable(tx, req.params.id);
        const action = await actionOf(tx, req.params.id, req.params.actionId);
        if (action.status !== 'open')
          throw conflict('A completed CAPA action is a record; add another action');
        if (patch.owner_id) await assertStaff(tx, [patch.owner_id], 'owner_id');
        return (await updateEntity(tx, NCR_ACTION_REF, req.audit, action.id, patch, { expected })).after;
      });
      return send(reply, row);
    },
  );

  app.post(
    `${base}/:actionId/complete`,
    {
      config: { roles: COMPLETERS, idempotent: true },
      schema: {
        operationId: 'ncrs-actions-complete',
        tags: ['ncrs'],
        summary: 'Mark a CAPA action done, with its evidence (its owner, an auditor or a manager)',
        params: ActionParams,
        headers: Type.Intersect([IfMatchHeaders, IdempotencyHeaders]),
        body: NcrActionComplete,
        response: { 200: NcrActionPublic },
      },
    },
    async (req, reply) => {
      const expected = expectedVersion(req.headers['if-match'], undefined);
      const row = await app.db.transaction(async (tx) => {
        await plannable(tx, req.params.id);
        const action = await actionOf(tx, req.params.id, req.params.actionId);
        if (req.user.role === 'engineer' && action.owner_id !== req.user.id) {
          throw forbidden('Only the owner of this action, an auditor or a manager may complete it');
        }
        if (action.status !== 'open') throw conflict('This CAPA action is already done');
        const patch = {
          status: 'done',
          completed_at: new Date(),
          completed_by: req.user.id,
          evidence: req.body.evidence.trim(),
        };
        return (
          await updateEntity(tx, NCR_ACTION_REF, req.audit, action.id, patch, {
            expected,
            action: 'complete',
          })
        ).after;
      });
      return send(reply, row);
    },
  );

  app.delete(
    `${base}/:actionId`,
    {
      config: { roles: QUALITY_OWNERS },
      schema: {
        operationId: 'ncrs-actions-archive',
        tags: ['ncrs'],
        summary: 'Withdraw an open CAPA action (archived, never destroyed)',
        params: ActionParams,
        headers: IfMatchHeaders,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      const expected = expectedVersion(req.headers['if-match'], undefined);
      await app.db.transaction(async (tx) => {
        await plannable(tx, req.params.id);
        const action = await actionOf(tx, req.params.id, req.params.actionId);
        if (action.status !== 'open') throw conflict('A completed CAPA action is a record; it stays');
        await archiveEntity(tx, NCR_ACTION_REF, req.audit, action.id, { expected });
      });
      return reply.code(204).send(null);
    },
  );

  const listSpec = ncrActionListSpec(timeZone);
  app.get(
    '/api/v1/ncr-actions',
    {
      config: { roles: STAFF },
      schema: {
        operationId: 'ncr-actions-list',
        tags: ['ncrs'],
        summary: 'CAPA actions across NCRs: `overdue=true&owner_id=…` lists what is late',
        description: EXPORT_DESCRIPTION,
        produces: EXPORT_MEDIA_TYPES,
        querystring: listQuerySchema(listSpec),
        response: { 200: pageSchema(NcrActionPublic, 'NcrActionsPage') },
      },
    },
    async (req: FastifyRequest, reply: FastifyReply) => {
      const query = req.query as ListQuery;
      const format = exportFormatOf(req, query.format);
      if (format) {
        const batches = (async function* () {
          for await (const batch of listAll<Row>(app.db, listSpec, query)) {
            yield await expandActions(app.db, batch, timeZone);
          }
        })();
        return sendExport(reply, format, 'ncr-actions', NCR_ACTION_CSV_COLUMNS, batches);
      }
      const page = await listPage<Row>(app.db, listSpec, query);
      return { ...page, items: await expandActions(app.db, page.items, timeZone) };
    },
  );
}
