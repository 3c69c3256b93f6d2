import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { SectionCard } from '../../../../components/detail/SectionCard';

const words = (key: string) => key.replace(/_/g, ' ');

/** Counts by status as labelled badges (the word is always shown, never colour alone). */
export function Counts({ counts, testId }: { counts: Record<string, number>; testId?: string }) {
  const entries = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  if (!entries.length) return null;
  return (
    <Group gap={6} data-testid={testId}>
      {entries.map(([status, n]) => (
        <Badge key={status} variant="light" color="gray" tt="none">
          {words(status)}: {n}
        </Badge>
      ))}
    </Group>
  );
}

/**
 * One section of the project page: a total, counts by status and the latest few items, each
 * linking to its own page when there is one for this user.
 */
export function CountsCard<T extends { id: string }>({
  title,
  total,
  byStatus,
  latest = [],
  render,
  href,
  empty,
  children,
}: {
  title: string;
  total: number;
  byStatus: Record<string, number>;
  latest?: T[];
  render?: (item: T) => ReactNode;
  href?: (item: T) => string | undefined;
  empty: string;
  children?: ReactNode;
}) {
  return (
    <SectionCard
      title={title}
      titleGap="xs"
      actions={
        <Text fw={700} size="lg">
          {total}
        </Text>
      }
      data-testid={`section-${title.toLowerCase().replace(/\W+/g, '-')}`}
    >
      {total === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Stack gap="xs">
          <Counts counts={byStatus} />
          {children}
          {render &&
            latest.map((item) => {
              const to = href?.(item);
              return (
                <Text key={item.id} size="sm">
                  {to ? (
                    <Anchor component={Link} to={to}>
                      {render(item)}
                    </Anchor>
                  ) : (
                    render(item)
                  )}
                </Text>
              );
            })}
        </Stack>
      )}
    </SectionCard>
  );
}
