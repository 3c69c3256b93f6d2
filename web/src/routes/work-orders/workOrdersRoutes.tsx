import { Outlet } from 'react-router';
import type { Role } from '../../api/types';
import { RequireRole } from '../../lib/auth/guards';
import { MANAGERS, STAFF } from '../../lib/auth/roles';
import { WorkOrderCreatePage } from './WorkOrderCreatePage';
import { WorkOrderDetailPage } from './WorkOrderDetailPage';
import { WorkOrderEditPage } from './WorkOrderEditPage';
import { WorkOrdersListPage } from './WorkOrdersListPage';

/** Work order screens (`/work-orders`), spread into the route tree by app/router.tsx. */
const only = (roles: readonly Role[], element: React.ReactNode) => (
  <RequireRole roles={roles}>{element}</RequireRole>
);

export const workOrdersRoutes = [
  {
    path: 'work-orders',
    handle: { crumb: 'Work orders' },
    element: only(STAFF, <Outlet />),
    children: [
      { index: true, element: <WorkOrdersListPage /> },
      { path: 'new', element: only(MANAGERS, <WorkOrderCreatePage />), handle: { crumb: 'New work order' } },
      { path: ':id', element: <WorkOrderDetailPage />, handle: { crumb: 'Work order' } },
      { path: ':id/edit', element: only(MANAGERS, <WorkOrderEditPage />), handle: { crumb: 'Edit' } },
    ],
  },
];
