import { Badge, Group, Text } from '@mantine/core';
import { StatusBoard } from '../../../components/board/StatusBoard';
import { NCR_STATUS_LABELS, NCR_STATUSES, useNcrBoard } from '../api';
import { SeverityBadge } from './NcrBadges';

/** NCRs in columns by state: what is waiting where, overdue actions in red. */
export function NcrBoard() {
  const board = useNcrBoard();
  return (
    <StatusBoard
      query={board}
      what="NCRs"
      items={board.data}
      statuses={NCR_STATUSES}
      labels={NCR_STATUS_LABELS}
      testId="ncr-board"
      card={(n) => ({
        to: `/ncrs/${n.id}`,
        number: n.number,
        badge: <SeverityBadge severity={n.severity} />,
        title: n.title,
        details: (
          <Group gap={6} mt={4}>
            {n.owner_name && (
              <Text size="xs" c="dimmed">
                {n.owner_name}
              </Text>
            )}
            {n.action_count > 0 && (
              <Text size="xs" c="dimmed">
                {n.action_count - n.open_action_count}/{n.action_count} actions done
              </Text>
            )}
            {n.overdue_action_count > 0 && (
              <Badge size="xs" color="red" variant="filled">
                {n.overdue_action_count} overdue
              </Badge>
            )}
          </Group>
        ),
      })}
    />
  );
}
