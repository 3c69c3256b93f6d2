import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/ui/PageHeader';
import { ProjectsTable } from '../../features/projects/components/ProjectsTable';
import { hasRole, MANAGERS } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';

export function ProjectsListPage() {
  const me = useMe();
  const create = hasRole(me.role, MANAGERS) ? (
    <Button component={Link} to="/projects/new" leftSection={<IconPlus size={16} aria-hidden />}>
      New project
    </Button>
  ) : undefined;
  return (
    <>
      <PageHeader title="Projects" subtitle="The jobs everything tested hangs off" actions={create} />
      <ProjectsTable emptyAction={create} />
    </>
  );
}

/** The portal's "My projects". */
export function MyProjectsPage() {
  return (
    <>
      <PageHeader title="My projects" subtitle="Work the laboratory is doing for you" />
      <ProjectsTable customerView />
    </>
  );
}
