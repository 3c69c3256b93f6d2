import { Badge } from '@mantine/core';
import { IconArchive, IconArrowBackUp, IconCircleCheck, IconSend } from '@tabler/icons-react';
import { TRF_STATUS_LABELS, type TrfStatus } from '../api';

const LOOK = {
  submitted: { color: 'blue', icon: IconSend },
  accepted: { color: 'green', icon: IconCircleCheck },
  returned: { color: 'orange', icon: IconArrowBackUp },
} as const;

/** A TRF's state by word and icon (never by colour alone); archived wins. */
export function TrfStatusBadge({ status, archived }: { status: TrfStatus; archived?: boolean }) {
  if (archived)
    return (
      <Badge color="gray" variant="light" leftSection={<IconArchive size={12} aria-hidden />}>
        Archived
      </Badge>
    );
  const { color, icon: Icon } = LOOK[status];
  return (
    <Badge
      color={color}
      variant="light"
      leftSection={<Icon size={12} aria-hidden />}
      data-testid="trf-status"
    >
      {TRF_STATUS_LABELS[status]}
    </Badge>
  );
}
