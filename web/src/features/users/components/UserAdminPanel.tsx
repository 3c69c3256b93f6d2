import { Button, Group, Select, Stack, Switch, Text } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Role } from '../../../api/types';
import { SectionCard } from '../../../components/detail/SectionCard';
import { ConfirmDialog } from '../../../components/dialogs/ConfirmDialog';
import { formatDateTime } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { endUserSessions, type User, updateUser, userKeys, useUserSessions } from '../api';
import { CustomerPicker } from './CustomerPicker';
import { ROLE_OPTIONS } from './roles';

type Pending = {
  title: string;
  message: string;
  label: string;
  danger?: boolean;
  run: () => Promise<unknown>;
};

/** Role, activation and sessions of one user, for administrators. Every change asks first. */
export function UserAdminPanel({ user, isSelf }: { user: User; isSelf: boolean }) {
  const queryClient = useQueryClient();
  const sessions = useUserSessions(user.id, true);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [role, setRole] = useState<Role>(user.role);
  const [customerId, setCustomerId] = useState<string | null>(user.customer_id);
  const archived = Boolean(user.archived_at);

  const run = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      await pending.run();
      notifySuccess(`${pending.label}: done.`);
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
      setPending(null);
      await queryClient.invalidateQueries({ queryKey: userKeys.all });
    }
  };

  const roleChanged = role !== user.role || (role === 'customer' && customerId !== user.customer_id);
  return (
    <Stack>
      <SectionCard title="Role">
        <Stack maw={420}>
          <Select
            label="Role"
            data={ROLE_OPTIONS.map(({ value, label }) => ({ value, label }))}
            value={role}
            onChange={(v) => v && setRole(v as Role)}
            allowDeselect={false}
            disabled={archived}
            description={isSelf ? 'You cannot take away your own administrator role here' : undefined}
          />
          {role === 'customer' && <CustomerPicker value={customerId} onChange={setCustomerId} required />}
          <Button
            w="fit-content"
            disabled={!roleChanged || archived || (role === 'customer' && !customerId)}
            onClick={() =>
              setPending({
                title: 'Change the role?',
                message: `${user.full_name || user.email} becomes ${ROLE_OPTIONS.find((r) => r.value === role)?.label}. Their current sessions end, so they sign in again with the new permissions.`,
                label: 'Role changed',
                run: () =>
                  updateUser(
                    user.id,
                    { role, customer_id: role === 'customer' ? customerId : null },
                    user.version,
                  ),
              })
            }
          >
            Save role
          </Button>
        </Stack>
      </SectionCard>
      <SectionCard title="Access">
        <Stack>
          <Switch
            label={user.is_active ? 'Account is active' : 'Account is deactivated'}
            description="A deactivated user cannot sign in; their sessions end at once"
            checked={user.is_active}
            disabled={archived || isSelf}
            onChange={() =>
              setPending({
                title: user.is_active ? 'Deactivate this account?' : 'Activate this account?',
                message: user.is_active
                  ? 'The user is signed out everywhere and cannot sign in until the account is activated again.'
                  : 'The user can sign in again.',
                label: user.is_active ? 'Account deactivated' : 'Account activated',
                danger: user.is_active,
                run: () => updateUser(user.id, { is_active: !user.is_active }, user.version),
              })
            }
          />
          <Group justify="space-between">
            <Text size="sm">
              {sessions.data ? `${sessions.data.items.length} active session(s)` : 'Loading sessions…'}
              {sessions.data?.items[0] &&
                ` · last active ${formatDateTime(sessions.data.items[0].last_used_at)}`}
            </Text>
            <Button
              variant="light"
              color="red"
              leftSection={<IconLogout size={16} aria-hidden />}
              disabled={!sessions.data?.items.length}
              onClick={() =>
                setPending({
                  title: 'End all sessions of this user?',
                  message: 'Every device signed in as this user is signed out at once.',
                  label: 'Sessions ended',
                  danger: true,
                  run: () => endUserSessions(user.id),
                })
              }
            >
              End all sessions
            </Button>
          </Group>
        </Stack>
      </SectionCard>
      <ConfirmDialog
        opened={pending !== null}
        title={pending?.title ?? ''}
        message={pending?.message ?? ''}
        confirmLabel="Confirm"
        danger={pending?.danger}
        loading={busy}
        onConfirm={run}
        onCancel={() => setPending(null)}
      />
    </Stack>
  );
}
