import { Outlet } from 'react-router';
import type { Role } from '../../api/types';
import { RequireRole } from '../../lib/auth/guards';
import { STAFF } from '../../lib/auth/roles';
import { QUALITY_OWNERS } from '../ncrs/NcrsPage';
import { AuditCreatePage } from './AuditCreatePage';
import { AuditDetailPage } from './AuditDetailPage';
import { AuditEditPage } from './AuditEditPage';
import { AuditsPage } from './AuditsPage';

/** Audit screens (`/audits`), spread into the route tree by app/router.tsx. */
const only = (roles: readonly Role[], element: React.ReactNode) => (
  <RequireRole roles={roles}>{element}</RequireRole>
);

export const auditsRoutes = [
  {
    path: 'audits',
    handle: { crumb: 'Audits' },
    element: only(STAFF, <Outlet />),
    children: [
      { index: true, element: <AuditsPage /> },
      { path: 'new', element: only(QUALITY_OWNERS, <AuditCreatePage />), handle: { crumb: 'Plan' } },
      { path: ':id', element: <AuditDetailPage />, handle: { crumb: 'Audit' } },
      { path: ':id/edit', element: only(QUALITY_OWNERS, <AuditEditPage />), handle: { crumb: 'Edit' } },
    ],
  },
];
