import { Badge } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import { IconArchive } from '@tabler/icons-react';

export interface StateLook {
  label: string;
  color: string;
  icon: Icon;
}

/**
 * A record's state by word and icon, never by colour alone; archived wins over the state. Each
 * feature declares the look of its states (`Record<Status, StateLook>`).
 */
export function StateBadge<S extends string>({
  status,
  looks,
  archived,
}: {
  status: S;
  looks: Record<S, StateLook>;
  archived?: boolean;
}) {
  if (archived)
    return (
      <Badge color="gray" variant="light" leftSection={<IconArchive size={12} aria-hidden />}>
        Archived
      </Badge>
    );
  const look = looks[status] ?? { label: status, color: 'gray', icon: IconArchive };
  const { icon: StateIcon } = look;
  return (
    <Badge
      color={look.color}
      variant="light"
      leftSection={<StateIcon size={12} aria-hidden />}
      data-testid="state-badge"
    >
      {look.label}
    </Badge>
  );
}
