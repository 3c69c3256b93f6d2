import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { QueryError } from '../../../components/ui/QueryState';
import { formatDateTime } from '../../../lib/format';
import { notifyError } from '../../../lib/notify';
import {
  markAllRead,
  markRead,
  type Notification,
  notificationKeys,
  useRecentNotifications,
  useUnreadCount,
} from '../api';

/**
 * The bell in the header: the unread count (polled every minute), and a dropdown with the latest
 * notifications. Opening one marks it read; "Mark all read" clears the count.
 */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const recent = useRecentNotifications(open);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const count = unread.data?.unread ?? 0;
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationKeys.all });

  const openOne = async (n: Notification) => {
    setOpen(false);
    if (!n.read_at) await markRead(n.id).catch(notifyError);
    void refresh();
    if (n.link) navigate(n.link);
  };

  return (
    <Popover opened={open} onChange={setOpen} position="bottom-end" width={360} shadow="md" withinPortal>
      <Popover.Target>
        <Indicator
          label={count > 99 ? '99+' : count}
          size={16}
          disabled={count === 0}
          offset={4}
          color="red"
          data-testid="bell-count"
        >
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={count ? `Notifications: ${count} unread` : 'Notifications'}
            onClick={() => setOpen((o) => !o)}
          >
            <IconBell size={20} aria-hidden />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Group justify="space-between" mb="xs" px={4}>
          <Text fw={600}>Notifications</Text>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={count === 0}
            onClick={async () => {
              await markAllRead().catch(notifyError);
              void refresh();
            }}
          >
            Mark all read
          </Button>
        </Group>
        {recent.error ? (
          <QueryError error={recent.error} onRetry={() => recent.refetch()} />
        ) : (
          <ScrollArea.Autosize mah={380}>
            <Stack gap={2}>
              {recent.data?.items.length === 0 && (
                <Text size="sm" c="dimmed" p="sm">
                  Nothing yet. You will see assignments, due tasks and approvals here.
                </Text>
              )}
              {recent.data?.items.map((n) => (
                <UnstyledButton
                  key={n.id}
                  onClick={() => void openOne(n)}
                  p={6}
                  style={{
                    borderRadius: 4,
                    background: n.read_at ? undefined : 'var(--mantine-color-blue-light)',
                  }}
                >
                  <Text size="sm" fw={n.read_at ? 400 : 600} lineClamp={2}>
                    {n.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(n.created_at)}
                  </Text>
                </UnstyledButton>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
        <Anchor
          component={Link}
          to="/notifications"
          size="sm"
          display="block"
          ta="center"
          mt="xs"
          onClick={() => setOpen(false)}
        >
          See all notifications
        </Anchor>
      </Popover.Dropdown>
    </Popover>
  );
}
