import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/ui/PageHeader';
import { WorkOrdersTable } from '../../features/work-orders/components/WorkOrdersTable';
import { hasRole, MANAGERS } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';

export function WorkOrdersListPage() {
  const me = useMe();
  const create = hasRole(me.role, MANAGERS) ? (
    <Button component={Link} to="/work-orders/new" leftSection={<IconPlus size={16} aria-hidden />}>
      New work order
    </Button>
  ) : undefined;
  return (
    <>
      <PageHeader
        title="Work orders"
        subtitle="Lab-floor jobs for projects and sales orders"
        actions={create}
      />
      <WorkOrdersTable emptyAction={create} />
    </>
  );
}
