import { Outlet } from 'react-router';
import type { Role } from '../../api/types';
import { RequireRole } from '../../lib/auth/guards';
import { STAFF } from '../../lib/auth/roles';
import { TrfCreatePage } from './TrfCreatePage';
import { TrfDetailPage } from './TrfDetailPage';
import { TrfEditPage } from './TrfEditPage';
import { TrfsListPage } from './TrfsListPage';

/**
 * Intake screens for test requests, spread into the route tree by app/router.tsx: the lab's
 * `/trfs` (staff read, engineers and managers file and edit) and the portal's
 * `/portal/test-requests` (customers submit, follow and correct their own).
 */
const WRITERS: readonly Role[] = ['manager', 'engineer'];
const only = (roles: readonly Role[], element: React.ReactNode) => (
  <RequireRole roles={roles}>{element}</RequireRole>
);

export const trfsRoutes = [
  {
    path: 'trfs',
    handle: { crumb: 'TRFs' },
    element: only(STAFF, <Outlet />),
    children: [
      { index: true, element: <TrfsListPage /> },
      { path: 'new', element: only(WRITERS, <TrfCreatePage />), handle: { crumb: 'New TRF' } },
      { path: ':id', element: <TrfDetailPage />, handle: { crumb: 'TRF' } },
      { path: ':id/edit', element: only(WRITERS, <TrfEditPage />), handle: { crumb: 'Edit' } },
    ],
  },
  {
    path: 'portal/test-requests',
    handle: { crumb: 'My test requests' },
    element: only(['customer'], <Outlet />),
    children: [
      { index: true, element: <TrfsListPage portal /> },
      { path: 'new', element: <TrfCreatePage portal />, handle: { crumb: 'Submit a test request' } },
      { path: ':id', element: <TrfDetailPage portal />, handle: { crumb: 'Test request' } },
      { path: ':id/edit', element: <TrfEditPage portal />, handle: { crumb: 'Correct' } },
    ],
  },
];
