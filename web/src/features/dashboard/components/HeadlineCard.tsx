import { Anchor, Badge, Card, Group, Skeleton, Text, ThemeIcon } from '@mantine/core';
import { type Icon, IconArrowDownRight, IconArrowUpRight } from '@tabler/icons-react';
import { Link } from 'react-router';

export interface Headline {
  label: string;
  value: number | null | undefined;
  /** the previous period's value: the delta shown under the figure */
  previous?: number | null;
  unit?: string;
  /** whether a rise is good news (green) or bad (red) */
  upIsGood?: boolean;
  hint?: string;
  to?: string;
  icon: Icon;
}

const show = (v: number | null | undefined, unit = '') =>
  v === null || v === undefined ? '—' : `${v}${unit}`;

/** A headline figure with its change against the previous period. */
export function HeadlineCard({ h, loading }: { h: Headline; loading: boolean }) {
  const delta =
    h.previous !== undefined && h.previous !== null && h.value !== null && h.value !== undefined
      ? Math.round((h.value - h.previous) * 10) / 10
      : null;
  const good = delta !== null && (h.upIsGood === false ? delta < 0 : delta > 0);
  return (
    <Card withBorder padding="md" data-testid="stat-card">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {h.label}
          </Text>
          {loading ? (
            <Skeleton h={34} w={60} mt={4} />
          ) : (
            <Text fz={28} fw={700} lh={1.2} mih={34}>
              {show(h.value, h.unit)}
            </Text>
          )}
        </div>
        <ThemeIcon variant="light" size={40} radius="md" aria-hidden>
          <h.icon size={22} />
        </ThemeIcon>
      </Group>
      <Group gap={6} mt={6} mih={22}>
        {delta !== null && delta !== 0 && (
          <Badge
            variant="light"
            color={good ? 'teal' : 'red'}
            leftSection={delta > 0 ? <IconArrowUpRight size={12} /> : <IconArrowDownRight size={12} />}
          >
            {delta > 0 ? '+' : ''}
            {delta}
            {h.unit === '%' ? ' pts' : (h.unit ?? '')}
          </Badge>
        )}
        {delta === 0 && (
          <Badge variant="light" color="gray">
            no change
          </Badge>
        )}
        {h.hint && (
          <Text size="xs" c="dimmed">
            {h.hint}
          </Text>
        )}
      </Group>
      {h.to && (
        <Anchor component={Link} to={h.to} size="xs" mt={4} display="block">
          Open the list
        </Anchor>
      )}
    </Card>
  );
}
