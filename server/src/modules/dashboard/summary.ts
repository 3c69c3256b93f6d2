import type { Db } from '../../db/client.ts';
import { projectsByStatus, rfqFigures } from './commercial.figures.ts';
import type { Filters } from './filters.ts';
import {
  executionCounts,
  onTimeRate,
  passRate,
  resultTotals,
  sampleCounts,
  tatOverall,
} from './lab.figures.ts';
import { calibrationsDue, certificatesExpiring, openNcrs, taskFigures } from './quality.figures.ts';

/** The morning view: headline counts and rates for the period, with the previous period for deltas. */
export async function dashboardSummary(db: Db, f: Filters) {
  const staff = !f.isCustomer;
  const [
    rfq,
    samples,
    results,
    previousResults,
    tat,
    previousTat,
    projects,
    executions,
    ncrs,
    calibrations,
    tasks,
    certificates,
  ] = await Promise.all([
    rfqFigures(db, f),
    sampleCounts(db, f),
    resultTotals(db, f, true),
    resultTotals(db, f, false),
    tatOverall(db, f, true),
    tatOverall(db, f, false),
    projectsByStatus(db, f),
    staff ? executionCounts(db, f) : null,
    staff ? openNcrs(db, f) : null,
    staff ? calibrationsDue(db, f) : null,
    staff ? taskFigures(db, f) : null,
    certificatesExpiring(db, f),
  ]);
  return {
    period: { from: f.from, to: f.to, previous_from: f.prevFrom, previous_to: f.prevTo, today: f.today },
    filters: { customer_id: f.customerId, method_id: f.methodId },
    scope: f.isCustomer ? ('customer' as const) : ('lab' as const),
    open_rfqs: rfq.open,
    quotes: {
      rfqs_received: rfq.received,
      quoted: rfq.quoted,
      won: rfq.won,
      win_rate: rfq.win_rate,
      previous_win_rate: rfq.previous_win_rate,
    },
    samples_received: samples,
    results: {
      ...results,
      pass_rate: passRate(results),
      previous_total: previousResults.total,
      previous_pass_rate: passRate(previousResults),
    },
    turnaround: {
      ...tat,
      previous_median_days: previousTat.median_days,
      previous_p90_days: previousTat.p90_days,
    },
    on_time: {
      on_time: results.on_time,
      late: results.late,
      rate: onTimeRate(results),
      previous_rate: onTimeRate(previousResults),
    },
    projects_by_status: projects,
    executions,
    open_ncrs: ncrs && {
      total: ncrs.reduce((a, n) => a + n.total, 0),
      critical: ncrs.find((n) => n.severity === 'critical')?.total ?? 0,
      major: ncrs.find((n) => n.severity === 'major')?.total ?? 0,
      minor: ncrs.find((n) => n.severity === 'minor')?.total ?? 0,
    },
    calibrations_due_30d: calibrations && {
      due: calibrations.length,
      overdue: calibrations.filter((c) => c.days_left < 0).length,
    },
    certificates_expiring_30d: certificates.length,
    tasks,
  };
}

export type DashboardSummary = Awaited<ReturnType<typeof dashboardSummary>>;

/** The summary as CSV rows: one line per figure with its value and the previous period's. */
export function summaryCsvRows(s: DashboardSummary) {
  const line = (figure: string, value: unknown, previous: unknown = null) => ({ figure, value, previous });
  const out = [
    line('open_rfqs', s.open_rfqs),
    line('quote_win_rate_pct', s.quotes.win_rate, s.quotes.previous_win_rate),
    line('samples_received', s.samples_received.period, s.samples_received.previous),
    line('samples_received_this_week', s.samples_received.this_week, s.samples_received.last_week),
    line('results_approved', s.results.total, s.results.previous_total),
    line('pass_rate_pct', s.results.pass_rate, s.results.previous_pass_rate),
    line('tat_median_days', s.turnaround.median_days, s.turnaround.previous_median_days),
    line('tat_p90_days', s.turnaround.p90_days, s.turnaround.previous_p90_days),
    line('on_time_rate_pct', s.on_time.rate, s.on_time.previous_rate),
    line('open_executions', s.executions?.open),
    line('overdue_executions', s.executions?.overdue),
    line('open_ncrs', s.open_ncrs?.total),
    line('calibrations_due_30d', s.calibrations_due_30d?.due),
    line('certificates_expiring_30d', s.certificates_expiring_30d),
    line('task_completion_rate_pct', s.tasks?.completion_rate),
    line('team_efficiency_score', s.tasks?.efficiency_score),
  ];
  for (const p of s.projects_by_status) out.push(line(`projects_${p.status}`, p.projects));
  return out;
}
