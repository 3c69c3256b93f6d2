import { reports } from '../../db/schema/index.ts';
import { registerResource } from '../../lib/resource.ts';
import { STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { BENCH_ROLES } from '../test-plans/test-plans.routes.ts';
import { registerReportFileRoutes } from './reports.files.routes.ts';
import { registerIssueAndAmend } from './reports.issue.routes.ts';
import './reports.job.ts';
import {
  REPORT_CSV_COLUMNS,
  ReportCreate,
  ReportPublic,
  ReportUpdate,
  reportListSpec,
} from './reports.schemas.ts';
import { expandReports, reportMachine, reportPatch, reportScope, reportValues } from './reports.service.ts';

/**
 * Test reports (RPT-000001): POST starts a durable generation job (the report answers `queued`
 * at once; GET shows status and percent, /events streams them); the draft PDF is previewed inline;
 * managers issue it with an e-signature (the final PDF and its SHA-256 are fixed then); an issued
 * report never changes: /amend makes version n+1 that supersedes it when issued. Customers see
 * only their own customer's issued (superseded, revoked) reports.
 */
export default async function reportsRoutes(app: App) {
  // static segments and own-route actions first
  registerIssueAndAmend(app);
  registerReportFileRoutes(app);
  registerResource(app, {
    name: 'report',
    path: 'reports',
    tag: 'reports',
    table: reports,
    schemas: { public: ReportPublic, create: ReportCreate, update: ReportUpdate },
    list: reportListSpec,
    csvColumns: REPORT_CSV_COLUMNS,
    roles: { read: [...STAFF, 'customer'], write: BENCH_ROLES, archive: ['admin'] },
    scope: reportScope,
    numbering: { prefix: 'RPT', column: 'number' },
    toInsert: (tx, body) => reportValues(tx, body),
    toPatch: (tx, patch, before) => reportPatch(tx, patch, before),
    afterWrite: async (a) => a.jobs.wake(),
    expand: expandReports(app),
    machine: reportMachine,
  });
}
