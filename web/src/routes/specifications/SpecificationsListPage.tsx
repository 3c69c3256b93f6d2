import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/ui/PageHeader';
import { SpecificationsTable } from '../../features/specifications/components/SpecificationsTable';
import { hasRole, MANAGERS } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';

export function SpecificationsListPage() {
  const me = useMe();
  const create = hasRole(me.role, MANAGERS) ? (
    <Button component={Link} to="/specifications/new" leftSection={<IconPlus size={16} aria-hidden />}>
      New specification
    </Button>
  ) : undefined;
  return (
    <>
      <PageHeader
        title="Specifications"
        subtitle="Limit sets results are judged against, kept revision by revision"
        actions={create}
      />
      <SpecificationsTable emptyAction={create} />
    </>
  );
}
