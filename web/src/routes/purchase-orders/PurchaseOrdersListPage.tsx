import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/ui/PageHeader';
import { PurchaseOrdersTable } from '../../features/purchase-orders/components/PurchaseOrdersTable';
import { hasRole, MANAGERS } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';

export function PurchaseOrdersListPage() {
  const me = useMe();
  const create = hasRole(me.role, MANAGERS) ? (
    <Button component={Link} to="/purchase-orders/new" leftSection={<IconPlus size={16} aria-hidden />}>
      New purchase order
    </Button>
  ) : undefined;
  return (
    <>
      <PageHeader
        title="Purchase orders"
        subtitle="What the lab buys, from approved suppliers"
        actions={create}
      />
      <PurchaseOrdersTable emptyAction={create} />
    </>
  );
}
