import { Badge, Button, Code, Group, Skeleton, Stack, Text, Timeline } from '@mantine/core';
import { IconArchive, IconEdit, IconPlus, IconPoint, IconRestore } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useContext } from 'react';
import type { AuditEvent } from '../../api/types';
import { AuthContext } from '../../lib/auth/AuthProvider';
import { displayValue, formatDateTime } from '../../lib/format';
import { QueryError } from '../ui/QueryState';

/** An event of `GET /{id}/history`: the audit event with its actor's name and e-mail. */
export type HistoryEvent = AuditEvent & { actor_name?: string | null; actor_email?: string | null };

export interface HistoryPage {
  items: HistoryEvent[];
  has_more: boolean;
}

/**
 * Who did it: "by you", "by <name>" (the server joins the actor's account), "by the system" for
 * events without an actor, and the short id only when the actor's account no longer exists.
 */
export function actorLabel(event: HistoryEvent, myId: string | undefined): string {
  if (!event.actor_id) return 'by the system';
  if (event.actor_id === myId) return 'by you';
  if (event.actor_name) return `by ${event.actor_name}`;
  return `by user …${event.actor_id.slice(-6)}`;
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
}: {
  queryKey: readonly unknown[];
  fetchPage: (skip: number) => Promise<HistoryPage>;
}) {
  const myId = useContext(AuthContext)?.user?.id;
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
                    <span title={event.actor_email ?? undefined} data-testid="history-actor">
                      {actorLabel(event, myId)}
                    </span>
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
