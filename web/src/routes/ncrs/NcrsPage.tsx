import { Button, SegmentedControl } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import type { Role } from '../../api/types';
import { PageHeader } from '../../components/ui/PageHeader';
import { NcrBoard } from '../../features/ncrs/components/NcrBoard';
import { NcrsTable } from '../../features/ncrs/components/NcrsTable';
import { OverdueActions } from '../../features/ncrs/components/OverdueActions';
import { hasRole } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';

export const QUALITY_OWNERS: readonly Role[] = ['admin', 'manager', 'auditor'];

/** NCRs as a board by state (default) or a filterable list, with the overdue CAPA actions on top. */
export function NcrsPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'list' ? 'list' : 'board';
  const create = hasRole(me.role, QUALITY_OWNERS) ? (
    <Button component={Link} to="/ncrs/new" leftSection={<IconPlus size={16} aria-hidden />}>
      Raise NCR
    </Button>
  ) : undefined;
  return (
    <>
      <PageHeader
        title="Non-conformances"
        subtitle="NCRs, their root cause and CAPA"
        actions={
          <>
            <SegmentedControl
              aria-label="View"
              value={view}
              onChange={(v) => setParams(v === 'list' ? { view: 'list' } : {})}
              data={[
                { value: 'board', label: 'Board' },
                { value: 'list', label: 'List' },
              ]}
            />
            {create}
          </>
        }
      />
      <OverdueActions />
      {view === 'board' ? <NcrBoard /> : <NcrsTable emptyAction={create} />}
    </>
  );
}
