import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/ui/PageHeader';
import { CustomersTable } from '../../features/customers/components/CustomersTable';
import { hasRole, MANAGERS } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';

export function CustomersListPage() {
  const me = useMe();
  const canCreate = hasRole(me.role, MANAGERS);
  const create = canCreate ? (
    <Button component={Link} to="/customers/new" leftSection={<IconPlus size={16} aria-hidden />}>
      New customer
    </Button>
  ) : undefined;
  return (
    <>
      <PageHeader
        title="Customers"
        subtitle="Companies that send samples and receive reports"
        actions={create}
      />
      <CustomersTable emptyAction={create} />
    </>
  );
}
