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
import { formatDate } from '../../../lib/format';
import { AUDIT_STATUS_LABELS, AUDIT_STATUSES, useAuditBoard } from '../api';

/** Audits in columns by status, the next planned first. */
export function AuditBoard({ emptyAction }: { emptyAction?: React.ReactNode }) {
  const board = useAuditBoard();
  if (board.isLoading) return <Skeleton h={300} />;
  if (board.error) return <QueryError error={board.error} what="audits" onRetry={() => board.refetch()} />;
  const audits = board.data?.items ?? [];
  if (!audits.length)
    return (
      <Card withBorder padding="xl" ta="center">
        <Title order={2} fz="h4">
          No audits yet
        </Title>
        <Text c="dimmed" size="sm" mb="md">
          Plan internal audits against ISO/IEC 17025 clauses and record external ones; findings can raise
          NCRs.
        </Text>
        {emptyAction}
      </Card>
    );
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} data-testid="audit-board">
      {AUDIT_STATUSES.map((status) => {
        const column = audits.filter((a) => a.status === status);
        return (
          <Card key={status} withBorder padding="sm" bg="var(--mantine-color-gray-0)">
            <Group justify="space-between" mb="xs">
              <Title order={2} fz="sm">
                {AUDIT_STATUS_LABELS[status]}
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
                {column.map((a) => (
                  <Card key={a.id} withBorder padding="xs">
                    <Group justify="space-between" gap={4} wrap="nowrap">
                      <Anchor component={Link} to={`/audits/${a.id}`} fw={600} size="sm">
                        {a.number}
                      </Anchor>
                      <Badge size="xs" variant="outline">
                        {a.type}
                      </Badge>
                    </Group>
                    <Text size="sm" lineClamp={2}>
                      {a.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatDate(a.planned_start)} – {formatDate(a.planned_end)}
                      {a.lead_auditor_name ? ` · ${a.lead_auditor_name}` : ''}
                    </Text>
                    {a.finding_count > 0 && (
                      <Group gap={4} mt={4}>
                        {a.major_count > 0 && (
                          <Badge size="xs" color="red">
                            {a.major_count} major
                          </Badge>
                        )}
                        {a.minor_count > 0 && (
                          <Badge size="xs" color="yellow">
                            {a.minor_count} minor
                          </Badge>
                        )}
                        {a.observation_count > 0 && (
                          <Badge size="xs" color="blue">
                            {a.observation_count} obs.
                          </Badge>
                        )}
                      </Group>
                    )}
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
