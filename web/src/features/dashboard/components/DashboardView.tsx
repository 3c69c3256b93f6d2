import { Alert, SimpleGrid, Stack, Text } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCalendarDue,
  IconChecklist,
  IconClockHour4,
  IconInbox,
  IconPackages,
  IconPercentage,
  IconTrophy,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { analyticsQuery, type DashboardSummary, summaryQuery } from '../api';
import { useDashboardFilters } from '../useDashboardFilters';
import { DashboardCharts } from './DashboardCharts';
import { DashboardFilterBar } from './DashboardFilterBar';
import { type Headline, HeadlineCard } from './HeadlineCard';

function headlines(s: DashboardSummary | undefined, staff: boolean): Headline[] {
  const cards: Headline[] = [
    { label: 'Open RFQs', value: s?.open_rfqs, icon: IconInbox, to: staff ? '/rfqs' : '/portal/requests' },
    {
      label: 'Quote win rate',
      value: s?.quotes.win_rate,
      previous: s?.quotes.previous_win_rate,
      unit: '%',
      icon: IconTrophy,
      hint: s ? `${s.quotes.won} of ${s.quotes.quoted} quoted` : undefined,
    },
    {
      label: 'Samples this week',
      value: s?.samples_received.this_week,
      previous: s?.samples_received.last_week,
      icon: IconPackages,
      hint: s ? `${s.samples_received.period} in the period` : undefined,
    },
    {
      label: 'Pass rate',
      value: s?.results.pass_rate,
      previous: s?.results.previous_pass_rate,
      unit: '%',
      icon: IconPercentage,
      hint: s ? `${s.results.total} results approved` : undefined,
    },
    {
      label: 'TAT median',
      value: s?.turnaround.median_days,
      previous: s?.turnaround.previous_median_days,
      unit: ' d',
      upIsGood: false,
      icon: IconClockHour4,
      hint: s?.turnaround.p90_days != null ? `p90 ${s.turnaround.p90_days} d` : undefined,
    },
    {
      label: 'On time',
      value: s?.on_time.rate,
      previous: s?.on_time.previous_rate,
      unit: '%',
      icon: IconCalendarDue,
      hint: s ? `${s.on_time.late} late` : undefined,
    },
  ];
  if (staff)
    cards.push(
      {
        label: 'Overdue executions',
        value: s?.executions?.overdue,
        upIsGood: false,
        icon: IconAlertTriangle,
        hint: s?.executions ? `${s.executions.open} open · ${s.executions.mine} yours` : undefined,
        to: '/bench',
      },
      {
        label: 'Team efficiency',
        value: s?.tasks?.efficiency_score,
        icon: IconChecklist,
        hint: s?.tasks
          ? s.tasks.due
            ? `${s.tasks.completion_rate}% of ${s.tasks.due} due tasks done`
            : 'no tasks due in the period'
          : undefined,
      },
    );
  return cards;
}

/**
 * The lab's morning view: headline figures with deltas against the previous period, then the
 * charts; filters in the URL. A customer sees the same page scoped to its own records.
 */
export function DashboardView({ staff }: { staff: boolean }) {
  const { filters, setFilters } = useDashboardFilters();
  const summary = useQuery(summaryQuery(filters));
  const analytics = useQuery(analyticsQuery(filters));
  const error = summary.error ?? analytics.error;
  const s = summary.data;
  return (
    <Stack gap="md">
      <DashboardFilterBar filters={filters} period={s?.period} onChange={setFilters} staff={staff} />
      {error && (
        <Alert color="red" title="The figures could not be loaded">
          {(error as Error).message}. Check the filters (the period may span at most three years) or reload.
        </Alert>
      )}
      {s && (
        <Text size="sm" c="dimmed">
          {s.period.from} to {s.period.to}; deltas against {s.period.previous_from} to {s.period.previous_to}.
          Snapshot figures (open RFQs, executions, NCRs, calibrations) are as of today.
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
        {headlines(s, staff).map((h) => (
          <HeadlineCard key={h.label} h={h} loading={summary.isLoading} />
        ))}
      </SimpleGrid>
      {analytics.data && <DashboardCharts series={analytics.data.series} filters={filters} staff={staff} />}
      {analytics.isLoading && (
        <Text c="dimmed" size="sm">
          Loading charts…
        </Text>
      )}
    </Stack>
  );
}
