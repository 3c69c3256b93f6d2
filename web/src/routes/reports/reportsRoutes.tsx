import { Outlet } from 'react-router';
import type { Role } from '../../api/types';
import { RequireRole } from '../../lib/auth/guards';
import { STAFF } from '../../lib/auth/roles';
import { ReportDetailPage } from './ReportDetailPage';
import { ReportsListPage } from './ReportsListPage';

const READERS: Role[] = [...STAFF, 'customer'];

/** Test report screens (`/reports`), spread into the route tree by app/router.tsx. */
export const reportsRoutes = [
  {
    path: 'reports',
    handle: { crumb: 'Reports' },
    element: (
      <RequireRole roles={READERS}>
        <Outlet />
      </RequireRole>
    ),
    children: [
      { index: true, element: <ReportsListPage /> },
      { path: ':id', element: <ReportDetailPage />, handle: { crumb: 'Report' } },
    ],
  },
];
