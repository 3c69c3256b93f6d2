import { Outlet } from 'react-router';
import type { Role } from '../../api/types';
import { RequireRole } from '../../lib/auth/guards';
import { STAFF } from '../../lib/auth/roles';
import { TaskCreatePage } from './TaskCreatePage';
import { TaskDetailPage } from './TaskDetailPage';
import { TaskEditPage } from './TaskEditPage';
import { TasksBoardPage } from './TasksBoardPage';
import { TasksListPage } from './TasksListPage';

/** Task screens (`/tasks`): board, list with bulk actions, detail with subtasks and history. */
const only = (roles: readonly Role[], element: React.ReactNode) => (
  <RequireRole roles={roles}>{element}</RequireRole>
);
const WRITERS: readonly Role[] = ['admin', 'manager', 'engineer'];

export const tasksRoutes = [
  {
    path: 'tasks',
    handle: { crumb: 'Tasks' },
    element: only(STAFF, <Outlet />),
    children: [
      { index: true, element: <TasksBoardPage /> },
      { path: 'list', element: <TasksListPage />, handle: { crumb: 'List' } },
      { path: 'new', element: only(WRITERS, <TaskCreatePage />), handle: { crumb: 'New task' } },
      { path: ':id', element: <TaskDetailPage />, handle: { crumb: 'Task' } },
      { path: ':id/edit', element: only(WRITERS, <TaskEditPage />), handle: { crumb: 'Edit' } },
    ],
  },
];
