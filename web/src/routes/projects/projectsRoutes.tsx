import { Outlet } from 'react-router';
import type { Role } from '../../api/types';
import { RequireRole } from '../../lib/auth/guards';
import { MANAGERS, STAFF } from '../../lib/auth/roles';
import { ProjectCreatePage } from './ProjectCreatePage';
import { ProjectDetailPage } from './ProjectDetailPage';
import { ProjectEditPage } from './ProjectEditPage';
import { MyProjectsPage, ProjectsListPage } from './ProjectsListPage';

/** Project screens for the lab (`/projects`) and the portal (`/portal/projects`). */
const only = (roles: readonly Role[], element: React.ReactNode) => (
  <RequireRole roles={roles}>{element}</RequireRole>
);

export const projectsRoutes = [
  {
    path: 'projects',
    handle: { crumb: 'Projects' },
    element: only(STAFF, <Outlet />),
    children: [
      { index: true, element: <ProjectsListPage /> },
      { path: 'new', element: only(MANAGERS, <ProjectCreatePage />), handle: { crumb: 'New project' } },
      { path: ':id', element: <ProjectDetailPage />, handle: { crumb: 'Project' } },
      { path: ':id/edit', element: only(MANAGERS, <ProjectEditPage />), handle: { crumb: 'Edit' } },
    ],
  },
  {
    path: 'portal/projects',
    handle: { crumb: 'My projects' },
    element: only(['customer'], <Outlet />),
    children: [
      { index: true, element: <MyProjectsPage /> },
      { path: ':id', element: <ProjectDetailPage portal />, handle: { crumb: 'Project' } },
    ],
  },
];
