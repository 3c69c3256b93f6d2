import { Badge } from '@mantine/core';
import { IconArchive, IconCircleCheck, IconCircleX } from '@tabler/icons-react';

/** State shown by word and icon, never by colour alone. */
export function StatusBadge({ archived, active }: { archived?: boolean; active?: boolean }) {
  if (archived)
    return (
      <Badge
        data-testid="status-badge"
        color="gray"
        variant="light"
        leftSection={<IconArchive size={12} aria-hidden />}
      >
        Archived
      </Badge>
    );
  if (active === false)
    return (
      <Badge
        data-testid="status-badge"
        color="orange"
        variant="light"
        leftSection={<IconCircleX size={12} aria-hidden />}
      >
        Inactive
      </Badge>
    );
  return (
    <Badge
      data-testid="status-badge"
      color="green"
      variant="light"
      leftSection={<IconCircleCheck size={12} aria-hidden />}
    >
      Active
    </Badge>
  );
}
