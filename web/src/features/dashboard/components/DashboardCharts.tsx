import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import { Badge, SimpleGrid, Table, Text } from '@mantine/core';
import type { DashboardAnalytics, DashboardFilters, SeriesRow } from '../api';
import { ChartCard } from './ChartCard';

type Series = DashboardAnalytics['series'];
const rowsOf = (s: Series, name: keyof Series) => (s[name] ?? []) as SeriesRow[];
const NOT_YET = 'Nothing in this period yet. Widen the period or clear the filters.';

/** The dashboard's charts; panels for figures a customer may not see are left out for customers. */
export function DashboardCharts({
  series,
  filters,
  staff,
}: {
  series: Series;
  filters: DashboardFilters;
  staff: boolean;
}) {
  const samples = rowsOf(series, 'samples_by_week');
  const results = rowsOf(series, 'results_by_week');
  const workload = rowsOf(series, 'workload_per_engineer');
  const byMethod = rowsOf(series, 'pass_fail_by_method').slice(0, 12);
  const byCustomer = rowsOf(series, 'pass_fail_by_customer').slice(0, 12);
  const tat = rowsOf(series, 'tat_histogram');
  const revenue = revenueRows(rowsOf(series, 'revenue_by_month'));
  const ncrs = rowsOf(series, 'ncrs_by_severity');
  const calibrations = rowsOf(series, 'calibrations_due');
  const certificates = rowsOf(series, 'certificates_expiring');
  const common = { filters };
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      <ChartCard
        {...common}
        title="Samples received per week"
        series="samples_by_week"
        empty={samples.length === 0}
        emptyText={`No samples received. ${NOT_YET}`}
      >
        <LineChart
          h={240}
          data={samples}
          dataKey="week"
          series={[{ name: 'samples', label: 'Samples', color: 'blue.6' }]}
          curveType="monotone"
        />
      </ChartCard>
      <ChartCard
        {...common}
        title="Results approved per week"
        description="By verdict"
        series="results_by_week"
        empty={results.length === 0}
        emptyText={`No results approved. ${NOT_YET}`}
      >
        <LineChart
          h={240}
          data={results}
          dataKey="week"
          withLegend
          curveType="monotone"
          series={[
            { name: 'pass', label: 'Pass', color: 'teal.6' },
            { name: 'fail', label: 'Fail', color: 'red.6' },
            { name: 'other', label: 'Other', color: 'gray.5' },
          ]}
        />
      </ChartCard>
      <ChartCard
        {...common}
        title="Turnaround time"
        description="Approved results by days from sample receipt to approval"
        series="tat_histogram"
        empty={tat.length === 0}
        emptyText={`No approved results to measure. ${NOT_YET}`}
      >
        <BarChart
          h={240}
          data={tat}
          dataKey="label"
          series={[{ name: 'results', label: 'Results', color: 'violet.6' }]}
        />
      </ChartCard>
      <ChartCard
        {...common}
        title="Pass / fail by method"
        series="pass_fail_by_method"
        empty={byMethod.length === 0}
        emptyText={`No verdicts yet. ${NOT_YET}`}
      >
        <BarChart
          h={Math.max(200, byMethod.length * 32)}
          data={byMethod}
          dataKey="name"
          type="stacked"
          orientation="vertical"
          withLegend
          yAxisProps={{ width: 110 }}
          series={[
            { name: 'pass', label: 'Pass', color: 'teal.6' },
            { name: 'fail', label: 'Fail', color: 'red.6' },
            { name: 'other', label: 'Other', color: 'gray.5' },
          ]}
        />
      </ChartCard>
      {staff && (
        <ChartCard
          {...common}
          title="Workload per engineer"
          description="Open executions today; your own bar is marked"
          series="workload_per_engineer"
          empty={workload.length === 0}
          emptyText="No open executions: nobody has bench work waiting."
        >
          <BarChart
            h={Math.max(200, workload.length * 32)}
            data={workload.map((w) => ({ ...w, name: w.is_me ? `${w.name} (you)` : w.name }))}
            dataKey="name"
            type="stacked"
            orientation="vertical"
            withLegend
            yAxisProps={{ width: 130 }}
            series={[
              { name: 'overdue', label: 'Overdue', color: 'red.6' },
              { name: 'open_executions', label: 'Open', color: 'blue.6' },
            ]}
          />
        </ChartCard>
      )}
      <ChartCard
        {...common}
        title="Pass / fail by customer"
        series="pass_fail_by_customer"
        empty={byCustomer.length === 0}
        emptyText={`No verdicts yet. ${NOT_YET}`}
      >
        <BarChart
          h={Math.max(200, byCustomer.length * 32)}
          data={byCustomer}
          dataKey="name"
          type="percent"
          orientation="vertical"
          withLegend
          yAxisProps={{ width: 130 }}
          series={[
            { name: 'pass', label: 'Pass', color: 'teal.6' },
            { name: 'fail', label: 'Fail', color: 'red.6' },
            { name: 'other', label: 'Other', color: 'gray.5' },
          ]}
        />
      </ChartCard>
      <ChartCard
        {...common}
        title="Revenue pipeline"
        description={revenue.currency ? `Per month, ${revenue.currency}` : 'Per month'}
        series="revenue_by_month"
        empty={revenue.rows.length === 0}
        emptyText={`No quotes sent, won or invoiced. ${NOT_YET}`}
      >
        <BarChart
          h={240}
          data={revenue.rows}
          dataKey="month"
          withLegend
          series={[
            { name: 'quoted', label: 'Quoted', color: 'blue.4' },
            { name: 'won', label: 'Won', color: 'teal.6' },
            { name: 'invoiced', label: 'Invoiced', color: 'grape.6' },
          ]}
        />
        {revenue.otherCurrencies && (
          <Text size="xs" c="dimmed" mt={4}>
            Other currencies are in the CSV.
          </Text>
        )}
      </ChartCard>
      {staff && (
        <ChartCard
          {...common}
          title="Open NCRs by severity and age"
          series="ncrs_by_severity"
          empty={ncrs.every((n) => n.total === 0)}
          emptyText="No open non-conformances."
        >
          <BarChart
            h={200}
            data={ncrs}
            dataKey="severity"
            type="stacked"
            withLegend
            series={[
              { name: 'age_0_7', label: '0–7 days', color: 'yellow.5' },
              { name: 'age_8_30', label: '8–30 days', color: 'orange.6' },
              { name: 'age_31_90', label: '31–90 days', color: 'red.6' },
              { name: 'age_90_plus', label: '90+ days', color: 'red.9' },
            ]}
          />
        </ChartCard>
      )}
      {staff && (
        <ChartCard
          {...common}
          title="Calibrations due in 30 days"
          series="calibrations_due"
          chart={false}
          empty={calibrations.length === 0}
          emptyText="No instrument is due for calibration in the next 30 days."
        >
          <DueTable
            rows={calibrations.map((c) => ({
              key: c.equipment_id,
              what: `${c.asset_number} · ${c.name}`,
              due_date: c.due_date,
              days_left: c.days_left,
            }))}
            what="Instrument"
          />
        </ChartCard>
      )}
      <ChartCard
        {...common}
        title="Certificates expiring in 30 days"
        series="certificates_expiring"
        chart={false}
        empty={certificates.length === 0}
        emptyText="No issued certificate expires in the next 30 days."
      >
        <DueTable
          rows={certificates.map((c) => ({
            key: c.certificate_id,
            what: `${c.number} · ${c.product}${staff ? ` · ${c.customer_name}` : ''}`,
            due_date: c.expiry_date,
            days_left: c.days_left,
          }))}
          what="Certificate"
        />
      </ChartCard>
    </SimpleGrid>
  );
}

