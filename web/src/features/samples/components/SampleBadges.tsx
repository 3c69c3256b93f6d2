import { Badge } from '@mantine/core';
import {
  IconAlertTriangle,
  IconArchive,
  IconArrowBackUp,
  IconBox,
  IconCircleCheck,
  IconFlask,
  IconPackageImport,
  IconTrash,
} from '@tabler/icons-react';
import { CONDITION_LABELS, type SampleCondition, type SampleStatus, STATUS_LABELS } from '../api';

const LOOK = {
  received: { color: 'blue', icon: IconPackageImport },
  in_test: { color: 'violet', icon: IconFlask },
  tested: { color: 'teal', icon: IconCircleCheck },
  retained: { color: 'gray', icon: IconBox },
  disposed: { color: 'dark', icon: IconTrash },
  returned: { color: 'cyan', icon: IconArrowBackUp },
} as const;

/** A sample's state by word and icon (never by colour alone); archived wins. */
export function SampleStatusBadge({ status, archived }: { status: SampleStatus; archived?: boolean }) {
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
      data-testid="sample-status"
    >
      {STATUS_LABELS[status]}
    </Badge>
  );
}

/** The condition on receipt; anything but OK is flagged. */
export function ConditionBadge({ condition }: { condition: SampleCondition }) {
  if (condition === 'ok')
    return (
      <Badge color="green" variant="outline">
        OK
      </Badge>
    );
  return (
    <Badge color="orange" variant="light" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
      {CONDITION_LABELS[condition]}
    </Badge>
  );
}
