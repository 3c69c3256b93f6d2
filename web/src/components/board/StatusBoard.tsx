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
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { QueryError } from '../ui/QueryState';

/** What a board card shows: the record's number (a link to it), a badge, its title and details. */
export interface BoardCard {
  to: string;
  number: string;
  badge: ReactNode;
  title: string;
  details: ReactNode;
}

/**
 * Records in columns by status, one column a status in `statuses` order, each headed by its label
 * and count ("Nothing here." when it is empty). While the query loads: a skeleton; when it fails:
 * the problem and a retry. `empty`, when given, stands in for the whole board when there is no
 * record at all.
 */
export function StatusBoard<S extends string, T extends { id: string; status: S }>({
  query,
  what,
  items,
  statuses,
  labels,
  card,
  empty,
  testId,
}: {
  query: { isLoading: boolean; error: unknown; refetch: () => unknown };
  /** the records' name in the error ("audits") */
  what: string;
  items: T[] | undefined;
  statuses: readonly S[];
  labels: Record<S, string>;
  card: (item: T) => BoardCard;
  empty?: ReactNode;
  testId: string;
}) {
  if (query.isLoading) return <Skeleton h={300} />;
  if (query.error) return <QueryError error={query.error} what={what} onRetry={() => query.refetch()} />;
  const records = items ?? [];
  if (!records.length && empty) return <>{empty}</>;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: statuses.length }} data-testid={testId}>
      {statuses.map((status) => {
        const column = records.filter((item) => item.status === status);
        return (
          <Card key={status} withBorder padding="sm" bg="var(--mantine-color-gray-0)" data-column={status}>
            <Group justify="space-between" mb="xs">
              <Title order={2} fz="sm">
                {labels[status]}
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
                {column.map((item) => (
                  <BoardCardView key={item.id} {...card(item)} />
                ))}
              </Stack>
            </ScrollArea.Autosize>
          </Card>
        );
      })}
    </SimpleGrid>
  );
}

function BoardCardView({ to, number, badge, title, details }: BoardCard) {
  return (
    <Card withBorder padding="xs">
      <Group justify="space-between" gap={4} wrap="nowrap">
        <Anchor component={Link} to={to} fw={600} size="sm">
          {number}
        </Anchor>
        {badge}
      </Group>
      <Text size="sm" lineClamp={2}>
        {title}
      </Text>
      {details}
    </Card>
  );
}
