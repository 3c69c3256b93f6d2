import { Outlet } from 'react-router';
import type { Role } from '../../api/types';
import { RequireRole } from '../../lib/auth/guards';
import { MANAGERS, STAFF } from '../../lib/auth/roles';
import { SupplierCreatePage } from './SupplierCreatePage';
import { SupplierDetailPage } from './SupplierDetailPage';
import { SupplierEditPage } from './SupplierEditPage';
import { SuppliersListPage } from './SuppliersListPage';

/** Supplier screens (`/suppliers`), spread into the route tree by app/router.tsx. */
const only = (roles: readonly Role[], element: React.ReactNode) => (
  <RequireRole roles={roles}>{element}</RequireRole>
);

export const suppliersRoutes = [
  {
    path: 'suppliers',
    handle: { crumb: 'Suppliers' },
    element: only(STAFF, <Outlet />),
    children: [
      { index: true, element: <SuppliersListPage /> },
      { path: 'new', element: only(MANAGERS, <SupplierCreatePage />), handle: { crumb: 'New supplier' } },
      { path: ':id', element: <SupplierDetailPage />, handle: { crumb: 'Supplier' } },
      { path: ':id/edit', element: only(MANAGERS, <SupplierEditPage />), handle: { crumb: 'Edit' } },
    ],
  },
];
