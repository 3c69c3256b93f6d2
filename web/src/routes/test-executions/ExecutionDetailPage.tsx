import { Anchor, Button, Card, Grid, Skeleton, Title } from '@mantine/core';
import { IconTable } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { Fields } from '../../components/detail/Fields';
import { HistoryCard } from '../../components/detail/HistoryCard';
import { SectionCard } from '../../components/detail/SectionCard';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import {
  executionHistory,
  executionKeys,
  type TestExecution,
  useExecution,
} from '../../features/test-executions/api';
import { ConditionsForm } from '../../features/test-executions/components/ConditionsForm';
import { ExecutionActions } from '../../features/test-executions/components/ExecutionActions';
import { ExecutionStatusBadge } from '../../features/test-executions/components/ExecutionStatusBadge';
import { ResultsTable } from '../../features/test-results/components/ResultsTable';
import { formatDateTime } from '../../lib/format';

export function ExecutionDetailPage() {
  const { id = '' } = useParams();
  const execution = useExecution(id);
  useSetCrumb(execution.data?.sample_number);
  if (execution.isLoading) return <Skeleton h={320} />;
  if (execution.error || !execution.data)
    return <QueryError error={execution.error} what="execution" onRetry={() => execution.refetch()} />;
  return <ExecutionDetail execution={execution.data} />;
}

function ExecutionDetail({ execution }: { execution: TestExecution }) {
  const queryClient = useQueryClient();
  const refresh = (next: TestExecution) => {
    queryClient.setQueryData(executionKeys.detail(next.id), next);
    void queryClient.invalidateQueries({ queryKey: executionKeys.all });
  };
  return (
    <>
      <PageHeader
        title={`${execution.sample_number} · ${execution.method_code}`}
        badge={<ExecutionStatusBadge status={execution.status} size="md" />}
        subtitle={`${execution.project_number} · ${execution.result_count} of ${execution.parameter_count} parameters entered`}
        actions={
          <>
            {execution.plan_status !== 'completed' && execution.plan_status !== 'cancelled' && (
              <Button
                component={Link}
                to={`/bench/plans/${execution.plan_id}`}
                variant="default"
                leftSection={<IconTable size={16} aria-hidden />}
              >
                Bench
              </Button>
            )}
            <ExecutionActions execution={execution} label={execution.sample_number} onDone={refresh} />
          </>
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card withBorder padding="lg" mb="md">
            <Fields
              items={[
                {
                  label: 'Plan',
                  value: (
                    <Anchor component={Link} to={`/test-plans/${execution.plan_id}`} size="sm">
                      {execution.plan_name || execution.method_code}
                    </Anchor>
                  ),
                },
                { label: 'Method', value: `${execution.method_code} · ${execution.method_title}` },
                { label: 'Engineer', value: execution.engineer_name },
                { label: 'Started', value: formatDateTime(execution.started_at) },
                { label: 'Completed', value: formatDateTime(execution.completed_at) },
                { label: 'Abort reason', value: execution.abort_reason },
              ]}
            />
          </Card>
          <SectionCard title="Conditions" titleGap="sm" mb="md">
            <ConditionsForm execution={execution} onSaved={refresh} />
          </SectionCard>
          <Title order={2} fz="h4" mb="sm">
            Results
          </Title>
          <ResultsTable fixed={{ execution_id: execution.id }} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <HistoryCard
            queryKey={[...executionKeys.history(execution.id), execution.version]}
            fetchPage={(skip) => executionHistory(execution.id, skip)}
          />
        </Grid.Col>
      </Grid>
    </>
  );
}
