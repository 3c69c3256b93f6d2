import {
  Anchor,
  Badge,
  Card,
  Group,
  ScrollArea,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { Link } from 'react-router';
import { QueryError } from '../../../components/ui/QueryState';
import { NCR_STATUS_LABELS, NCR_STATUSES, useNcrBoard } from '../api';
import { SeverityBadge } from './NcrBadges';

/** NCRs in columns by state: what is waiting where, overdue actions in red. */
export function NcrBoard() {
  const board = useNcrBoard();
  if (board.isLoading) return <Skeleton h={300} />;
  if (board.error) return <QueryError error={board.error} what="NCRs" onRetry={() => board.refetch()} />;
  const ncrs = board.data ?? [];
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} data-testid="ncr-board">
      {NCR_STATUSES.map((status) => {
        const column = ncrs.filter((n) => n.status === status);
        return (
          <Card key={status} withBorder padding="sm" bg="var(--mantine-color-gray-0)" data-column={status}>
            <Group justify="space-between" mb="xs">
              <Title order={2} fz="sm">
                {NCR_STATUS_LABELS[status]}
              </Title>
              <Badge variant="light" color="gray">
                {column.length}
              </Badge>
            </Group>
            <ScrollArea.Autosize mah={560}>
              <Stack gap="xs">
                {column.length === 0 && (
                  <Text size="xs" c="dimmed">
                    Nothing here.
                  </Text>
                )}
                {column.map((n) => (
                  <Card key={n.id} withBorder padding="xs">
                    <Group justify="space-between" gap={4} wrap="nowrap">
                      <Anchor component={Link} to={`/ncrs/${n.id}`} fw={600} size="sm">
                        {n.number}
                      </Anchor>
                      <SeverityBadge severity={n.severity} />
                    </Group>
                    <Text size="sm" lineClamp={2}>
                      {n.title}
                    </Text>
                    <Group gap={6} mt={4}>
                      {n.owner_name && (
                        <Text size="xs" c="dimmed">
                          {n.owner_name}
                        </Text>
                      )}
                      {n.action_count > 0 && (
                        <Text size="xs" c="dimmed">
                          {n.action_count - n.open_action_count}/{n.action_count} actions done
                        </Text>
                      )}
                      {n.overdue_action_count > 0 && (
                        <Badge size="xs" color="red" variant="filled">
                          {n.overdue_action_count} overdue
                        </Badge>
                      )}
                    </Group>
                  </Card>
                ))}
              </Stack>
            </ScrollArea.Autosize>
          </Card>
        );
      })}
    </SimpleGrid>
  );
}
