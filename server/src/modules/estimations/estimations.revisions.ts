import { and, asc, eq, max } from 'drizzle-orm';
import { Type } from 'typebox';
import { estimations } from '../../db/schema/index.ts';
import { allowedActions } from '../../lib/actions.ts';
import { etag, expectedVersion } from '../../lib/concurrency.ts';
import { insertEntity, type Row, updateEntity } from '../../lib/crud.ts';
import { conflict, invalidTransition, preconditionFailed } from '../../lib/errors.ts';
import { IdempotencyHeaders, IdParams, IfMatchHeaders } from '../../lib/schemas.ts';
import { STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { today } from '../commercial/references.ts';
import { EstimationWithActions, RevisionList } from './estimations.schemas.ts';
import {
  estimationMachine,
  estimationRef,
  estimationScope,
  expandEstimations,
  findEstimation,
} from './estimations.service.ts';

const base = '/api/v1/estimations';
const tags = ['estimations'];
const VALIDITY_DAYS = 30;
const revise = estimationMachine.actions.find((a) => a.name === 'revise')!;

/**
 * Revisions: `POST /estimations/{id}/revise` copies the latest revision into revision n+1 (same
 * number, `previous_id` to it, a fresh draft valid for 30 days); a revised `sent` quote becomes
 * `superseded`. Earlier revisions stay readable; `GET /estimations/{id}/revisions` lists them all.
 */
export function registerRevisionRoutes(app: App) {
  const present = (req: { user: Parameters<typeof allowedActions>[2] }, row: Row) => ({
    ...row,
    allowed_actions: allowedActions(estimationMachine, row, req.user),
  });

  app.post(
    `${base}/:id/revise`,
    {
      config: { roles: revise.roles, idempotent: true },
      schema: {
        operationId: 'estimations-revise',
        tags,
        summary: `Make revision n+1 as a new draft (from ${revise.from.join(', ')}); answers the new revision`,
        params: IdParams,
        headers: Type.Intersect([IfMatchHeaders, IdempotencyHeaders]),
        response: { 201: EstimationWithActions },
      },
    },
    async (req, reply) => {
      const expected = expectedVersion(req.headers['if-match'], undefined);
      const created = await app.db.transaction(async (tx) => {
        const current = await findEstimation(tx, req.params.id, req.user, true);
        if (expected !== undefined && current.version !== expected) {
          throw preconditionFailed(
            `estimation ${current.id} is at version ${current.version}, not ${expected}: reload it and apply your change again`,
          );
        }
        const state = String(current.status);
        if (!revise.from.includes(state)) {
          throw invalidTransition(
            'estimation',
            state,
            'revise',
            allowedActions(estimationMachine, current, req.user),
          );
        }
        if (current.archived_at)
          throw conflict(`estimation ${current.id} is archived; restore it before revising it`);
        const [{ latest }] = await tx
          .select({ latest: max(estimations.revision) })
          .from(estimations)
          .where(eq(estimations.number, String(current.number)));
        if (Number(latest) > Number(current.revision)) {
          throw conflict(`${current.number} already has revision ${latest}; revise the latest one`);
        }
        if (state === 'sent') {
          await updateEntity(
            tx,
            estimationRef,
            req.audit,
            current.id,
            { status: 'superseded' },
            { action: 'supersede' },
          );
        }
        const validity = new Date(`${today(req)}T00:00:00Z`);
        validity.setUTCDate(validity.getUTCDate() + VALIDITY_DAYS);
        return insertEntity(tx, estimationRef, req.audit, {
          number: current.number,
          revision: Number(current.revision) + 1,
          previous_id: current.id,
          rfq_id: current.rfq_id,
          customer_id: current.customer_id,
          title: current.title,
          lines: current.lines,
          currency: current.currency,
          tax_rate: current.tax_rate,
          subtotal: current.subtotal,
          tax_amount: current.tax_amount,
          total: current.total,
          valid_until: validity.toISOString().slice(0, 10),
          notes: current.notes,
          status: 'draft',
          created_by: req.user.id,
        });
      });
      reply.header('etag', etag(created.version));
      reply.header('location', `${base}/${created.id}`);
      const [full] = await expandEstimations(app.db, [created]);
      return reply.code(201).send(present(req, full) as never);
    },
  );

  app.get(
    `${base}/:id/revisions`,
    {
      config: { roles: [...STAFF, 'customer'] },
      schema: {
        operationId: 'estimations-revisions',
        tags,
        summary: 'Every revision of this quote that the caller may see, oldest first',
        params: IdParams,
        response: { 200: RevisionList },
      },
    },
    async (req) => {
      const current = await findEstimation(app.db, req.params.id, req.user);
      const rows = (await app.db
        .select()
        .from(estimations)
        .where(and(eq(estimations.number, String(current.number)), estimationScope(req.user)))
        .orderBy(asc(estimations.revision))) as Row[];
      const expanded = rows.length ? await expandEstimations(app.db, rows) : [];
      return { items: expanded.map((row) => present(req, row)) } as never;
    },
  );
}
