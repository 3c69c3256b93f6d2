import { Button, SegmentedControl } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../components/ui/PageHeader';
import { hasRole } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';

export const useCanWriteTasks = () => hasRole(useMe().role, ['manager', 'engineer']);

/** Board | List switch and the "New task" button, shared by both views. */
export function TasksHeader({ view }: { view: 'board' | 'list' }) {
  const navigate = useNavigate();
  const me = useMe();
  const canWrite = useCanWriteTasks();
  return (
    <PageHeader
      title="Tasks"
      subtitle={me.role === 'engineer' ? 'The tasks assigned to you' : 'Who does what, by when'}
      actions={
        <>
          <SegmentedControl
            value={view}
            onChange={(v) => navigate(v === 'board' ? '/tasks' : '/tasks/list')}
            data={[
              { value: 'board', label: 'Board' },
              { value: 'list', label: 'List' },
            ]}
            aria-label="Task view"
          />
          {canWrite && (
            <Button component={Link} to="/tasks/new" leftSection={<IconPlus size={16} aria-hidden />}>
              New task
            </Button>
          )}
        </>
      }
    />
  );
}
