import { Outlet } from 'react-router';
import type { Role } from '../../api/types';
import { RequireRole } from '../../lib/auth/guards';
import { MANAGERS, STAFF } from '../../lib/auth/roles';
import { CertificationCreatePage } from './CertificationCreatePage';
import { CertificationDetailPage } from './CertificationDetailPage';
import { CertificationsListPage } from './CertificationsListPage';

const READERS: Role[] = [...STAFF, 'customer'];

/** Certificate register screens (`/certifications`), spread into the route tree by app/router.tsx. */
export const certificationsRoutes = [
  {
    path: 'certifications',
    handle: { crumb: 'Certificates' },
    element: (
      <RequireRole roles={READERS}>
        <Outlet />
      </RequireRole>
    ),
    children: [
      { index: true, element: <CertificationsListPage /> },
      {
        path: 'new',
        element: (
          <RequireRole roles={MANAGERS}>
            <CertificationCreatePage />
          </RequireRole>
        ),
        handle: { crumb: 'New certificate' },
      },
      { path: ':id', element: <CertificationDetailPage />, handle: { crumb: 'Certificate' } },
    ],
  },
];
