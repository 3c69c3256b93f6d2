import { Button } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/ui/PageHeader';
import { UsersTable } from '../../features/users/components/UsersTable';
import { useMe } from '../../lib/auth/useAuth';

export function UsersListPage() {
  const me = useMe();
  return (
    <>
      <PageHeader
        title="Users"
        subtitle="Who can sign in to Labline, and with which role"
        actions={
          me.role === 'admin' && (
            <Button component={Link} to="/users/new" leftSection={<IconUserPlus size={16} aria-hidden />}>
              Invite user
            </Button>
          )
        }
      />
      <UsersTable />
    </>
  );
}
