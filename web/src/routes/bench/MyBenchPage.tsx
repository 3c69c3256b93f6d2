import { Anchor, Badge, Skeleton, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { SectionCard } from '../../components/detail/SectionCard';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import { type BenchExecution, useMyExecutions } from '../../features/bench/api';
import { useMe } from '../../lib/auth/useAuth';
import { formatDateTime } from '../../lib/format';

/** The signed-in engineer's work: executions running now and those waiting, grouped by plan. */
export function MyBenchPage() {
  const me = useMe();
  const running = useMyExecutions(me.id, 'in_progress');
  const waiting = useMyExecutions(me.id, 'pending');
  return (
    <>
      <PageHeader title="My bench" subtitle="Your executions: open a plan’s bench to enter results" />
      <Stack>
        <Section
          title="In progress"
          query={running}
          empty="Nothing running. Start a pending execution below."
        />
        <Section title="Waiting to start" query={waiting} empty="Nothing waiting for you." />
      </Stack>
    </>
  );
}

function Section({
  title,
  query,
  empty,
}: {
  title: string;
  query: ReturnType<typeof useMyExecutions>;
  empty: string;
}) {
  const byPlan = new Map<string, BenchExecution[]>();
  for (const e of query.data ?? []) byPlan.set(e.plan_id, [...(byPlan.get(e.plan_id) ?? []), e]);
  return (
    <SectionCard
      title={title}
      titleGap="sm"
      actions={<Badge variant="light">{query.data?.length ?? 0}</Badge>}
    >
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : query.isLoading ? (
        <Skeleton h={80} />
      ) : byPlan.size === 0 ? (
        <Text c="dimmed" size="sm">
          {empty}
        </Text>
      ) : (
        <Table data-testid={`bench-${title.toLowerCase().replace(/\s+/g, '-')}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Plan</Table.Th>
              <Table.Th>Project</Table.Th>
              <Table.Th>Samples</Table.Th>
              <Table.Th>Results entered</Table.Th>
              <Table.Th>Since</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...byPlan.values()].map((list) => {
              const first = list[0];
              const entered = list.reduce((n, e) => n + e.result_count, 0);
              const expected = list.reduce((n, e) => n + e.parameter_count, 0);
              return (
                <Table.Tr key={first.plan_id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/bench/plans/${first.plan_id}`} fw={500}>
                      {first.plan_name || first.method_code}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {first.method_code} · {first.method_title}
                    </Text>
                  </Table.Td>
                  <Table.Td>{first.project_number}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {list.map((e) => e.sample_number).join(', ')}
                    </Text>
                  </Table.Td>
                  <Table.Td ff="monospace">
                    {entered} / {expected}
                  </Table.Td>
                  <Table.Td>{formatDateTime(first.started_at ?? first.created_at)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </SectionCard>
  );
}
