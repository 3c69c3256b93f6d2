import { Button } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { PageHeader } from '../../components/ui/PageHeader';
import { markAllRead, notificationKeys, useUnreadCount } from '../../features/notifications/api';
import { NotificationsTable } from '../../features/notifications/components/NotificationsTable';
import { notifyError } from '../../lib/notify';

export function NotificationsPage() {
  const queryClient = useQueryClient();
  const unread = useUnreadCount().data?.unread ?? 0;
  return (
    <>
      <PageHeader
        title="Notifications"
        subtitle={unread ? `${unread} unread` : 'All read'}
        actions={
          <>
            <Button variant="default" component={Link} to="/account/notifications">
              E-mail choices
            </Button>
            <Button
              disabled={!unread}
              onClick={async () => {
                await markAllRead().catch(notifyError);
                await queryClient.invalidateQueries({ queryKey: notificationKeys.all });
              }}
            >
              Mark all read
            </Button>
          </>
        }
      />
      <NotificationsTable />
    </>
  );
}
