import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/ui/PageHeader';
import { EquipmentTable } from '../../features/equipment/components/EquipmentTable';
import { hasRole, MANAGERS } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';

export function EquipmentListPage() {
  const me = useMe();
  const create = hasRole(me.role, MANAGERS) ? (
    <Button component={Link} to="/equipment/new" leftSection={<IconPlus size={16} aria-hidden />}>
      Register equipment
    </Button>
  ) : undefined;
  return (
    <>
      <PageHeader title="Equipment" subtitle="Instruments, their status and calibration" actions={create} />
      <EquipmentTable emptyAction={create} />
    </>
  );
}
