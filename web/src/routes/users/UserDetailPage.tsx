import { Badge, Button, Card, Grid, Skeleton } from '@mantine/core';
import { IconArchive, IconRestore } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { Fields } from '../../components/detail/Fields';
import { HistoryCard } from '../../components/detail/HistoryCard';
import { ConfirmDialog } from '../../components/dialogs/ConfirmDialog';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import { StatusBadge } from '../../components/ui/StatusBadge';
import {
  archiveUser,
  restoreUser,
  type User,
  userHistory,
  userKeys,
  useUser,
} from '../../features/users/api';
import { ROLE_OPTIONS } from '../../features/users/components/roles';
import { UserAdminPanel } from '../../features/users/components/UserAdminPanel';
import { useMe } from '../../lib/auth/useAuth';
import { formatDateTime } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';

export function UserDetailPage() {
  const { id = '' } = useParams();
  const user = useUser(id);
  useSetCrumb(user.data?.full_name || user.data?.email);
  if (user.isLoading) return <Skeleton h={400} />;
  if (user.error || !user.data)
    return <QueryError error={user.error} what="user" onRetry={() => user.refetch()} />;
  return <UserDetail user={user.data} />;
}

function UserDetail({ user }: { user: User }) {
  const me = useMe();
  const isAdmin = me.role === 'admin';
  const queryClient = useQueryClient();
  const archived = Boolean(user.archived_at);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    setBusy(true);
    try {
      if (archived) await restoreUser(user.id, user.version);
      else await archiveUser(user.id, user.version);
      notifySuccess(`${user.email} was ${archived ? 'restored' : 'archived'}.`);
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: userKeys.all });
    }
  };
  return (
    <>
      <PageHeader
        title={user.full_name || user.email}
        badge={<StatusBadge archived={archived} active={user.is_active} />}
        subtitle={user.email}
        actions={
          isAdmin &&
          user.id !== me.id && (
            <Button
              variant="default"
              color={archived ? undefined : 'red'}
              leftSection={
                archived ? <IconRestore size={16} aria-hidden /> : <IconArchive size={16} aria-hidden />
              }
              onClick={() => setConfirming(true)}
            >
              {archived ? 'Restore' : 'Archive'}
            </Button>
          )
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder padding="lg" mb="md">
            <Fields
              items={[
                {
                  label: 'Role',
                  value: (
                    <Badge variant="outline">{ROLE_OPTIONS.find((r) => r.value === user.role)?.label}</Badge>
                  ),
                },
                {
                  label: 'E-mail confirmed',
                  value: user.email_verified_at ? formatDateTime(user.email_verified_at) : 'Not yet',
                },
                { label: 'Last sign-in', value: formatDateTime(user.last_login_at) },
                { label: 'Created', value: formatDateTime(user.created_at) },
              ]}
            />
          </Card>
          {isAdmin && <UserAdminPanel key={user.version} user={user} isSelf={user.id === me.id} />}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <HistoryCard
            queryKey={[...userKeys.history(user.id), user.version]}
            fetchPage={(skip) => userHistory(user.id, skip)}
          />
        </Grid.Col>
      </Grid>
      <ConfirmDialog
        opened={confirming}
        title={archived ? 'Restore this user?' : 'Archive this user?'}
        message={
          archived
            ? 'The account comes back (still deactivated until you activate it).'
            : 'The account is archived and signed out everywhere. Nothing is deleted.'
        }
        confirmLabel={archived ? 'Restore' : 'Archive'}
        danger={!archived}
        loading={busy}
        onConfirm={toggle}
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}
