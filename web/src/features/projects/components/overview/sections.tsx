import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { SectionCard } from '../../../../components/detail/SectionCard';
import { formatDate } from '../../../../lib/format';
import { formatMoney } from '../../../../lib/money';
import type { ProjectOverview } from '../../api';
import { Counts, CountsCard } from './CountsCard';

/**
 * The sections of the project page. Each takes the overview (one request for the whole page) and
 * renders one part of the chain; the page lists them, so a new section is one component and one
 * entry there.
 */
export interface SectionProps {
  overview: ProjectOverview;
  /** A portal customer: links to the portal's pages, no lab-internal sections. */
  portal: boolean;
}
export type ProjectSection = (props: SectionProps) => React.ReactNode;

/** Upstream and sideways: the RFQ, its quotes and the sales orders. */
export function CommercialSection({ overview, portal }: SectionProps) {
  const { rfq, estimations, sales_orders } = overview;
  const to = (path: string) => (portal ? undefined : path);
  const linked = (path: string | undefined, text: string) =>
    path ? (
      <Anchor component={Link} to={path}>
        {text}
      </Anchor>
    ) : (
      text
    );
  return (
    <SectionCard title="Request, quotes and orders" titleGap="sm" data-testid="section-commercial">
      <Stack gap={6}>
        <Text size="sm">
          Request:{' '}
          {rfq
            ? linked(
                portal ? `/portal/requests/${rfq.id}` : `/rfqs/${rfq.id}`,
                `${rfq.number} · ${rfq.title}`,
              )
            : 'none (opened by hand)'}
        </Text>
        {estimations.map((q) => (
          <Text size="sm" key={q.id}>
            Quote {linked(to(`/quotes/${q.id}`), `${q.number} rev ${q.revision}`)} · {q.status} ·{' '}
            {formatMoney(q.total, q.currency)}
          </Text>
        ))}
        {sales_orders.map((o) => (
          <Text size="sm" key={o.id}>
            Sales order {linked(portal ? undefined : `/sales-orders/${o.id}`, o.number)} ·{' '}
            {formatDate(o.order_date)} · {formatMoney(o.total, o.currency)}
          </Text>
        ))}
        {sales_orders.length === 0 && (
          <Text size="sm" c="dimmed">
            No sales order.
          </Text>
        )}
      </Stack>
    </SectionCard>
  );
}

export function TrfsSection({ overview, portal }: SectionProps) {
  const { trfs } = overview;
  return (
    <CountsCard
      title="Test requests"
      total={trfs.total}
      byStatus={trfs.by_status}
      latest={trfs.latest}
      render={(t) => `${t.number} · ${t.status}`}
      href={(t) => (portal ? undefined : `/trfs/${t.id}`)}
      empty="No TRF yet: the customer's test request form says what to test on which item."
    />
  );
}

export function SamplesSection({ overview, portal }: SectionProps) {
  const { samples } = overview;
  return (
    <CountsCard
      title="Samples"
      total={samples.total}
      byStatus={samples.by_status}
      latest={samples.latest}
      render={(s) => `${s.number} · ${s.description} · received ${formatDate(s.received_date)}`}
      href={(s) => (portal ? undefined : `/samples/${s.id}`)}
      empty="No sample received yet."
    />
  );
}

export function PlansSection({ overview }: SectionProps) {
  const { test_plans: plans, test_executions: executions } = overview;
  if (!plans) return null;
  return (
    <CountsCard
      title="Test plans"
      total={plans.total}
      byStatus={plans.by_status}
      latest={plans.latest}
      render={(p) =>
        `${p.name ?? 'Plan'} · ${p.status} · ${p.priority}${p.due_date ? ` · due ${formatDate(p.due_date)}` : ''}`
      }
      href={(p) => `/test-plans/${p.id}`}
      empty="No test plan yet."
    >
      {executions && executions.total > 0 && (
        <Group gap="xs">
          <Text size="xs" c="dimmed">
            Executions ({executions.total}):
          </Text>
          <Counts counts={executions.by_status} />
        </Group>
      )}
    </CountsCard>
  );
}

export function ResultsSection({ overview, portal }: SectionProps) {
  const { test_results: results } = overview;
  return (
    <CountsCard
      title={portal ? 'Approved results' : 'Results'}
      total={results.total}
      byStatus={results.by_status}
      empty={portal ? 'No approved result yet.' : 'No result entered yet.'}
    >
      <Group gap="xs">
        <Text size="xs" c="dimmed">
          Verdicts:
        </Text>
        <Counts counts={results.by_verdict} testId="verdict-counts" />
      </Group>
    </CountsCard>
  );
}
