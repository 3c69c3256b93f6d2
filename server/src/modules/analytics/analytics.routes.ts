import { forbidden } from '../../lib/errors.ts';
import { ANY_ROLE } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { sendCsv } from '../dashboard/dashboard.routes.ts';
import { AnalyticsFigure, AnalyticsQuery } from '../dashboard/dashboard.schemas.ts';
import { resolveFilters, wantsCsv } from '../dashboard/filters.ts';
import { METRIC_NAMES, METRICS, type MetricName } from '../dashboard/metrics.ts';

/** /analytics?metric=…: one detailed figure with its columns, as JSON or CSV. */
export default async function analyticsRoutes(app: App) {
  app.get(
    '/api/v1/analytics',
    {
      config: { roles: ANY_ROLE },
      schema: {
        operationId: 'analytics-figure',
        tags: ['dashboard'],
        summary: 'One detailed figure (rows and columns) for the period',
        description:
          `Metrics: ${METRIC_NAMES.map((n) => `\`${n}\``).join(', ')}. Filters \`from\`, \`to\`, \`customer_id\`, \`method_id\` as on the dashboard; ` +
          'a customer user sees only its own customer and is refused (403) the internal figures (workload, NCRs, calibrations). ' +
          '`format=csv` (or `Accept: text/csv`) answers the rows as CSV.',
        querystring: AnalyticsQuery,
        response: { 200: AnalyticsFigure },
      },
    },
    async (req, reply) => {
      const filters = resolveFilters(req, req.query);
      const name = req.query.metric as MetricName;
      const metric = METRICS[name];
      if (metric.staffOnly && filters.isCustomer) throw forbidden(`${name} is internal to the lab`);
      const rows = await metric.compute(app.db, filters);
      if (wantsCsv(req, req.query)) return sendCsv(reply, name, metric.columns, rows ?? []);
      return {
        metric: name,
        description: metric.description,
        period: {
          from: filters.from,
          to: filters.to,
          previous_from: filters.prevFrom,
          previous_to: filters.prevTo,
          today: filters.today,
        },
        filters: { customer_id: filters.customerId, method_id: filters.methodId },
        columns: [...metric.columns],
        rows,
      };
    },
  );
}
