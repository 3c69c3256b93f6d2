import { Card, Tabs, Title } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router';
import { PageHeader } from '../../components/ui/PageHeader';
import { ChangePasswordForm } from '../../features/account/components/ChangePasswordForm';
import { ProfileForm } from '../../features/account/components/ProfileForm';
import { SessionsList } from '../../features/account/components/SessionsList';
import { EmailPreferences } from '../../features/notifications/components/EmailPreferences';
import { ROLE_LABELS } from '../../lib/auth/roles';
import { useAuth, useMe } from '../../lib/auth/useAuth';

const TABS = {
  '/account': 'profile',
  '/account/password': 'password',
  '/account/sessions': 'sessions',
  '/account/notifications': 'notifications',
} as const;

/** My account: profile, password and sessions, one tab each (each tab has its own URL). */
export function AccountPage() {
  const me = useMe();
  const { reloadUser } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const tab = TABS[location.pathname as keyof typeof TABS] ?? 'profile';
  const pathOf = (value: string | null) =>
    Object.entries(TABS).find(([, t]) => t === value)?.[0] ?? '/account';
  return (
    <>
      <PageHeader title="My account" subtitle={`${me.email} · ${ROLE_LABELS[me.role]}`} />
      <Tabs value={tab} onChange={(value) => navigate(pathOf(value))} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="profile">Profile</Tabs.Tab>
          <Tabs.Tab value="password">Password</Tabs.Tab>
          <Tabs.Tab value="sessions">Sessions</Tabs.Tab>
          <Tabs.Tab value="notifications">Notifications</Tabs.Tab>
        </Tabs.List>
        <Card withBorder padding="lg">
          <Tabs.Panel value="notifications">
            <Title order={2} fz="h4" mb="md">
              E-mail notifications
            </Title>
            <EmailPreferences />
          </Tabs.Panel>
          <Tabs.Panel value="profile">
            <Title order={2} fz="h4" mb="md">
              Profile
            </Title>
            <ProfileForm me={me} onSaved={() => void reloadUser()} />
          </Tabs.Panel>
          <Tabs.Panel value="password">
            <Title order={2} fz="h4" mb="md">
              Change password
            </Title>
            <ChangePasswordForm />
          </Tabs.Panel>
          <Tabs.Panel value="sessions">
            <Title order={2} fz="h4" mb="md">
              My sessions
            </Title>
            <SessionsList />
          </Tabs.Panel>
        </Card>
      </Tabs>
    </>
  );
}
