import type { Db } from '../../db/client.ts';
import { projectsByStatus, revenueByMonth } from './commercial.figures.ts';
import type { Filters } from './filters.ts';
import {
  passFailBy,
  resultsByWeek,
  samplesByWeek,
  tatByMethod,
  tatHistogram,
  workloadPerEngineer,
} from './lab.figures.ts';
import { calibrationsDue, certificatesExpiring, openNcrs } from './quality.figures.ts';

type Row = Record<string, string | number | boolean | null>;

export interface Metric {
  description: string;
  /** CSV header, in order */
  columns: readonly string[];
  /** internal lab records: a customer user gets null (dashboard) or 403 (/analytics) */
  staffOnly: boolean;
  /** null: the figure's source is not available in this installation yet */
  compute: (db: Db, f: Filters) => Promise<Row[] | null>;
}

/**
 * Every chart series and detailed figure, by name: `/dashboard/analytics` answers all of them,
 * `/analytics?metric=<name>` one (with `format=csv` for its rows).
 */
export const METRICS = {
  samples_by_week: {
    description: 'Samples received per ISO week (Monday) in the period.',
    columns: ['week', 'samples'],
    staffOnly: false,
    compute: samplesByWeek,
  },
  results_by_week: {
    description:
      'Approved, current results per ISO week of approval, by verdict (other = warn, inconclusive, none).',
    columns: ['week', 'pass', 'fail', 'other'],
    staffOnly: false,
    compute: resultsByWeek,
  },
  pass_fail_by_method: {
    description: 'Approved results per method by verdict; pass_rate = pass ÷ (pass + fail), in %.',
    columns: ['id', 'name', 'pass', 'fail', 'other', 'pass_rate'],
    staffOnly: false,
    compute: (db, f) => passFailBy(db, f, 'method'),
  },
  pass_fail_by_customer: {
    description: 'Approved results per customer by verdict; pass_rate = pass ÷ (pass + fail), in %.',
    columns: ['id', 'name', 'pass', 'fail', 'other', 'pass_rate'],
    staffOnly: false,
    compute: (db, f) => passFailBy(db, f, 'customer'),
  },
  tat_histogram: {
    description:
      'Turnaround distribution: approved results per TAT in days (approval date − sample received date); 31 = 31 days or more.',
    columns: ['days', 'label', 'results'],
    staffOnly: false,
    compute: tatHistogram,
  },
  tat_by_method: {
    description: 'Per method: results, median and 90th-percentile TAT in days, on-time rate in %.',
    columns: [
      'method_id',
      'method_code',
      'method_title',
      'results',
      'median_days',
      'p90_days',
      'on_time_rate',
    ],
    staffOnly: false,
    compute: tatByMethod,
  },
  workload_per_engineer: {
    description:
      'Open executions (pending, in progress) per engineer today, overdue ones counted; is_me marks the caller.',
    columns: ['engineer_id', 'name', 'open_executions', 'in_progress', 'overdue', 'is_me'],
    staffOnly: true,
    compute: workloadPerEngineer,
  },
  projects_by_status: {
    description: 'Projects (not archived) per status today.',
    columns: ['status', 'projects'],
    staffOnly: false,
    compute: projectsByStatus,
  },
  revenue_by_month: {
    description:
      'Revenue pipeline per month and currency: quoted (quotes sent, latest revisions), won (quotes accepted), invoiced (sales orders invoiced or paid, by invoice date). Exact decimal strings.',
    columns: ['month', 'currency', 'quoted', 'won', 'invoiced'],
    staffOnly: false,
    compute: revenueByMonth,
  },
  ncrs_by_severity: {
    description: 'Open NCRs per severity and age bucket (days since raised) today.',
    columns: ['severity', 'total', 'age_0_7', 'age_8_30', 'age_31_90', 'age_90_plus'],
    staffOnly: true,
    compute: openNcrs,
  },
  calibrations_due: {
    description:
      'Instruments (not out of service) whose calibration is due within 30 days of today or overdue (days_left < 0).',
    columns: ['equipment_id', 'asset_number', 'name', 'due_date', 'days_left'],
    staffOnly: true,
    compute: calibrationsDue,
  },
  certificates_expiring: {
    description:
      'Issued certificates expiring within 30 days of today (days_left < 0: past expiry but still issued). A customer sees its own.',
    columns: ['certificate_id', 'number', 'customer_name', 'product', 'expiry_date', 'days_left'],
    staffOnly: false,
    compute: certificatesExpiring,
  },
} satisfies Record<string, Metric>;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

/** Computes every metric the caller may see (the others are null), concurrently on PostgreSQL. */
export async function computeAll(db: Db, f: Filters): Promise<Record<MetricName, Row[] | null>> {
  const values = await Promise.all(
    METRIC_NAMES.map((name) => {
      const metric: Metric = METRICS[name];
      return metric.staffOnly && f.isCustomer ? null : metric.compute(db, f);
    }),
  );
  return Object.fromEntries(METRIC_NAMES.map((name, i) => [name, values[i]])) as Record<
    MetricName,
    Row[] | null
  >;
}
