import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/ui/PageHeader';
import { CertificationsTable } from '../../features/certifications/components/CertificationsTable';
import { hasRole, MANAGERS } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';

export function CertificationsListPage() {
  const me = useMe();
  const create = hasRole(me.role, MANAGERS) ? (
    <Button component={Link} to="/certifications/new" leftSection={<IconPlus size={16} aria-hidden />}>
      New certificate
    </Button>
  ) : undefined;
  return (
    <>
      <PageHeader
        title={me.role === 'customer' ? 'My certificates' : 'Certificate register'}
        subtitle="Certificates of conformity; expired in red, expiring within 30 days in amber"
        actions={create}
      />
      <CertificationsTable emptyAction={create} />
    </>
  );
}
