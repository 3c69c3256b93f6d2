import { Outlet } from 'react-router';
import type { Role } from '../../api/types';
import { RequireRole } from '../../lib/auth/guards';
import { MANAGERS, STAFF } from '../../lib/auth/roles';
import { EquipmentCreatePage } from './EquipmentCreatePage';
import { EquipmentDetailPage } from './EquipmentDetailPage';
import { EquipmentEditPage } from './EquipmentEditPage';
import { EquipmentListPage } from './EquipmentListPage';

/** Equipment register screens (`/equipment`), spread into the route tree by app/router.tsx. */
const only = (roles: readonly Role[], element: React.ReactNode) => (
  <RequireRole roles={roles}>{element}</RequireRole>
);

export const equipmentRoutes = [
  {
    path: 'equipment',
    handle: { crumb: 'Equipment' },
    element: only(STAFF, <Outlet />),
    children: [
      { index: true, element: <EquipmentListPage /> },
      { path: 'new', element: only(MANAGERS, <EquipmentCreatePage />), handle: { crumb: 'Register' } },
      { path: ':id', element: <EquipmentDetailPage />, handle: { crumb: 'Equipment' } },
      { path: ':id/edit', element: only(MANAGERS, <EquipmentEditPage />), handle: { crumb: 'Edit' } },
    ],
  },
];
