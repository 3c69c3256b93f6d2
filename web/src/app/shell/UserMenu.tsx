import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconDevices, IconKey, IconLogout, IconUser } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { ROLE_LABELS } from '../../lib/auth/roles';
import { useAuth, useMe } from '../../lib/auth/useAuth';

const initials = (name: string, email: string) =>
  (name || email)
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');

export function UserMenu() {
  const me = useMe();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`Account menu for ${me.full_name || me.email}`} data-testid="user-menu">
          <Group gap="xs" wrap="nowrap">
            <Avatar radius="xl" size="sm" color="blue">
              {initials(me.full_name, me.email)}
            </Avatar>
            <div className="user-menu-name">
              <Text size="sm" fw={500} lh={1.2} truncate maw={160}>
                {me.full_name || me.email}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2}>
                {ROLE_LABELS[me.role]}
              </Text>
            </div>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.email}</Menu.Label>
        <Menu.Item leftSection={<IconUser size={16} aria-hidden />} onClick={() => navigate('/account')}>
          My account
        </Menu.Item>
        <Menu.Item
          leftSection={<IconKey size={16} aria-hidden />}
          onClick={() => navigate('/account/password')}
        >
          Change password
        </Menu.Item>
        <Menu.Item
          leftSection={<IconDevices size={16} aria-hidden />}
          onClick={() => navigate('/account/sessions')}
        >
          My sessions
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={async () => {
            await signOut();
            navigate('/login', { replace: true });
          }}
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
