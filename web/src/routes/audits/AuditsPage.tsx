import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/ui/PageHeader';
import { AuditBoard } from '../../features/audits/components/AuditBoard';
import { hasRole } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';
import { QUALITY_OWNERS } from '../ncrs/NcrsPage';

export function AuditsPage() {
  const me = useMe();
  const create = hasRole(me.role, QUALITY_OWNERS) ? (
    <Button component={Link} to="/audits/new" leftSection={<IconPlus size={16} aria-hidden />}>
      Plan audit
    </Button>
  ) : undefined;
  return (
    <>
      <PageHeader
        title="Audits"
        subtitle="Internal and external audits and their findings"
        actions={create}
      />
      <AuditBoard emptyAction={create} />
    </>
  );
}
