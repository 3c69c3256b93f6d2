import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/ui/PageHeader';
import { PlansTable } from '../../features/test-plans/components/PlansTable';
import { hasRole } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';

export const PLANNERS = ['manager', 'engineer'] as const;

export function PlansListPage() {
  const me = useMe();
  const create = hasRole(me.role, PLANNERS) ? (
    <Button component={Link} to="/test-plans/new" leftSection={<IconPlus size={16} aria-hidden />}>
      New test plan
    </Button>
  ) : undefined;
  return (
    <>
      <PageHeader
        title="Test plans"
        subtitle="Methods on samples of a project, judged against specifications"
        actions={create}
      />
      <PlansTable emptyAction={create} />
    </>
  );
}
