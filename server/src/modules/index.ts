import jobsPlugin from '../jobs/plugin.ts';
import storagePlugin from '../storage/plugin.ts';
import type { App } from '../types.ts';
import analyticsRoutes from './analytics/analytics.routes.ts';
import auditLogRoutes from './audit-log/audit-log.routes.ts';
import auditsRoutes from './audits/audits.routes.ts';
import accountRoutes from './auth/account.routes.ts';
import authRoutes from './auth/auth.routes.ts';
import meRoutes from './auth/me.routes.ts';
import passwordRoutes from './auth/password.routes.ts';
import sessionsRoutes from './auth/sessions.routes.ts';
import certificationsRoutes from './certifications/certifications.routes.ts';
import customersRoutes from './customers/customers.routes.ts';
import dashboardRoutes from './dashboard/dashboard.routes.ts';
import documentsRoutes from './documents/documents.routes.ts';
import equipmentRoutes from './equipment/equipment.routes.ts';
import estimationsRoutes from './estimations/estimations.routes.ts';
import methodsRoutes from './methods/methods.routes.ts';
import ncrsRoutes from './ncrs/ncrs.routes.ts';
import notifications from './notifications/notifications.plugin.ts';
import projectsRoutes from './projects/projects.routes.ts';
import purchaseOrdersRoutes from './purchase-orders/purchase-orders.routes.ts';
import reportsRoutes from './reports/reports.routes.ts';
import rfqsRoutes from './rfqs/rfqs.routes.ts';
import salesOrdersRoutes from './sales-orders/sales-orders.routes.ts';
import samplesRoutes from './samples/samples.routes.ts';
import specificationsRoutes from './specifications/specifications.routes.ts';
import suppliersRoutes from './suppliers/suppliers.routes.ts';
import systemRoutes from './system/system.routes.ts';
import tasksRoutes from './tasks/tasks.routes.ts';
import testExecutionsRoutes from './test-executions/test-executions.routes.ts';
import testPlansRoutes from './test-plans/test-plans.routes.ts';
import resultsGridRoutes from './test-results/results-grid.routes.ts';
import testResultsRoutes from './test-results/test-results.routes.ts';
import trfsRoutes from './trfs/trfs.routes.ts';
import usersRoutes from './users/users.routes.ts';
import verifyRoutes from './verify/verify.routes.ts';
import workOrdersRoutes from './work-orders/work-orders.routes.ts';

/** Every module of the API, registered in this order by buildApp. A new resource adds one line. */
export const modules: ((app: App) => Promise<void>)[] = [
  storagePlugin, // file storage first: every module may keep files
  jobsPlugin, // the durable job runner: reports (and any module) enqueue work
  systemRoutes,
  authRoutes,
  accountRoutes,
  passwordRoutes,
  sessionsRoutes,
  meRoutes,
  usersRoutes,
  notifications,
  customersRoutes,
  methodsRoutes,
  specificationsRoutes,
  rfqsRoutes,
  estimationsRoutes,
  projectsRoutes,
  salesOrdersRoutes,
  suppliersRoutes,
  purchaseOrdersRoutes,
  workOrdersRoutes,
  trfsRoutes,
  samplesRoutes,
  testPlansRoutes,
  testExecutionsRoutes,
  testResultsRoutes,
  resultsGridRoutes,
  reportsRoutes,
  certificationsRoutes,
  verifyRoutes,
  documentsRoutes,
  equipmentRoutes,
  ncrsRoutes,
  auditsRoutes,
  auditLogRoutes,
  tasksRoutes,
  dashboardRoutes,
  analyticsRoutes,
];
