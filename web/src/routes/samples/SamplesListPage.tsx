import { Alert, Anchor, Button } from '@mantine/core';
import { IconFilter, IconPlus, IconTable } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/ui/PageHeader';
import { SamplesTable } from '../../features/samples/components/SamplesTable';
import { hasRole } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';

export const SAMPLE_WRITERS = ['admin', 'manager', 'engineer'] as const;

/** Every sample for the lab (`/samples`); the customer's own under `/portal/samples`. */
export function SamplesListPage({ portal = false }: { portal?: boolean }) {
  const me = useMe();
  const [params] = useSearchParams();
  const canRegister = !portal && hasRole(me.role, SAMPLE_WRITERS);
  const narrowed = ['project_id', 'trf_id', 'parent_id'].some((k) => params.get(k));
  const register = canRegister ? (
    <>
      <Button
        component={Link}
        to="/samples/bulk"
        variant="default"
        leftSection={<IconTable size={16} aria-hidden />}
      >
        Bulk registration
      </Button>
      <Button component={Link} to="/samples/new" leftSection={<IconPlus size={16} aria-hidden />}>
        Register sample
      </Button>
    </>
  ) : undefined;
  return (
    <>
      <PageHeader
        title={portal ? 'My samples' : 'Samples'}
        subtitle={
          portal
            ? 'The samples the laboratory received from you and where each one is'
            : 'Received items: condition, storage, chain of custody and labels'
        }
        actions={register}
      />
      {narrowed && (
        <Alert icon={<IconFilter aria-hidden />} mb="sm" variant="light">
          Showing the samples of one{' '}
          {params.get('trf_id') ? 'test request' : params.get('parent_id') ? 'parent sample' : 'project'}.{' '}
          <Anchor component={Link} to={portal ? '/portal/samples' : '/samples'}>
            Show all samples
          </Anchor>
        </Alert>
      )}
      <SamplesTable portal={portal} />
    </>
  );
}
