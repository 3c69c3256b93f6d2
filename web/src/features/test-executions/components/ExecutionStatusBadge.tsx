import { Badge } from '@mantine/core';
import { IconCircleCheck, IconCircleDashed, IconCircleX, IconPlayerPlay } from '@tabler/icons-react';
import { EXECUTION_STATUS_LABELS, type ExecutionStatus } from '../api';

const LOOK: Record<ExecutionStatus, { color: string; icon: typeof IconCircleCheck }> = {
  pending: { color: 'gray', icon: IconCircleDashed },
  in_progress: { color: 'blue', icon: IconPlayerPlay },
  completed: { color: 'green', icon: IconCircleCheck },
  aborted: { color: 'red', icon: IconCircleX },
};

/** An execution's state by word and icon, never by colour alone. */
export function ExecutionStatusBadge({
  status,
  size = 'sm',
}: {
  status: ExecutionStatus;
  size?: 'xs' | 'sm' | 'md';
}) {
  const { color, icon: Icon } = LOOK[status];
  return (
    <Badge
      size={size}
      color={color}
      variant="light"
      leftSection={<Icon size={12} aria-hidden />}
      data-testid="execution-status"
    >
      {EXECUTION_STATUS_LABELS[status]}
    </Badge>
  );
}
