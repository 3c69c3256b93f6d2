import { Anchor, Button, Card, Grid, Skeleton, Text } from '@mantine/core';
import { IconTable } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { Fields } from '../../components/detail/Fields';
import { HistoryCard } from '../../components/detail/HistoryCard';
import { SectionCard } from '../../components/detail/SectionCard';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import { executionKeys, useExecutions } from '../../features/test-executions/api';
import { ExecutionsList } from '../../features/test-executions/components/ExecutionsList';
import { planHistory, planKeys, type TestPlan, usePlan } from '../../features/test-plans/api';
import { PlanActions } from '../../features/test-plans/components/PlanActions';
import {
  PlanStatusBadge,
  PriorityBadge,
  planProgress,
} from '../../features/test-plans/components/PlanBadges';
import { formatDate, formatDateTime } from '../../lib/format';

export function PlanDetailPage() {
  const { id = '' } = useParams();
  const plan = usePlan(id);
  useSetCrumb(plan.data?.name || plan.data?.method_code);
  if (plan.isLoading) return <Skeleton h={320} />;
  if (plan.error || !plan.data)
    return <QueryError error={plan.error} what="test plan" onRetry={() => plan.refetch()} />;
  return <PlanDetail plan={plan.data} />;
}

function PlanDetail({ plan }: { plan: TestPlan }) {
  const queryClient = useQueryClient();
  const executions = useExecutions({ plan_id: plan.id, sort: 'created_at' });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: planKeys.all });
    void queryClient.invalidateQueries({ queryKey: executionKeys.all });
  };
  const { done, total } = planProgress(plan);
  const open = plan.status === 'planned' || plan.status === 'in_progress';
  return (
    <>
      <PageHeader
        title={plan.name || `${plan.method_code} on ${plan.sample_ids.length} sample(s)`}
        badge={<PlanStatusBadge status={plan.status} />}
        subtitle={`${plan.project_number} · ${plan.method_code} · ${done} of ${total} executions done`}
        actions={
          <>
            {open && (
              <Button
                component={Link}
                to={`/bench/plans/${plan.id}`}
                leftSection={<IconTable size={16} aria-hidden />}
              >
                Open bench
              </Button>
            )}
            <PlanActions plan={plan} onDone={refresh} />
          </>
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card withBorder padding="lg" mb="md">
            <Fields
              items={[
                { label: 'Project', value: plan.project_number },
                { label: 'Method', value: `${plan.method_code} · ${plan.method_title}` },
                {
                  label: 'Decision rule',
                  value:
                    plan.decision_rule === 'guarded'
                      ? 'Guarded acceptance (ISO/IEC 17025 §7.8.6)'
                      : 'Simple acceptance',
                },
                { label: 'Specifications', value: `${plan.specification_ids.length} specification(s)` },
                { label: 'Engineer', value: plan.engineer_name },
                { label: 'Priority', value: <PriorityBadge priority={plan.priority} /> },
                { label: 'Due', value: formatDate(plan.due_date) },
                { label: 'Created', value: formatDateTime(plan.created_at) },
                { label: 'Notes', value: plan.notes },
              ]}
            />
          </Card>
          <SectionCard
            title="Executions"
            titleGap="sm"
            actions={
              <Anchor component={Link} to={`/test-results?plan_id=${plan.id}`} size="sm">
                All results of this plan
              </Anchor>
            }
          >
            {executions.error ? (
              <QueryError error={executions.error} onRetry={() => executions.refetch()} />
            ) : executions.isLoading ? (
              <Skeleton h={120} />
            ) : (
              <ExecutionsList executions={executions.data ?? []} onChanged={refresh} />
            )}
          </SectionCard>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <HistoryCard
            queryKey={[...planKeys.history(plan.id), plan.version]}
            fetchPage={(skip) => planHistory(plan.id, skip)}
          >
            <Text size="xs" c="dimmed" mt="sm">
              Version {plan.version}
            </Text>
          </HistoryCard>
        </Grid.Col>
      </Grid>
    </>
  );
}
