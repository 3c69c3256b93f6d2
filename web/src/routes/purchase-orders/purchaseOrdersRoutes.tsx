import { Outlet } from 'react-router';
import type { Role } from '../../api/types';
import { RequireRole } from '../../lib/auth/guards';
import { MANAGERS, STAFF } from '../../lib/auth/roles';
import { PurchaseOrderCreatePage } from './PurchaseOrderCreatePage';
import { PurchaseOrderDetailPage } from './PurchaseOrderDetailPage';
import { PurchaseOrderEditPage } from './PurchaseOrderEditPage';
import { PurchaseOrdersListPage } from './PurchaseOrdersListPage';

/** Purchase order screens (`/purchase-orders`), spread into the route tree by app/router.tsx. */
const only = (roles: readonly Role[], element: React.ReactNode) => (
  <RequireRole roles={roles}>{element}</RequireRole>
);

export const purchaseOrdersRoutes = [
  {
    path: 'purchase-orders',
    handle: { crumb: 'Purchase orders' },
    element: only(STAFF, <Outlet />),
    children: [
      { index: true, element: <PurchaseOrdersListPage /> },
      {
        path: 'new',
        element: only(MANAGERS, <PurchaseOrderCreatePage />),
        handle: { crumb: 'New purchase order' },
      },
      { path: ':id', element: <PurchaseOrderDetailPage />, handle: { crumb: 'Purchase order' } },
      { path: ':id/edit', element: only(MANAGERS, <PurchaseOrderEditPage />), handle: { crumb: 'Edit' } },
    ],
  },
];
