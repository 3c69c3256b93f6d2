import { Anchor, Badge, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { QueryError } from '../../../components/ui/QueryState';
import { taskKeys, taskSubtasks } from '../api';
import { TASK_STATUS_COLORS, TASK_STATUS_LABELS } from '../labels';

/** Every subtask below a task, indented by depth (GET /tasks/{id}/subtasks, tree order). */
export function SubtaskTree({ taskId, version }: { taskId: string; version: number }) {
  const tree = useQuery({
    queryKey: [...taskKeys.subtasks(taskId), version],
    queryFn: () => taskSubtasks(taskId),
  });
  if (tree.isLoading) return <Skeleton h={60} />;
  if (tree.error) return <QueryError error={tree.error} onRetry={() => tree.refetch()} />;
  const nodes = tree.data?.items ?? [];
  if (!nodes.length)
    return (
      <Text c="dimmed" size="sm">
        No subtasks. Split the work with “Add subtask”.
      </Text>
    );
  return (
    <Stack gap={6} data-testid="subtasks" role="tree">
      {nodes.map((n) => (
        <Group key={n.id} gap="xs" pl={(n.depth - 1) * 20} role="treeitem" aria-level={n.depth} wrap="nowrap">
          <Anchor component={Link} to={`/tasks/${n.id}`} size="sm">
            {n.number}
          </Anchor>
          <Text size="sm" lineClamp={1}>
            {n.title}
          </Text>
          <Badge size="xs" variant="light" color={TASK_STATUS_COLORS[n.status]}>
            {TASK_STATUS_LABELS[n.status]}
          </Badge>
        </Group>
      ))}
    </Stack>
  );
}
