import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/ui/PageHeader';
import { MethodsTable } from '../../features/methods/components/MethodsTable';
import { hasRole, MANAGERS } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';

export function MethodsListPage() {
  const me = useMe();
  const create = hasRole(me.role, MANAGERS) ? (
    <Button component={Link} to="/methods/new" leftSection={<IconPlus size={16} aria-hidden />}>
      New method
    </Button>
  ) : undefined;
  return (
    <>
      <PageHeader
        title="Methods"
        subtitle="The test catalogue: what the lab tests, to which standard, at what price and by whom"
        actions={create}
      />
      <MethodsTable emptyAction={create} />
    </>
  );
}
