import { and, eq, sql } from 'drizzle-orm';
import { testResults } from '../../db/schema/index.ts';
import { registerResource } from '../../lib/resource.ts';
import { STAFF } from '../../plugins/app/auth.ts';
import type { App, CurrentUser } from '../../types.ts';
import type { ResultRow } from '../test-plans/test-plans.repo.ts';
import { BENCH_ROLES } from '../test-plans/test-plans.routes.ts';
import { registerBulkAndCorrect } from './test-results.entry.routes.ts';
import { expandResults } from './test-results.present.ts';
import {
  RESULT_CSV_COLUMNS,
  resultListSpec,
  TestResultCreate,
  TestResultPublic,
  TestResultUpdate,
} from './test-results.schemas.ts';
import { resultMachine, resultPatch, resultValues } from './test-results.service.ts';

/**
 * Test results: a value for one parameter of an execution, judged by the server against every
 * specification of the plan. Engineers and managers enter and review, managers approve (four
 * eyes), and a `customer` user reads only APPROVED results of its own projects. Bulk entry and
 * corrections are in test-results.entry.routes.ts, the project grid in results-grid.*.
 */
/** Customers read approved results of their own customer only; staff read all. */
const resultScope = (user: CurrentUser) =>
  user.role === 'customer'
    ? and(eq(testResults.customer_id, user.customerId ?? sql`null`), eq(testResults.status, 'approved'))
    : undefined;

export default async function testResultsRoutes(app: App) {
  // bulk, correct (and the grid) first: static segments, and their own operation ids
  registerBulkAndCorrect(app);
  registerResource(app, {
    name: 'test_result',
    path: 'test-results',
    tag: 'test-results',
    table: testResults,
    schemas: { public: TestResultPublic, create: TestResultCreate, update: TestResultUpdate },
    list: resultListSpec,
    csvColumns: RESULT_CSV_COLUMNS,
    roles: { read: [...STAFF, 'customer'], write: BENCH_ROLES, archive: ['admin'] },
    scope: resultScope,
    toInsert: (tx, body, req) => resultValues(tx, body, req),
    toPatch: (tx, patch, before, req) => resultPatch(tx, patch, before as unknown as ResultRow, req),
    expand: expandResults,
    machine: resultMachine,
  });
}
