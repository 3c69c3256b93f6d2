import {
  Anchor,
  Button,
  Card,
  Grid,
  Group,
  NumberInput,
  Progress,
  Skeleton,
  Stack,
  Text,
} from '@mantine/core';
import { IconCheck, IconEdit, IconPlayerPause, IconPlayerPlay, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/problem';
import { useSetCrumb } from '../../app/shell/crumbs';
import { ActionBar } from '../../components/actions/ActionBar';
import { Fields } from '../../components/detail/Fields';
import { HistoryCard } from '../../components/detail/HistoryCard';
import { SectionCard } from '../../components/detail/SectionCard';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import { StateBadge } from '../../components/ui/StateBadge';
import {
  runWorkOrderAction,
  setWorkOrderProgress,
  useWorkOrder,
  WO_PRIORITIES,
  WO_STATUS_LOOKS,
  type WorkOrder,
  type WorkOrderAction,
  workOrderHistory,
  workOrderKeys,
} from '../../features/work-orders/api';
import { hasRole, MANAGERS } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';
import { formatDate, formatDateTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';

export function WorkOrderDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const queryClient = useQueryClient();
  const wo = useWorkOrder(id);
  useSetCrumb(wo.data?.number);
  if (wo.isLoading) return <Skeleton h={400} />;
  if (wo.error || !wo.data)
    return <QueryError error={wo.error} what="work order" onRetry={() => wo.refetch()} />;
  const o = wo.data;
  const refresh = () => queryClient.invalidateQueries({ queryKey: workOrderKeys.all });
  const editable =
    hasRole(me.role, MANAGERS) && ['open', 'in_progress', 'on_hold'].includes(o.status) && !o.archived_at;
  return (
    <>
      <PageHeader
        title={`${o.number} · ${o.title}`}
        badge={<StateBadge status={o.status} looks={WO_STATUS_LOOKS} archived={!!o.archived_at} />}
        subtitle={o.assignee_name ? `Assigned to ${o.assignee_name}` : 'Not assigned'}
        actions={
          <Group gap="xs">
            <ActionBar<WorkOrderAction>
              allowed={o.allowed_actions}
              specs={{
                start: { label: 'Start', icon: IconPlayerPlay, done: `${o.number} has started.` },
                resume: { label: 'Resume', icon: IconPlayerPlay, done: `${o.number} is running again.` },
                hold: {
                  label: 'Put on hold',
                  icon: IconPlayerPause,
                  variant: 'light',
                  reason: { title: 'Put on hold', message: 'What is it waiting for?' },
                  done: `${o.number} is on hold.`,
                },
                complete: {
                  label: 'Complete',
                  icon: IconCheck,
                  color: 'green',
                  done: `${o.number} is done.`,
                },
                cancel: {
                  label: 'Cancel',
                  icon: IconX,
                  color: 'red',
                  variant: 'light',
                  reason: { title: `Cancel ${o.number}`, message: 'Say why the job is stopped.' },
                  done: `${o.number} was cancelled.`,
                },
              }}
              run={(action, reason) => runWorkOrderAction(o.id, action, o.version, reason)}
              onSettled={refresh}
            />
            {editable && (
              <Button
                component={Link}
                to={`/work-orders/${o.id}/edit`}
                variant="default"
                leftSection={<IconEdit size={16} aria-hidden />}
              >
                Edit
              </Button>
            )}
          </Group>
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <ProgressCard order={o} onSaved={refresh} />
            <Card withBorder padding="lg">
              <Fields
                items={[
                  {
                    label: 'Project',
                    value: o.project_id ? (
                      <Anchor component={Link} to={`/projects/${o.project_id}`}>
                        {o.project_number}
                      </Anchor>
                    ) : null,
                  },
                  {
                    label: 'Sales order',
                    value: o.sales_order_id ? (
                      <Anchor component={Link} to={`/sales-orders/${o.sales_order_id}`}>
                        {o.sales_order_number}
                      </Anchor>
                    ) : null,
                  },
                  {
                    label: 'Priority',
                    value: WO_PRIORITIES.find((p) => p.value === o.priority)?.label ?? o.priority,
                  },
                  { label: 'Due', value: formatDate(o.due_date) },
                  { label: 'Started', value: o.started_at ? formatDateTime(o.started_at) : null },
                  { label: 'Completed', value: o.completed_at ? formatDateTime(o.completed_at) : null },
                  { label: 'Reason', value: o.status_reason },
                  { label: 'Description', value: o.description },
                  { label: 'Notes', value: o.notes },
                ]}
              />
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <HistoryCard
            queryKey={[...workOrderKeys.history(o.id), o.version]}
            fetchPage={(skip) => workOrderHistory(o.id, skip)}
          />
        </Grid.Col>
      </Grid>
    </>
  );
}

/** The progress bar; set by hand when nothing derives it and the caller may. */
function ProgressCard({ order, onSaved }: { order: WorkOrder; onSaved: () => Promise<unknown> }) {
  const [value, setValue] = useState<number | string>(order.progress);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const derived = order.progress_source === 'executions';
  const canSet = order.allowed_actions.includes('set-progress') && !derived;
  const save = async () => {
    setPending(true);
    setError(null);
    try {
      await setWorkOrderProgress(order.id, Number(value), order.version);
      notifySuccess(`${order.number} is at ${value} %.`);
      await onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  };
  return (
    <SectionCard
      title="Progress"
      titleGap="xs"
      actions={
        <Text fw={700} data-testid="wo-progress">
          {order.progress} %
        </Text>
      }
    >
      <Progress value={order.progress} size="lg" aria-label={`${order.progress} % done`} />
      <Text size="sm" c="dimmed" mt="xs">
        {derived
          ? `Derived from the project's test executions: ${order.executions_completed} of ${order.executions_total} completed.`
          : 'Set by hand: the project has no test executions yet.'}
      </Text>
      {canSet && (
        <Group align="flex-end" mt="sm">
          <NumberInput
            label="Set progress %"
            min={0}
            max={100}
            w={140}
            value={value}
            onChange={setValue}
            error={error}
          />
          <Button variant="light" onClick={save} loading={pending}>
            Save progress
          </Button>
        </Group>
      )}
    </SectionCard>
  );
}
