import { Badge, Button, Card, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconDeviceDesktop } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/dialogs/ConfirmDialog';
import { QueryError } from '../../../components/ui/QueryState';
import { formatDateTime } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { endOtherSessions, endSession, type MySession, sessionsQuery, useMySessions } from '../api';

function describeAgent(agent: string | null) {
  if (!agent) return 'Unknown device';
  const browser = /Firefox|Edg|Chrome|Safari/.exec(agent)?.[0]?.replace('Edg', 'Edge') ?? 'Browser';
  const os =
    /Windows|Mac OS X|Android|iPhone|iPad|Linux/.exec(agent)?.[0]?.replace('Mac OS X', 'macOS') ?? '';
  return os ? `${browser} on ${os}` : browser;
}

export function SessionsList() {
  const sessions = useMySessions();
  const queryClient = useQueryClient();
  const [ending, setEnding] = useState<MySession | 'others' | null>(null);
  const [pending, setPending] = useState(false);
  if (sessions.isLoading)
    return (
      <Stack>
        {[0, 1].map((i) => (
          <Skeleton key={i} h={76} />
        ))}
      </Stack>
    );
  if (sessions.error) return <QueryError error={sessions.error} onRetry={() => sessions.refetch()} />;
  const items = sessions.data ?? [];
  const others = items.filter((s) => !s.current);

  const confirm = async () => {
    if (!ending) return;
    setPending(true);
    try {
      if (ending === 'others') await endOtherSessions(items);
      else await endSession(ending.id);
      notifySuccess(
        ending === 'others' ? 'Every other session was signed out.' : 'That session was signed out.',
      );
    } catch (error) {
      notifyError(error);
    } finally {
      setPending(false);
      setEnding(null);
      await queryClient.invalidateQueries({ queryKey: sessionsQuery.queryKey });
    }
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {items.length} active {items.length === 1 ? 'session' : 'sessions'}
        </Text>
        <Button
          variant="light"
          color="red"
          disabled={others.length === 0}
          onClick={() => setEnding('others')}
        >
          Sign out all other sessions
        </Button>
      </Group>
      {items.map((s) => (
        <Card key={s.id} withBorder padding="sm" data-testid="session-row">
          <Group justify="space-between" wrap="nowrap">
            <Group wrap="nowrap">
              <IconDeviceDesktop aria-hidden />
              <div>
                <Group gap="xs">
                  <Text fw={500}>{describeAgent(s.user_agent)}</Text>
                  {s.current && (
                    <Badge variant="light" color="green">
                      This device
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  Signed in {formatDateTime(s.created_at)} · last active {formatDateTime(s.last_used_at)}
                  {s.ip ? ` · ${s.ip}` : ''}
                </Text>
              </div>
            </Group>
            {!s.current && (
              <Button size="xs" variant="default" onClick={() => setEnding(s)}>
                Sign out
              </Button>
            )}
          </Group>
        </Card>
      ))}
      <ConfirmDialog
        opened={ending !== null}
        title={ending === 'others' ? 'Sign out all other sessions?' : 'Sign out this session?'}
        message={
          ending === 'others'
            ? 'Every other device signed in to your account will have to sign in again.'
            : 'That device will have to sign in again.'
        }
        confirmLabel="Sign out"
        danger
        loading={pending}
        onConfirm={confirm}
        onCancel={() => setEnding(null)}
      />
    </Stack>
  );
}
