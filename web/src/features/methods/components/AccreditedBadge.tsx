import { Badge, Text, Tooltip } from '@mantine/core';
import { IconRosetteDiscountCheck } from '@tabler/icons-react';

/** ISO/IEC 17025 accreditation of a method, by word and icon (never by colour alone); `compact` for tables. */
export function AccreditedBadge({ accredited, compact = false }: { accredited: boolean; compact?: boolean }) {
  if (!accredited)
    return compact ? (
      <Text size="sm" c="dimmed" data-testid="accredited-badge">
        No
      </Text>
    ) : (
      <Badge color="gray" variant="outline" data-testid="accredited-badge">
        Not accredited
      </Badge>
    );
  return (
    <Tooltip label="Within the lab's ISO/IEC 17025 scope of accreditation">
      <Badge
        color="teal"
        variant="light"
        leftSection={<IconRosetteDiscountCheck size={12} aria-hidden />}
        data-testid="accredited-badge"
      >
        {compact ? 'Yes' : 'Accredited'}
      </Badge>
    </Tooltip>
  );
}
