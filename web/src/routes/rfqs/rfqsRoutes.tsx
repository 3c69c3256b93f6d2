import { Outlet } from 'react-router';
import type { Role } from '../../api/types';
import { RequireRole } from '../../lib/auth/guards';
import { MANAGERS, STAFF } from '../../lib/auth/roles';
import { RfqCreatePage } from './RfqCreatePage';
import { RfqDetailPage } from './RfqDetailPage';
import { RfqEditPage } from './RfqEditPage';
import { MyRequestsPage, RfqsListPage } from './RfqsListPage';

/**
 * RFQ screens, spread into the route tree by app/router.tsx: the lab's `/rfqs` and the portal's
 * `/portal/requests` (a customer files its own requests and answers the quotes it is sent).
 */
const only = (roles: readonly Role[], element: React.ReactNode) => (
  <RequireRole roles={roles}>{element}</RequireRole>
);

export const rfqsRoutes = [
  {
    path: 'rfqs',
    handle: { crumb: 'RFQs' },
    element: only(STAFF, <Outlet />),
    children: [
      { index: true, element: <RfqsListPage /> },
      { path: 'new', element: only(MANAGERS, <RfqCreatePage />), handle: { crumb: 'New RFQ' } },
      { path: ':id', element: <RfqDetailPage />, handle: { crumb: 'RFQ' } },
      { path: ':id/edit', element: only(MANAGERS, <RfqEditPage />), handle: { crumb: 'Edit' } },
    ],
  },
  {
    path: 'portal/requests',
    handle: { crumb: 'My requests' },
    element: only(['customer'], <Outlet />),
    children: [
      { index: true, element: <MyRequestsPage /> },
      { path: 'new', element: <RfqCreatePage portal />, handle: { crumb: 'Request a quotation' } },
      { path: ':id', element: <RfqDetailPage portal />, handle: { crumb: 'Request' } },
      { path: ':id/edit', element: <RfqEditPage portal />, handle: { crumb: 'Edit' } },
    ],
  },
];
