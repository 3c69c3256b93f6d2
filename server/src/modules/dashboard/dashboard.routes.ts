import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { csvStream } from '../../lib/csv.ts';
import { forbidden, invalidField } from '../../lib/errors.ts';
import { ANY_ROLE } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import {
  DashboardAnalytics,
  DashboardAnalyticsQuery,
  DashboardSummary,
  SummaryQuery,
} from './dashboard.schemas.ts';
import { resolveFilters, wantsCsv } from './filters.ts';
import { computeAll, METRICS, type MetricName } from './metrics.ts';
import { dashboardSummary, summaryCsvRows } from './summary.ts';

/** Sends rows as a CSV download. */
export function sendCsv(
  reply: FastifyReply,
  name: string,
  columns: readonly string[],
  rows: Record<string, unknown>[],
) {
  reply.header('content-type', 'text/csv; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${name}.csv"`);
  const batches = Readable.from([rows]) as unknown as AsyncIterable<Record<string, unknown>[]>;
  return reply.send(csvStream(columns, batches));
}

const CSV_NOTE = ' Send `format=csv` (or `Accept: text/csv`) for a CSV download.';
const FILTERS_NOTE =
  ' Filters: `from`/`to` (default the last 91 days), `customer_id`, `method_id`. A customer user always sees only its own customer’s figures, and null for internal ones (executions, workload, NCRs, calibrations, tasks).';

/** /dashboard: the morning view (summary) and the chart series (analytics). Every role; scoped. */
export default async function dashboardRoutes(app: App) {
  app.get(
    '/api/v1/dashboard/summary',
    {
      config: { roles: ANY_ROLE },
      schema: {
        operationId: 'dashboard-summary',
        tags: ['dashboard'],
        summary: 'Headline counts and rates for the period, with the previous period for deltas',
        description: `Reads a rollup of approved results kept current by the database in the same transaction as every result write: no staleness.${FILTERS_NOTE}${CSV_NOTE}`,
        querystring: SummaryQuery,
        response: { 200: DashboardSummary },
      },
    },
    async (req, reply) => {
      const filters = resolveFilters(req, req.query);
      const summary = await dashboardSummary(app.db, filters);
      if (wantsCsv(req, req.query))
        return sendCsv(reply, 'dashboard-summary', ['figure', 'value', 'previous'], summaryCsvRows(summary));
      return summary;
    },
  );

  app.get(
    '/api/v1/dashboard/analytics',
    {
      config: { roles: ANY_ROLE },
      schema: {
        operationId: 'dashboard-analytics',
        tags: ['dashboard'],
        summary: 'Every chart series of the dashboard for the period',
        description: `Series by name (see \`/analytics?metric=\` for one at a time).${FILTERS_NOTE} With \`format=csv\`, \`series\` names the one to export.`,
        querystring: DashboardAnalyticsQuery,
        response: { 200: DashboardAnalytics },
      },
    },
    async (req, reply) => {
      const filters = resolveFilters(req, req.query);
      const csv = wantsCsv(req, req.query);
      if (csv) {
        const name = req.query.series as MetricName | undefined;
        if (!name) throw invalidField('series', 'name the series to export as CSV');
        const metric = METRICS[name];
        if (metric.staffOnly && filters.isCustomer) throw forbidden(`${name} is internal to the lab`);
        const rows = (await metric.compute(app.db, filters)) ?? [];
        return sendCsv(reply, `dashboard-${name}`, metric.columns, rows);
      }
      const series = await computeAll(app.db, filters);
      return {
        period: {
          from: filters.from,
          to: filters.to,
          previous_from: filters.prevFrom,
          previous_to: filters.prevTo,
          today: filters.today,
        },
        filters: { customer_id: filters.customerId, method_id: filters.methodId },
        scope: filters.isCustomer ? ('customer' as const) : ('lab' as const),
        series,
      };
    },
  );
}
