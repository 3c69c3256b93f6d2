import { Badge, Text } from '@mantine/core';
import { formatDate } from '../../../lib/format';
import { CALIBRATION_STATUS_COLORS, CALIBRATION_STATUS_LABELS, type Equipment } from '../api';

/** The calibration due date coloured by status (overdue red, due soon amber), with the status in words. */
export function CalibrationDue({
  item,
}: {
  item: Pick<Equipment, 'calibration_due_date' | 'calibration_status' | 'calibration_interval_days'>;
}) {
  if (!item.calibration_due_date && item.calibration_interval_days == null)
    return (
      <Text size="sm" c="dimmed">
        Not required
      </Text>
    );
  return (
    <Badge
      variant="light"
      color={CALIBRATION_STATUS_COLORS[item.calibration_status]}
      data-testid="calibration-due"
      data-status={item.calibration_status}
    >
      {item.calibration_due_date ? formatDate(item.calibration_due_date) : 'Never calibrated'} ·{' '}
      {CALIBRATION_STATUS_LABELS[item.calibration_status]}
    </Badge>
  );
}
