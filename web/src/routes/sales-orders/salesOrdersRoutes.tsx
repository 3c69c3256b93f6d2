import { Outlet } from 'react-router';
import type { Role } from '../../api/types';
import { RequireRole } from '../../lib/auth/guards';
import { MANAGERS, STAFF } from '../../lib/auth/roles';
import { SalesOrderCreatePage } from './SalesOrderCreatePage';
import { SalesOrderDetailPage } from './SalesOrderDetailPage';
import { SalesOrdersListPage } from './SalesOrdersListPage';

/** Sales order screens (`/sales-orders`), spread into the route tree by app/router.tsx. */
const only = (roles: readonly Role[], element: React.ReactNode) => (
  <RequireRole roles={roles}>{element}</RequireRole>
);

export const salesOrdersRoutes = [
  {
    path: 'sales-orders',
    handle: { crumb: 'Sales orders' },
    element: only(STAFF, <Outlet />),
    children: [
      { index: true, element: <SalesOrdersListPage /> },
      {
        path: 'new',
        element: only(MANAGERS, <SalesOrderCreatePage />),
        handle: { crumb: 'New sales order' },
      },
      { path: ':id', element: <SalesOrderDetailPage />, handle: { crumb: 'Sales order' } },
    ],
  },
];
