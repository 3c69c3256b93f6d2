import { Type } from 'typebox';
import { EXECUTION_STATUSES, PLAN_STATUSES, RESULT_STATUSES } from '../../db/schema/index.ts';
import { Id, IdParams, Nullable } from '../../lib/schemas.ts';
import { STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { DecisionRule } from '../test-plans/test-plans.schemas.ts';
import { type GridFilter, resultsGridJson } from './results-grid.repo.ts';
import { SpecVerdictSchema, VerdictSchema } from './test-results.schemas.ts';

/**
 * GET /api/v1/projects/{id}/results-grid: the bench grid and the reports read every sample ×
 * parameter of a project (optionally of one plan or method) in one request and a fixed number
 * of queries. It lives in the test-results module because it is a view of results; the path is
 * under /projects because it is a project's grid.
 */
const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

const GridCell = Type.Object(
  {
    id: Id,
    execution_id: Id,
    method_id: Id,
    parameter: Type.String(),
    value: Type.String({ description: 'The value as entered: a number as a decimal string, or the text' }),
    uncertainty: Nullable(Type.String()),
    status: literals(RESULT_STATUSES),
    overall_verdict: Nullable(VerdictSchema),
    verdicts: Type.Array(SpecVerdictSchema),
    version: Type.Integer({ description: 'For If-Match when the cell is corrected' }),
  },
  { title: 'ResultsGridCell' },
);

export const ResultsGrid = Type.Object(
  {
    project: Type.Object({ id: Id, number: Type.String(), name: Type.String(), customer_id: Id }),
    plans: Type.Array(
      Type.Object({
        id: Id,
        name: Nullable(Type.String()),
        status: literals(PLAN_STATUSES),
        decision_rule: DecisionRule,
        sample_ids: Type.Array(Id),
        method_id: Id,
        method_code: Type.String(),
        method_title: Type.String(),
      }),
    ),
    columns: Type.Array(
      Type.Object({
        method_id: Id,
        method_code: Type.String(),
        parameter: Type.String(),
        unit: Nullable(Type.String()),
        decimals: Nullable(Type.Integer()),
        kind: literals(['numeric', 'text']),
      }),
    ),
    rows: Type.Array(
      Type.Object({
        id: Id,
        number: Type.String(),
        description: Type.String(),
        status: Type.String(),
        results: Type.Array(GridCell, {
          description: 'Latest result per parameter (a cell absent = none yet)',
        }),
        executions: Type.Array(
          Type.Object({
            id: Id,
            plan_id: Id,
            sample_id: Id,
            method_id: Id,
            status: literals(EXECUTION_STATUSES),
            engineer_id: Nullable(Id),
            version: Type.Integer(),
          }),
        ),
      }),
    ),
  },
  { title: 'ResultsGrid' },
);

export default async function resultsGridRoutes(app: App) {
  app.get(
    '/api/v1/projects/:id/results-grid',
    {
      config: { roles: [...STAFF, 'customer'] },
      schema: {
        operationId: 'projects-results-grid',
        tags: ['test-results'],
        summary: 'Every sample × parameter of a project with its latest result and verdicts',
        description:
          'Staff see the latest current result of each cell (any state; superseded ones are left out) with the plans and executions; a customer sees only the latest approved result of its own projects, without plans or executions.',
        params: IdParams,
        querystring: Type.Object({ plan_id: Type.Optional(Id), method_id: Type.Optional(Id) }),
        response: { 200: ResultsGrid },
      },
    },
    // PostgreSQL builds the rows' JSON (results-grid.repo.ts); a string payload skips the serializer,
    // so the test suite checks the document against ResultsGrid instead.
    async (req, reply) =>
      reply
        .type('application/json; charset=utf-8')
        .send((await resultsGridJson(app.db, req.params.id, req.user, req.query as GridFilter)) as never),
  );
}
