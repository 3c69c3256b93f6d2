import { Alert, Button, Card, Grid, Group, Kbd, Progress, Skeleton, Text, Title } from '@mantine/core';
import { IconKeyboard, IconPlayerPlay } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/problem';
import { useSetCrumb } from '../../app/shell/crumbs';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import { benchKeys, type ResultsGrid, type SavedResult, useResultsGrid } from '../../features/bench/api';
import { BenchGrid, type RowExecution } from '../../features/bench/components/BenchGrid';
import { executionAction, executionKeys, useExecutions } from '../../features/test-executions/api';
import { ConditionsForm } from '../../features/test-executions/components/ConditionsForm';
import { ExecutionActions } from '../../features/test-executions/components/ExecutionActions';
import { ExecutionStatusBadge } from '../../features/test-executions/components/ExecutionStatusBadge';
import { planKeys, type TestPlan, usePlan } from '../../features/test-plans/api';
import { PlanActions } from '../../features/test-plans/components/PlanActions';
import { PlanStatusBadge } from '../../features/test-plans/components/PlanBadges';
import { notifyError } from '../../lib/notify';

/** The bench for one plan: the keyboard-first grid, the row's conditions, start and complete. */
export function BenchPage() {
  const { id = '' } = useParams();
  const plan = usePlan(id);
  useSetCrumb(plan.data?.name || plan.data?.method_code);
  if (plan.isLoading) return <Skeleton h={320} />;
  if (plan.error || !plan.data)
    return <QueryError error={plan.error} what="test plan" onRetry={() => plan.refetch()} />;
  return <Bench plan={plan.data} />;
}

function Bench({ plan }: { plan: TestPlan }) {
  const queryClient = useQueryClient();
  const grid = useResultsGrid(plan.project_id, plan.id);
  const executions = useExecutions({ plan_id: plan.id, sort: 'created_at' });
  const [focusedSample, setFocusedSample] = useState<string | null>(null);
  const [starting, setStarting] = useState<{ done: number; total: number } | null>(null);

  // The latest execution of each sample in this plan (a re-test adds another).
  const bySample = new Map((executions.data ?? []).map((e) => [e.sample_id, e]));
  const rowExecutions = new Map<string, RowExecution>(
    [...bySample].map(([k, e]) => [k, { id: e.id, status: e.status }]),
  );
  const refreshExecutions = () => {
    void queryClient.invalidateQueries({ queryKey: executionKeys.all });
    void queryClient.invalidateQueries({ queryKey: planKeys.all });
  };

  /** The server's answer replaces the cell in the cached grid: the verdict chip updates at once. */
  const onSaved = (sampleId: string, saved: SavedResult) => {
    queryClient.setQueryData<ResultsGrid>(
      benchKeys.grid(plan.project_id, plan.id),
      (old) =>
        old && {
          ...old,
          rows: old.rows.map((row) =>
            row.id !== sampleId
              ? row
              : {
                  ...row,
                  results: [
                    ...row.results.filter(
                      (r) => !(r.method_id === saved.method_id && r.parameter === saved.parameter),
                    ),
                    saved,
                  ],
                },
          ),
        },
    );
    void queryClient.invalidateQueries({ queryKey: executionKeys.all });
  };

  const pending = (executions.data ?? []).filter((e) => e.allowed_actions.includes('start'));
  const startAll = async () => {
    setStarting({ done: 0, total: pending.length });
    for (const [i, e] of pending.entries()) {
      try {
        await executionAction(e, 'start');
      } catch (error) {
        notifyError(error, `Could not start ${e.sample_number}`);
        break;
      }
      setStarting({ done: i + 1, total: pending.length });
    }
    setStarting(null);
    refreshExecutions();
  };

  const focused = focusedSample ? bySample.get(focusedSample) : undefined;
  return (
    <>
      <PageHeader
        title={`Bench · ${plan.name || plan.method_code}`}
        badge={<PlanStatusBadge status={plan.status} />}
        subtitle={
          <>
            <Link to={`/test-plans/${plan.id}`}>{plan.project_number}</Link> · {plan.method_code} ·{' '}
            {plan.decision_rule === 'guarded'
              ? 'guarded acceptance: enter values as "12.4 ± 0.3"'
              : 'simple acceptance'}
          </>
        }
        actions={
          <>
            {pending.length > 0 && (
              <Button
                variant="light"
                leftSection={<IconPlayerPlay size={16} aria-hidden />}
                onClick={startAll}
                loading={Boolean(starting)}
              >
                Start all {pending.length} pending
              </Button>
            )}
            <PlanActions plan={plan} onDone={refreshExecutions} />
          </>
        }
      />
      {starting && (
        <Progress
          value={(starting.done / starting.total) * 100}
          mb="sm"
          animated
          aria-label="Starting executions"
        />
      )}
      <Alert variant="light" icon={<IconKeyboard aria-hidden />} mb="md" py={6}>
        <Text size="sm">
          Type to enter a value · <Kbd>Enter</Kbd> saves and goes down · <Kbd>Tab</Kbd> saves and goes right ·
          arrows move · <Kbd>Esc</Kbd> undoes the edit
        </Text>
      </Alert>
      <Grid>
        <Grid.Col span={12}>
          {grid.error || executions.error ? (
            <QueryError error={grid.error ?? executions.error} onRetry={() => grid.refetch()} />
          ) : !grid.data || !executions.data ? (
            <Skeleton h={240} />
          ) : (
            <BenchGrid
              columns={grid.data.columns}
              rows={grid.data.rows}
              executions={rowExecutions}
              onSaved={onSaved}
              onRowFocus={setFocusedSample}
              renderRowActions={(row) => {
                const e = bySample.get(row.id);
                if (!e) return null;
                return (
                  <>
                    <ExecutionStatusBadge status={e.status} size="xs" />
                    <ExecutionActions
                      execution={e}
                      label={e.sample_number}
                      size="xs"
                      compact
                      onDone={refreshExecutions}
                    />
                  </>
                );
              }}
            />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6, lg: 4 }}>
          <Card withBorder padding="md">
            <Title order={2} fz="h5" mb="xs">
              Conditions {focused ? `· ${focused.sample_number}` : ''}
            </Title>
            {focused ? (
              <ConditionsForm execution={focused} onSaved={refreshExecutions} />
            ) : (
              <Text size="sm" c="dimmed">
                Move into a row of the grid to record its temperature, humidity and notes.
              </Text>
            )}
          </Card>
          {executions.error && (
            <Text c="red" size="sm">
              {errorMessage(executions.error)}
            </Text>
          )}
          <Group mt="sm">
            <Link to={`/test-results?plan_id=${plan.id}`}>All results of this plan</Link>
          </Group>
        </Grid.Col>
      </Grid>
    </>
  );
}
