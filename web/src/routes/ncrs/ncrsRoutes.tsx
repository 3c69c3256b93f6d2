import { Outlet } from 'react-router';
import type { Role } from '../../api/types';
import { RequireRole } from '../../lib/auth/guards';
import { STAFF } from '../../lib/auth/roles';
import { NcrCreatePage } from './NcrCreatePage';
import { NcrDetailPage } from './NcrDetailPage';
import { NcrsPage, QUALITY_OWNERS } from './NcrsPage';

/** NCR screens (`/ncrs`), spread into the route tree by app/router.tsx. */
const only = (roles: readonly Role[], element: React.ReactNode) => (
  <RequireRole roles={roles}>{element}</RequireRole>
);

export const ncrsRoutes = [
  {
    path: 'ncrs',
    handle: { crumb: 'NCRs' },
    element: only(STAFF, <Outlet />),
    children: [
      { index: true, element: <NcrsPage /> },
      { path: 'new', element: only(QUALITY_OWNERS, <NcrCreatePage />), handle: { crumb: 'Raise' } },
      { path: ':id', element: <NcrDetailPage />, handle: { crumb: 'NCR' } },
    ],
  },
];
