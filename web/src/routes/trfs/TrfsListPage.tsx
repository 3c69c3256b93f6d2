import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/ui/PageHeader';
import { TrfsTable } from '../../features/trfs/components/TrfsTable';
import { hasRole } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';

export const TRF_WRITERS = ['admin', 'manager', 'engineer'] as const;

/** Lab view of every TRF (`/trfs`), and the portal's "My test requests" (`/portal/test-requests`). */
export function TrfsListPage({ portal = false }: { portal?: boolean }) {
  const me = useMe();
  const canCreate = portal || hasRole(me.role, TRF_WRITERS);
  const create = canCreate ? (
    <Button
      component={Link}
      to={portal ? '/portal/test-requests/new' : '/trfs/new'}
      leftSection={<IconPlus size={16} aria-hidden />}
    >
      {portal ? 'Submit a test request' : 'New TRF'}
    </Button>
  ) : undefined;
  return (
    <>
      <PageHeader
        title={portal ? 'My test requests' : 'Test requests (TRFs)'}
        subtitle={
          portal
            ? 'Your requests to the laboratory and where each one stands'
            : 'What customers ask the laboratory to test, and the review of each request'
        }
        actions={create}
      />
      <TrfsTable portal={portal} emptyAction={create} />
    </>
  );
}
