import { Badge, Button, Code, Group, Skeleton, Stack, Text, Timeline } from '@mantine/core';
import { IconArchive, IconEdit, IconPlus, IconPoint, IconRestore } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { AuditEvent } from '../../api/types';
import { displayValue, formatDateTime, shortId } from '../../lib/format';
import { QueryError } from '../ui/QueryState';

export interface HistoryPage {
  items: AuditEvent[];
  has_more: boolean;
}

const ICONS: Record<string, typeof IconEdit> = {
  create: IconPlus,
  update: IconEdit,
  replace: IconEdit,
  archive: IconArchive,
  restore: IconRestore,
};

const LABELS: Record<string, string> = {
  create: 'Created',
  update: 'Changed',
  replace: 'Changed',
  archive: 'Archived',
  restore: 'Restored',
};

/** The record's audit events, newest first (`GET /{id}/history`), with what changed in each. */
export function HistoryTimeline({
  queryKey,
  fetchPage,
  actorName,
}: {
  queryKey: readonly unknown[];
  fetchPage: (skip: number) => Promise<HistoryPage>;
  actorName?: (actorId: string | null) => string;
}) {
  const history = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: 0,
    getNextPageParam: (last, all) =>
      last.has_more ? all.reduce((n, p) => n + p.items.length, 0) : undefined,
  });
  if (history.isLoading)
    return (
      <Stack gap="md">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} h={40} />
        ))}
      </Stack>
    );
  if (history.error) return <QueryError error={history.error} onRetry={() => history.refetch()} />;
  const events = history.data?.pages.flatMap((p) => p.items) ?? [];
  if (!events.length) return <Text c="dimmed">No history yet.</Text>;
  return (
    <Stack>
      <Timeline bulletSize={24} lineWidth={2} data-testid="history">
        {events.map((event) => {
          const Icon = ICONS[event.action] ?? IconPoint;
          const changes = Object.entries(event.changes ?? {});
          return (
            <Timeline.Item
              key={event.id}
              bullet={<Icon size={14} aria-hidden />}
              title={
                <Group gap="xs">
                  <Text fw={500} size="sm">
                    {LABELS[event.action] ?? event.action}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(event.at)} ·{' '}
                    {actorName ? actorName(event.actor_id) : `by ${shortId(event.actor_id)}`}
                  </Text>
                </Group>
              }
            >
              {changes.length > 0 && event.action !== 'create' && (
                <Stack gap={2} mt={4}>
                  {changes.slice(0, 8).map(([field, values]) => (
                    <Text size="xs" key={field}>
                      <Code>{field}</Code> {displayValue(values[0])} →{' '}
                      {displayValue(values[values.length - 1])}
                    </Text>
                  ))}
                  {changes.length > 8 && (
                    <Badge variant="light" size="xs">
                      +{changes.length - 8} more fields
                    </Badge>
                  )}
                </Stack>
              )}
            </Timeline.Item>
          );
        })}
      </Timeline>
      {history.hasNextPage && (
        <Button
          variant="subtle"
          size="xs"
          onClick={() => history.fetchNextPage()}
          loading={history.isFetchingNextPage}
        >
          Show older events
        </Button>
      )}
    </Stack>
  );
}
