import { Button, Group } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/ui/PageHeader';
import { InvoiceLinesExport } from '../../features/sales-orders/components/InvoicingDialogs';
import { SalesOrdersTable } from '../../features/sales-orders/components/SalesOrdersTable';
import { hasRole, MANAGERS } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';

export function SalesOrdersListPage() {
  const me = useMe();
  const create = hasRole(me.role, MANAGERS) ? (
    <Button component={Link} to="/sales-orders/new" leftSection={<IconPlus size={16} aria-hidden />}>
      New sales order
    </Button>
  ) : undefined;
  return (
    <>
      <PageHeader
        title="Sales orders"
        subtitle="What customers ordered"
        actions={
          create && (
            <Group gap="xs">
              <InvoiceLinesExport />
              {create}
            </Group>
          )
        }
      />
      <SalesOrdersTable emptyAction={create} />
    </>
  );
}
