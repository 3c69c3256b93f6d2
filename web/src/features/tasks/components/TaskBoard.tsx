import {
  ActionIcon,
  Anchor,
  Badge,
  Card,
  Group,
  Menu,
  Paper,
  ScrollArea,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowsMove, IconCalendar } from '@tabler/icons-react';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryError } from '../../../components/ui/QueryState';
import { formatDate } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { listTasks, runTaskAction, type Task, type TaskStatus, taskKeys } from '../api';
import {
  actionBetween,
  BOARD_COLUMNS,
  PRIORITY_COLORS,
  PRIORITY_LABELS,
  TASK_STATUS_LABELS,
} from '../labels';

const PER_COLUMN = 50;

/**
 * The task board: one column per status. Dragging a card to another column runs the action that
 * makes that move (start, submit, complete, send back, reopen); the server's refusal (a parent with
 * open subtasks, working hours) is shown as it words it. Every card also has a "Move to" menu, the
 * keyboard way to do the same.
 */
export function TaskBoard({ filters = {} }: { filters?: Record<string, string> }) {
  const queryClient = useQueryClient();
  const columns = useQueries({
    queries: BOARD_COLUMNS.map((status) => ({
      queryKey: [...taskKeys.board(), status, filters],
      queryFn: () => listTasks({ status, limit: PER_COLUMN, sort: '-updated_at', ...filters } as never),
    })),
  });
  const [dragging, setDragging] = useState<Task | null>(null);
  const [over, setOver] = useState<TaskStatus | null>(null);
  const [moving, setMoving] = useState<string | null>(null);

  const move = async (task: Task, to: TaskStatus) => {
    if (task.status === to) return;
    const action = actionBetween(task.status, to);
    if (!action || !task.allowed_actions.includes(action)) {
      notifyError(
        new Error(
          `${task.number} cannot go from ${TASK_STATUS_LABELS[task.status]} to ${TASK_STATUS_LABELS[to]} in one step` +
            (task.allowed_actions.length ? '.' : ': you may not change it.'),
        ),
        'Not moved',
      );
      return;
    }
    setMoving(task.id);
    try {
      await runTaskAction(task.id, action, task.version);
      notifySuccess(`${task.number} moved to ${TASK_STATUS_LABELS[to]}`);
    } catch (error) {
      notifyError(error, `${task.number} was not moved`);
    } finally {
      setMoving(null);
      await queryClient.invalidateQueries({ queryKey: taskKeys.all });
    }
  };

  const failed = columns.find((c) => c.error);
  if (failed) return <QueryError error={failed.error} what="tasks" onRetry={() => failed.refetch()} />;

  return (
    <ScrollArea type="auto" offsetScrollbars>
      <SimpleGrid cols={BOARD_COLUMNS.length} miw={960} spacing="md" data-testid="task-board">
        {BOARD_COLUMNS.map((status, i) => {
          const column = columns[i];
          const tasks = column.data?.items ?? [];
          return (
            <Paper
              key={status}
              withBorder
              p="sm"
              bg={over === status ? 'var(--mantine-color-blue-light)' : 'var(--mantine-color-gray-0)'}
              data-testid={`column-${status}`}
              aria-label={`${TASK_STATUS_LABELS[status]} column`}
              onDragOver={(event) => {
                event.preventDefault();
                setOver(status);
              }}
              onDragLeave={() => setOver((s) => (s === status ? null : s))}
              onDrop={(event) => {
                event.preventDefault();
                setOver(null);
                const id = event.dataTransfer.getData('text/plain');
                const task = dragging?.id === id ? dragging : undefined;
                setDragging(null);
                if (task) void move(task, status);
              }}
            >
              <Group justify="space-between" mb="sm">
                <Title order={2} fz="sm" tt="uppercase" c="dimmed">
                  {TASK_STATUS_LABELS[status]}
                </Title>
                <Badge variant="light" color="gray">
                  {column.data?.total ?? '…'}
                </Badge>
              </Group>
              <Stack gap="xs" mih={120}>
                {column.isLoading && [0, 1, 2].map((n) => <Skeleton key={n} h={70} />)}
                {!column.isLoading && tasks.length === 0 && (
                  <Text size="sm" c="dimmed" ta="center" py="md">
                    {status === 'todo' ? 'Nothing to do. Create a task to get started.' : 'Drop a card here'}
                  </Text>
                )}
                {tasks.map((task) => (
                  <TaskCard
                    key={task.id}
                    task={task}
                    busy={moving === task.id}
                    onDragStart={() => setDragging(task)}
                    onMove={(to) => void move(task, to)}
                  />
                ))}
                {column.data?.has_more && (
                  <Anchor component={Link} to={`/tasks/list?status=${status}`} size="sm">
                    All {column.data.total} in the list
                  </Anchor>
                )}
              </Stack>
            </Paper>
          );
        })}
      </SimpleGrid>
    </ScrollArea>
  );
}

function TaskCard({
  task,
  busy,
  onDragStart,
  onMove,
}: {
  task: Task;
  busy: boolean;
  onDragStart: () => void;
  onMove: (to: TaskStatus) => void;
}) {
  const targets = BOARD_COLUMNS.filter((to) => {
    const action = actionBetween(task.status, to);
    return action && task.allowed_actions.includes(action);
  });
  const canCancel = task.allowed_actions.includes('cancel');
  return (
    <Card
      withBorder
      padding="xs"
      draggable={targets.length > 0}
      onDragStart={(event) => {
        event.dataTransfer.setData('text/plain', task.id);
        event.dataTransfer.effectAllowed = 'move';
        onDragStart();
      }}
      style={{ cursor: targets.length ? 'grab' : undefined, opacity: busy ? 0.5 : 1 }}
      data-testid="task-card"
      data-number={task.number}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap={4}>
        <Anchor component={Link} to={`/tasks/${task.id}`} size="sm" fw={500} lineClamp={2}>
          {task.title}
        </Anchor>
        {(targets.length > 0 || canCancel) && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" size="sm" aria-label={`Move ${task.number}`}>
                <IconArrowsMove size={14} aria-hidden />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>Move to</Menu.Label>
              {targets.map((to) => (
                <Menu.Item key={to} onClick={() => onMove(to)}>
                  {TASK_STATUS_LABELS[to]}
                </Menu.Item>
              ))}
              {canCancel && (
                <Menu.Item color="red" onClick={() => onMove('cancelled')}>
                  Cancelled
                </Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      <Group gap={6} mt={6}>
        <Text size="xs" c="dimmed">
          {task.number}
        </Text>
        <Badge size="xs" variant="light" color={PRIORITY_COLORS[task.priority]}>
          {PRIORITY_LABELS[task.priority]}
        </Badge>
        {task.due_date && (
          <Group gap={2}>
            <IconCalendar size={12} aria-hidden />
            <Text size="xs">{formatDate(task.due_date)}</Text>
          </Group>
        )}
      </Group>
      {task.assignee_name && (
        <Text size="xs" c="dimmed" mt={4}>
          {task.assignee_name}
        </Text>
      )}
    </Card>
  );
}