function DueTable({ rows, what }: { rows: SeriesRow[]; what: string }) {
  return (
    <Table.ScrollContainer minWidth={360} mah={240}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{what}</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th>In</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={String(r.key)}>
              <Table.Td>{String(r.what)}</Table.Td>
              <Table.Td>{String(r.due_date)}</Table.Td>
              <Table.Td>
                <Badge
                  color={Number(r.days_left) < 0 ? 'red' : Number(r.days_left) <= 7 ? 'orange' : 'gray'}
                  variant="light"
                >
                  {Number(r.days_left) < 0 ? `${-Number(r.days_left)} d overdue` : `${r.days_left} d`}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The chart shows the main currency (the one with most quoted value); the CSV has them all. */
function revenueRows(rows: SeriesRow[]) {
  const totals = new Map<string, number>();
  for (const r of rows)
    totals.set(String(r.currency), (totals.get(String(r.currency)) ?? 0) + Number(r.quoted));
  const currency = [...totals].sort((a, b) => b[1] - a[1])[0]?.[0];
  return {
    currency,
    otherCurrencies: totals.size > 1,
    rows: rows
      .filter((r) => r.currency === currency)
      .map((r) => ({
        month: r.month,
        quoted: Number(r.quoted),
        won: Number(r.won),
        invoiced: Number(r.invoiced),
      })),
  };
}
