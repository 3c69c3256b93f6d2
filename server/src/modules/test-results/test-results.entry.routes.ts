import { Type } from 'typebox';
import { etag, expectedVersion } from '../../lib/concurrency.ts';
import { findVisible, insertEntity, type Row, updateEntity } from '../../lib/crud.ts';
import { conflict, unprocessable } from '../../lib/errors.ts';
import { IdempotencyHeaders, IdParams, IfMatchHeaders } from '../../lib/schemas.ts';
import type { App } from '../../types.ts';
import { type ResultRow, resultRef } from '../test-plans/test-plans.repo.ts';
import { BENCH_ROLES } from '../test-plans/test-plans.routes.ts';
import type { ResultInput } from './result-values.ts';
import { presentResults } from './test-results.present.ts';
import { BulkBody, CorrectBody, TestResultPublic } from './test-results.schemas.ts';
import { checkEntries, entryContext, inherited } from './test-results.service.ts';

/**
 * Entering many results at once and correcting approved ones. Both write in one transaction with
 * an audit event per record, and answer with the results as GET shows them.
 */
const base = '/api/v1/test-results';
const ResultOut = Type.Object({
  ...TestResultPublic.properties,
  allowed_actions: Type.Array(Type.String(), { description: 'Actions the caller may take now' }),
});

export function registerBulkAndCorrect(app: App) {
  app.post(
    `${base}/bulk`,
    {
      config: { roles: BENCH_ROLES, idempotent: true },
      schema: {
        operationId: 'test-results-bulk',
        tags: ['test-results'],
        summary: 'Enter many results for one execution: all of them or none',
        description:
          'Each item is checked as POST /test-results checks one; any problem rejects the whole request with 422 naming `items[i].field`. A parameter that already has a current result is an error of its item.',
        headers: IdempotencyHeaders,
        body: BulkBody,
        response: { 201: Type.Object({ items: Type.Array(ResultOut) }, { title: 'TestResultBulkAnswer' }) },
      },
    },
    async (req, reply) => {
      const body = req.body as { execution_id: string; items: ResultInput[] };
      const rows = await app.db.transaction(async (tx) => {
        const ctx = await entryContext(tx, body.execution_id, req);
        const { errors, columns } = checkEntries(ctx, body.items, (i) => `items[${i}].`);
        if (errors.length)
          throw unprocessable(
            errors,
            `${errors.length} problem(s); nothing was saved: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
          );
        const inserted: Row[] = [];
        for (const c of columns)
          inserted.push(await insertEntity(tx, resultRef, req.audit, { ...inherited(ctx, req), ...c! }));
        return inserted;
      });
      return reply.code(201).send({ items: (await presentResults(app.db, rows, req.user)) as never });
    },
  );

  app.post(
    `${base}/:id/correct`,
    {
      config: { roles: BENCH_ROLES, idempotent: true },
      schema: {
        operationId: 'test-results-correct',
        tags: ['test-results'],
        summary: 'Correct an approved result: a new result supersedes it (both stay visible)',
        description:
          'The new result carries `supersedes_id` and the reason, starts as `entered` and follows the same review and approval; the old one gets `superseded_by_id`. Only approved results are corrected (others are edited with PATCH). If-Match applies to the old result.',
        params: IdParams,
        headers: Type.Intersect([IfMatchHeaders, IdempotencyHeaders]),
        body: CorrectBody,
        response: { 201: ResultOut },
      },
    },
    async (req, reply) => {
      const body = req.body as {
        value: string | number;
        uncertainty?: string | number | null;
        unit?: string | null;
        reason: string;
      };
      const expected = expectedVersion(req.headers['if-match'], undefined);
      const row = await app.db.transaction(async (tx) => {
        const old = (await findVisible(
          tx,
          resultRef,
          req.params.id,
          undefined,
          true,
        )) as unknown as ResultRow;
        if (old.superseded_by_id) {
          throw conflict(
            `Test result ${old.id} is already superseded by ${old.superseded_by_id}; correct that one`,
          );
        }
        if (old.status !== 'approved') {
          throw conflict(
            `Only approved results are corrected; test result ${old.id} is ${old.status}: ${
              old.status === 'rejected' ? 'enter a new result' : 'edit it with PATCH'
            }`,
          );
        }
        const ctx = await entryContext(tx, old.execution_id, req, { correcting: true });
        ctx.current.delete(old.parameter); // the result being replaced
        const input: ResultInput = {
          parameter: old.parameter,
          value: body.value,
          unit: 'unit' in body ? body.unit : old.unit,
          uncertainty: 'uncertainty' in body ? body.uncertainty : old.uncertainty,
        };
        const { errors, columns } = checkEntries(ctx, [input], () => '');
        if (errors.length) throw unprocessable(errors);
        const created = await insertEntity(tx, resultRef, req.audit, {
          ...inherited(ctx, req),
          ...columns[0]!,
          supersedes_id: old.id,
          correction_reason: body.reason.trim(),
        });
        await updateEntity(
          tx,
          resultRef,
          req.audit,
          old.id,
          { superseded_by_id: created.id },
          { expected, action: 'correct' },
        );
        return created;
      });
      const [out] = await presentResults(app.db, [row], req.user);
      reply.header('etag', etag(row.version)).header('location', `${base}/${row.id}`);
      return reply.code(201).send(out as never);
    },
  );
}
