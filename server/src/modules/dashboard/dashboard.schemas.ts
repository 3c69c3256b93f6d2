import { Type } from 'typebox';
import { DateOnly, Id, Nullable } from '../../lib/schemas.ts';
import { FigureFilterFields } from './filters.ts';
import { METRIC_NAMES, METRICS } from './metrics.ts';

const Int = Type.Integer({ minimum: 0 });
const Rate = (description: string) =>
  Nullable(Type.Number({ description: `${description} In %, one decimal; null when nothing to divide by.` }));
const Days = (description: string) => Nullable(Type.Integer({ description }));

export const Period = Type.Object(
  {
    from: DateOnly,
    to: DateOnly,
    previous_from: {
      ...DateOnly,
      description: 'The previous period (same length, just before) used for deltas.',
    },
    previous_to: DateOnly,
    today: { ...DateOnly, description: 'Today in the lab time zone (snapshot figures are as of today).' },
  },
  { title: 'DashboardPeriod' },
);

const Scope = Type.Union([Type.Literal('lab'), Type.Literal('customer')], {
  description: '`customer`: the caller is a customer user and every figure is its own customer’s.',
});

const ProjectsByStatus = Type.Array(Type.Object({ status: Type.String(), projects: Int }));

export const DashboardSummary = Type.Object(
  {
    period: Period,
    filters: Type.Object({ customer_id: Nullable(Id), method_id: Nullable(Id) }),
    scope: Scope,
    open_rfqs: Type.Integer({ description: 'RFQs received, under review or quoted (today).' }),
    quotes: Type.Object(
      {
        rfqs_received: Int,
        quoted: Type.Integer({
          description: 'RFQs received in the period that were quoted (status quoted, won or lost).',
        }),
        won: Int,
        win_rate: Rate('Quote win rate = won ÷ quoted, over RFQs received in the period.'),
        previous_win_rate: Rate('The same for the previous period.'),
      },
      { title: 'DashboardQuotes' },
    ),
    samples_received: Type.Object(
      {
        period: Int,
        previous: Int,
        this_week: Type.Integer({ description: 'Received this ISO week (Monday to today).' }),
        last_week: Int,
      },
      { title: 'DashboardSamples' },
    ),
    results: Type.Object(
      {
        total: Type.Integer({ description: 'Approved, current results approved in the period.' }),
        pass: Int,
        fail: Int,
        other: Type.Integer({ description: 'warn, inconclusive or no verdict' }),
        on_time: Int,
        late: Int,
        pass_rate: Rate('pass ÷ (pass + fail).'),
        previous_total: Int,
        previous_pass_rate: Rate('The same for the previous period.'),
      },
      { title: 'DashboardResults' },
    ),
    turnaround: Type.Object(
      {
        median_days: Days(
          'Median TAT in days. TAT = approval date of a result − received date of its sample.',
        ),
        p90_days: Days('90th percentile TAT in days (discrete: the smallest TAT reaching 90 % of results).'),
        results: Int,
        previous_median_days: Days('Median TAT of the previous period.'),
        previous_p90_days: Days('p90 TAT of the previous period.'),
      },
      { title: 'DashboardTurnaround' },
    ),
    on_time: Type.Object(
      {
        on_time: Int,
        late: Int,
        rate: Rate(
          'On-time rate = results approved on or before their due date ÷ results with a due date. The due date is the test plan’s, else sample received + the method’s TAT days.',
        ),
        previous_rate: Rate('The same for the previous period.'),
      },
      { title: 'DashboardOnTime' },
    ),
    projects_by_status: ProjectsByStatus,
    executions: Nullable(
      Type.Object(
        {
          open: Type.Integer({ description: 'Pending or in progress (today).' }),
          overdue: Type.Integer({ description: 'Open executions whose test plan is due before today.' }),
          mine: Type.Integer({ description: 'Open executions assigned to the caller.' }),
          mine_overdue: Int,
        },
        { title: 'DashboardExecutions', description: 'Staff only; null for a customer.' },
      ),
    ),
    open_ncrs: Nullable(
      Type.Object(
        { total: Int, critical: Int, major: Int, minor: Int },
        { title: 'DashboardOpenNcrs', description: 'NCRs not closed (today). Staff only.' },
      ),
    ),
    calibrations_due_30d: Nullable(
      Type.Object(
        { due: Int, overdue: Int },
        {
          title: 'DashboardCalibrationsDue',
          description: 'Instruments due for calibration within 30 days. Staff only.',
        },
      ),
    ),
    certificates_expiring_30d: Type.Integer({
      description: 'Issued certificates expiring within 30 days (or past expiry but still issued).',
    }),
    tasks: Nullable(
      Type.Object(
        {
          due: Type.Integer({ description: 'Tasks due in the period (not cancelled).' }),
          done: Int,
          done_on_time: Int,
          completion_rate: Rate('done ÷ due.'),
          efficiency_score: Nullable(
            Type.Number({
              description:
                'Team efficiency score 0–100 = weighted on-time completion of the tasks due in the period: 1 done on time, 0.5 done late, 0 still open; mean × 100.',
            }),
          ),
        },
        { title: 'DashboardTasks', description: 'Staff only.' },
      ),
    ),
  },
  { title: 'DashboardSummary' },
);

const Cell = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);
const MetricRows = Type.Array(Type.Record(Type.String(), Cell));

const nullableNote =
  ' Null when the caller may not see it (internal figures for a customer user) or its source table is not available.';

export const DashboardAnalytics = Type.Object(
  {
    period: Period,
    filters: Type.Object({ customer_id: Nullable(Id), method_id: Nullable(Id) }),
    scope: Scope,
    series: Type.Object(
      Object.fromEntries(
        METRIC_NAMES.map((name) => [
          name,
          Nullable({ ...MetricRows, description: `${METRICS[name].description}${nullableNote}` }),
        ]),
      ),
      { title: 'DashboardSeries' },
    ),
  },
  { title: 'DashboardAnalytics' },
);

export const MetricName = Type.Union(
  METRIC_NAMES.map((n) => Type.Literal(n)),
  { description: 'Which figure.' },
);

export const AnalyticsQuery = Type.Object({ ...FigureFilterFields, metric: MetricName });
export const DashboardAnalyticsQuery = Type.Object({
  ...FigureFilterFields,
  series: Type.Optional({
    ...MetricName,
    description: 'With `format=csv`: which series to export (required then).',
  }),
});
export const SummaryQuery = Type.Object(FigureFilterFields);

export const AnalyticsFigure = Type.Object(
  {
    metric: Type.String(),
    description: Type.String(),
    period: Period,
    filters: Type.Object({ customer_id: Nullable(Id), method_id: Nullable(Id) }),
    columns: Type.Array(Type.String()),
    rows: Nullable({ ...MetricRows, description: 'Null when the source table is not available yet.' }),
  },
  { title: 'AnalyticsFigure' },
);
