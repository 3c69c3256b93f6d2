import { Outlet } from 'react-router';
import type { Role } from '../../api/types';
import { RequireRole } from '../../lib/auth/guards';
import { STAFF } from '../../lib/auth/roles';
import { SampleDetailPage } from './SampleDetailPage';
import { SampleEditPage } from './SampleEditPage';
import { SampleRegisterPage } from './SampleRegisterPage';
import { SamplesBulkPage } from './SamplesBulkPage';
import { SamplesListPage } from './SamplesListPage';

/**
 * Intake screens for samples, spread into the route tree by app/router.tsx: the lab's `/samples`
 * (staff read; engineers and managers register, move and label) and the portal's read-only
 * `/portal/samples` for customers.
 */
const LAB: readonly Role[] = ['manager', 'engineer'];
const only = (roles: readonly Role[], element: React.ReactNode) => (
  <RequireRole roles={roles}>{element}</RequireRole>
);

export const samplesRoutes = [
  {
    path: 'samples',
    handle: { crumb: 'Samples' },
    element: only(STAFF, <Outlet />),
    children: [
      { index: true, element: <SamplesListPage /> },
      { path: 'new', element: only(LAB, <SampleRegisterPage />), handle: { crumb: 'Register' } },
      { path: 'bulk', element: only(LAB, <SamplesBulkPage />), handle: { crumb: 'Bulk registration' } },
      { path: ':id', element: <SampleDetailPage />, handle: { crumb: 'Sample' } },
      { path: ':id/edit', element: only(LAB, <SampleEditPage />), handle: { crumb: 'Edit' } },
    ],
  },
  {
    path: 'portal/samples',
    handle: { crumb: 'My samples' },
    element: only(['customer'], <Outlet />),
    children: [
      { index: true, element: <SamplesListPage portal /> },
      { path: ':id', element: <SampleDetailPage portal />, handle: { crumb: 'Sample' } },
    ],
  },
];
