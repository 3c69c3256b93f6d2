import { Badge, Group } from '@mantine/core';
import {
  IconCircleCheck,
  IconCircleX,
  IconEye,
  IconLock,
  IconPencil,
  IconReplace,
} from '@tabler/icons-react';
import { RESULT_STATUS_LABELS, type TestResult } from '../api';

const LOOK = {
  entered: { color: 'gray', icon: IconPencil },
  reviewed: { color: 'blue', icon: IconEye },
  approved: { color: 'green', icon: IconLock },
  rejected: { color: 'red', icon: IconCircleX },
} as const;

/** The result's state, and "Superseded" when a correction replaced it. */
export function ResultStatusBadge({ result }: { result: Pick<TestResult, 'status' | 'superseded'> }) {
  const { color, icon: Icon } = LOOK[result.status] ?? { color: 'gray', icon: IconCircleCheck };
  return (
    <Group gap={4} wrap="nowrap">
      <Badge
        color={color}
        variant="light"
        leftSection={<Icon size={12} aria-hidden />}
        data-testid="result-status"
      >
        {RESULT_STATUS_LABELS[result.status]}
      </Badge>
      {result.superseded && (
        <Badge color="gray" variant="outline" leftSection={<IconReplace size={12} aria-hidden />}>
          Superseded
        </Badge>
      )}
    </Group>
  );
}
