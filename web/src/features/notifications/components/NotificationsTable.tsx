import { Anchor, Badge, Button, Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { DataTable } from '../../../components/data-table/DataTable';
import type { Column, ListQuery } from '../../../components/data-table/types';
import { formatDateTime } from '../../../lib/format';
import { notifyError } from '../../../lib/notify';
import {
  dismissNotification,
  KIND_LABELS,
  listNotifications,
  markRead,
  type Notification,
  type NotificationsQuery,
  notificationKeys,
} from '../api';

/** All my notifications, newest first, filterable (unread, kind); opening one marks it read. */
export function NotificationsTable() {
  const queryClient = useQueryClient();
  const read = async (n: Notification) => {
    if (!n.read_at) await markRead(n.id).catch(notifyError);
    await queryClient.invalidateQueries({ queryKey: notificationKeys.all });
  };
  const dismiss = async (n: Notification) => {
    await dismissNotification(n.id).catch(notifyError);
    await queryClient.invalidateQueries({ queryKey: notificationKeys.all });
  };
  const columns: Column<Notification>[] = [
    {
      key: 'title',
      header: 'Notification',
      render: (n) => (
        <Group gap="xs" wrap="nowrap">
          {!n.read_at && (
            <Badge size="xs" color="blue">
              New
            </Badge>
          )}
          {n.link ? (
            <Anchor component={Link} to={n.link} onClick={() => void read(n)} fw={n.read_at ? 400 : 600}>
              {n.title}
            </Anchor>
          ) : (
            <Text fw={n.read_at ? 400 : 600}>{n.title}</Text>
          )}
        </Group>
      ),
    },
    { key: 'kind', header: 'About', render: (n) => KIND_LABELS[n.kind] },
    { key: 'created_at', header: 'When', sortable: true, render: (n) => formatDateTime(n.created_at) },
    {
      key: 'read_at',
      header: '',
      render: (n) => (
        <Group gap="xs" wrap="nowrap">
          {n.read_at ? (
            <Text size="xs" c="dimmed">
              Read
            </Text>
          ) : (
            <Button size="compact-xs" variant="light" onClick={() => void read(n)}>
              Mark read
            </Button>
          )}
          {!n.archived_at && (
            <Button size="compact-xs" variant="subtle" color="gray" onClick={() => void dismiss(n)}>
              Dismiss
            </Button>
          )}
        </Group>
      ),
    },
  ];
  return (
    <DataTable<Notification>
      id="notifications"
      noun="notifications"
      queryKey={notificationKeys.list()}
      fetchPage={(q: ListQuery) => listNotifications(q as NotificationsQuery)}
      columns={columns}
      getRowId={(n) => n.id}
      searchable
      archivable
      defaultSort="-created_at"
      filters={[
        {
          name: 'unread',
          label: 'Show',
          type: 'select',
          options: [{ value: 'true', label: 'Unread only' }],
        },
        {
          name: 'kind',
          label: 'About',
          type: 'select',
          options: Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label })),
        },
      ]}
      emptyState={{
        title: 'No notifications',
        description: 'Assignments, due tasks, approvals waiting and accepted quotes will show up here.',
      }}
    />
  );
}
