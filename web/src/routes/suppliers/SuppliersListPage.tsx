import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/ui/PageHeader';
import { SuppliersTable } from '../../features/suppliers/components/SuppliersTable';
import { hasRole, MANAGERS } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';

export function SuppliersListPage() {
  const me = useMe();
  const create = hasRole(me.role, MANAGERS) ? (
    <Button component={Link} to="/suppliers/new" leftSection={<IconPlus size={16} aria-hidden />}>
      New supplier
    </Button>
  ) : undefined;
  return (
    <>
      <PageHeader
        title="Suppliers"
        subtitle="Evaluated and approved suppliers (ISO/IEC 17025 §6.6)"
        actions={create}
      />
      <SuppliersTable emptyAction={create} />
    </>
  );
}
