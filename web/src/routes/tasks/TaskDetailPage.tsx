import { Anchor, Badge, Button, Card, Grid, Group, Skeleton, Stack, Text } from '@mantine/core';
import {
  IconCheck,
  IconEdit,
  IconPlayerPlay,
  IconPlus,
  IconRotate,
  IconSend,
  IconX,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { ActionBar, type ActionSpec } from '../../components/actions/ActionBar';
import { Fields } from '../../components/detail/Fields';
import { HistoryCard } from '../../components/detail/HistoryCard';
import { SectionCard } from '../../components/detail/SectionCard';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import { runTaskAction, type TaskAction, taskHistory, taskKeys, useTask } from '../../features/tasks/api';
import { SubtaskTree } from '../../features/tasks/components/SubtaskTree';
import {
  PRIORITY_COLORS,
  PRIORITY_LABELS,
  TASK_STATUS_COLORS,
  TASK_STATUS_LABELS,
} from '../../features/tasks/labels';
import { formatDate, formatDateTime } from '../../lib/format';
import { useCanWriteTasks } from './TasksHeader';

const ACTIONS: Partial<Record<TaskAction, ActionSpec>> = {
  start: { label: 'Start', icon: IconPlayerPlay, done: 'Task started' },
  submit: { label: 'Ready for review', icon: IconSend, done: 'Task sent for review' },
  complete: { label: 'Mark done', icon: IconCheck, color: 'green', done: 'Task done' },
  send_back: { label: 'Needs more work', icon: IconRotate, variant: 'default', done: 'Task sent back' },
  reopen: { label: 'Reopen', icon: IconRotate, variant: 'default', done: 'Task reopened' },
  cancel: {
    label: 'Cancel task',
    icon: IconX,
    color: 'red',
    variant: 'light',
    confirm: { title: 'Cancel this task?', message: 'It leaves the board; you can reopen it later.' },
    done: 'Task cancelled',
  },
};

/** Where a link of a task leads in the app (records without a screen show their kind and id). */
const LINK_PATHS: Record<string, string> = {
  project: '/projects',
  sample: '/samples',
  customer: '/customers',
  estimation: '/quotes',
  rfq: '/rfqs',
  trf: '/trfs',
  sales_order: '/sales-orders',
  test_plan: '/test-plans',
  ncr: '/ncrs',
  task: '/tasks',
};

export function TaskDetailPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const task = useTask(id);
  const canWrite = useCanWriteTasks();
  useSetCrumb(task.data?.number);
  if (task.isLoading) return <Skeleton h={400} />;
  if (task.error || !task.data)
    return <QueryError error={task.error} what="task" onRetry={() => task.refetch()} />;
  const t = task.data;
  return (
    <>
      <PageHeader
        title={`${t.number} · ${t.title}`}
        badge={
          <Badge variant="light" color={TASK_STATUS_COLORS[t.status]}>
            {TASK_STATUS_LABELS[t.status]}
          </Badge>
        }
        subtitle={t.assignee_name ? `Assigned to ${t.assignee_name}` : 'Not assigned'}
        actions={
          <Group gap="xs">
            <ActionBar<TaskAction>
              allowed={t.allowed_actions}
              specs={ACTIONS}
              run={(action) => runTaskAction(t.id, action, t.version)}
              onSettled={() => queryClient.invalidateQueries({ queryKey: taskKeys.all })}
            />
            {canWrite && !t.archived_at && (
              <Button
                component={Link}
                to={`/tasks/${t.id}/edit`}
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
            <Card withBorder padding="lg">
              <Text style={{ whiteSpace: 'pre-wrap' }} c={t.description ? undefined : 'dimmed'} mb="md">
                {t.description || 'No description.'}
              </Text>
              <Fields
                items={[
                  {
                    label: 'Priority',
                    value: (
                      <Badge variant="outline" color={PRIORITY_COLORS[t.priority]}>
                        {PRIORITY_LABELS[t.priority]}
                      </Badge>
                    ),
                  },
                  { label: 'Due', value: formatDate(t.due_date) },
                  { label: 'Reporter', value: t.reporter_name },
                  {
                    label: 'Parent',
                    value: t.parent_id ? (
                      <Anchor component={Link} to={`/tasks/${t.parent_id}`}>
                        {t.parent_number}
                      </Anchor>
                    ) : null,
                  },
                  {
                    label: 'Tags',
                    value: t.tags.length ? (
                      <Group gap={4}>
                        {t.tags.map((tag) => (
                          <Badge
                            key={tag}
                            variant="dot"
                            component={Link}
                            to={`/tasks/list?tag=${encodeURIComponent(tag)}`}
                          >
                            {tag}
                          </Badge>
                        ))}
                      </Group>
                    ) : null,
                  },
                  {
                    label: 'Linked records',
                    value: t.links.length ? (
                      <Stack gap={2}>
                        {t.links.map((l) =>
                          LINK_PATHS[l.entity_type] ? (
                            <Anchor
                              key={l.entity_id}
                              component={Link}
                              to={`${LINK_PATHS[l.entity_type]}/${l.entity_id}`}
                            >
                              {l.entity_type.replace('_', ' ')} …{l.entity_id.slice(-6)}
                            </Anchor>
                          ) : (
                            <Text key={l.entity_id} size="sm">
                              {l.entity_type.replace('_', ' ')} {l.entity_id}
                            </Text>
                          ),
                        )}
                      </Stack>
                    ) : null,
                  },
                  { label: 'Completed', value: t.completed_at ? formatDateTime(t.completed_at) : null },
                ]}
              />
            </Card>
            <SectionCard
              title={
                <>
                  Subtasks{' '}
                  {t.subtask_count
                    ? `(${t.subtask_count - t.open_subtask_count}/${t.subtask_count} closed)`
                    : ''}
                </>
              }
              actions={
                canWrite && (
                  <Button
                    component={Link}
                    to={`/tasks/new?parent=${t.id}`}
                    size="xs"
                    variant="light"
                    leftSection={<IconPlus size={14} aria-hidden />}
                  >
                    Add subtask
                  </Button>
                )
              }
            >
              <SubtaskTree taskId={t.id} version={t.version} />
            </SectionCard>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <HistoryCard
            queryKey={[...taskKeys.history(t.id), t.version]}
            fetchPage={(skip) => taskHistory(t.id, skip)}
          />
        </Grid.Col>
      </Grid>
    </>
  );
}
