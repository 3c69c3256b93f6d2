import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { NotFound } from '../components/ui/NotFound';
import { RouteError } from '../components/ui/RouteError';
import { RequireAuth, RequireRole } from '../lib/auth/guards';
import { AUDIT_READERS, MANAGERS, STAFF } from '../lib/auth/roles';
import { useMe } from '../lib/auth/useAuth';
import { AccountPage } from '../routes/account/AccountPage';
import { analyticsRoutes } from '../routes/analytics/analyticsRoutes';
import { AuditLogPage } from '../routes/audit-log/AuditLogPage';
import { auditsRoutes } from '../routes/audits/auditsRoutes';
import { ForgotPasswordPage } from '../routes/auth/ForgotPasswordPage';
import { LoginPage } from '../routes/auth/LoginPage';
import { RegisterPage } from '../routes/auth/RegisterPage';
import { ResetPasswordPage } from '../routes/auth/ResetPasswordPage';
import { VerifyEmailPage } from '../routes/auth/VerifyEmailPage';
import { benchRoutes } from '../routes/bench/benchRoutes';
import { certificationsRoutes } from '../routes/certifications/certificationsRoutes';
import { CustomerCreatePage } from '../routes/customers/CustomerCreatePage';
import { CustomerDetailPage } from '../routes/customers/CustomerDetailPage';
import { CustomerEditPage } from '../routes/customers/CustomerEditPage';
import { CustomersListPage } from '../routes/customers/CustomersListPage';
import { DashboardPage } from '../routes/DashboardPage';
import { documentsRoutes } from '../routes/documents/documentsRoutes';
import { equipmentRoutes } from '../routes/equipment/equipmentRoutes';
import { quotesRoutes } from '../routes/estimations/quotesRoutes';
import { MethodCreatePage } from '../routes/methods/MethodCreatePage';
import { MethodDetailPage } from '../routes/methods/MethodDetailPage';
import { MethodEditPage } from '../routes/methods/MethodEditPage';
import { MethodsListPage } from '../routes/methods/MethodsListPage';
import { ncrsRoutes } from '../routes/ncrs/ncrsRoutes';
import { NotificationsPage } from '../routes/notifications/NotificationsPage';
import { PortalPage } from '../routes/portal/PortalPage';
import { projectsRoutes } from '../routes/projects/projectsRoutes';
import { purchaseOrdersRoutes } from '../routes/purchase-orders/purchaseOrdersRoutes';
import { reportsRoutes } from '../routes/reports/reportsRoutes';
import { rfqsRoutes } from '../routes/rfqs/rfqsRoutes';
import { salesOrdersRoutes } from '../routes/sales-orders/salesOrdersRoutes';
import { samplesRoutes } from '../routes/samples/samplesRoutes';
import { SpecificationCreatePage } from '../routes/specifications/SpecificationCreatePage';
import { SpecificationDetailPage } from '../routes/specifications/SpecificationDetailPage';
import { SpecificationEditPage } from '../routes/specifications/SpecificationEditPage';
import { SpecificationRevisePage } from '../routes/specifications/SpecificationRevisePage';
import { SpecificationsListPage } from '../routes/specifications/SpecificationsListPage';
import { suppliersRoutes } from '../routes/suppliers/suppliersRoutes';
import { tasksRoutes } from '../routes/tasks/tasksRoutes';
import { trfsRoutes } from '../routes/trfs/trfsRoutes';
import { UserCreatePage } from '../routes/users/UserCreatePage';
import { UserDetailPage } from '../routes/users/UserDetailPage';
import { UsersListPage } from '../routes/users/UsersListPage';
import { VerifyPage } from '../routes/verify/VerifyPage';
import { workOrdersRoutes } from '../routes/work-orders/workOrdersRoutes';
import { Shell } from './shell/Shell';

/** Customers land in their portal; everyone else on the dashboard. */
function Home() {
  const me = useMe();
  return me.role === 'customer' ? <Navigate to="/portal" replace /> : <DashboardPage />;
}

const staff = (element: React.ReactNode) => <RequireRole roles={STAFF}>{element}</RequireRole>;
const managers = (element: React.ReactNode) => <RequireRole roles={MANAGERS}>{element}</RequireRole>;

export const routes = [
  {
    errorElement: <RouteError />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/register', element: <RegisterPage /> },
      { path: '/verify-email', element: <VerifyEmailPage /> },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/reset-password', element: <ResetPasswordPage /> },
      { path: '/verify/:code', element: <VerifyPage /> },
      {
        path: '/',
        element: (
          <RequireAuth>
            <Shell />
          </RequireAuth>
        ),
        handle: { crumb: 'Home' },
        children: [
          {
            errorElement: <RouteError />,
            children: [
              { index: true, element: <Home /> },
              {
                path: 'customers',
                handle: { crumb: 'Customers' },
                element: staff(<Outlet />),
                children: [
                  { index: true, element: <CustomersListPage /> },
                  {
                    path: 'new',
                    element: (
                      <RequireRole roles={MANAGERS}>
                        <CustomerCreatePage />
                      </RequireRole>
                    ),
                    handle: { crumb: 'New customer' },
                  },
                  { path: ':id', element: <CustomerDetailPage />, handle: { crumb: 'Customer' } },
                  {
                    path: ':id/edit',
                    element: (
                      <RequireRole roles={MANAGERS}>
                        <CustomerEditPage />
                      </RequireRole>
                    ),
                    handle: { crumb: 'Edit' },
                  },
                ],
              },
              {
                path: 'methods',
                handle: { crumb: 'Methods' },
                element: staff(<Outlet />),
                children: [
                  { index: true, element: <MethodsListPage /> },
                  { path: 'new', element: managers(<MethodCreatePage />), handle: { crumb: 'New method' } },
                  { path: ':id', element: <MethodDetailPage />, handle: { crumb: 'Method' } },
                  { path: ':id/edit', element: managers(<MethodEditPage />), handle: { crumb: 'Edit' } },
                ],
              },
              {
                path: 'specifications',
                handle: { crumb: 'Specifications' },
                element: staff(<Outlet />),
                children: [
                  { index: true, element: <SpecificationsListPage /> },
                  {
                    path: 'new',
                    element: managers(<SpecificationCreatePage />),
                    handle: { crumb: 'New specification' },
                  },
                  { path: ':id', element: <SpecificationDetailPage />, handle: { crumb: 'Specification' } },
                  {
                    path: ':id/edit',
                    element: managers(<SpecificationEditPage />),
                    handle: { crumb: 'Edit' },
                  },
                  {
                    path: ':id/revise',
                    element: managers(<SpecificationRevisePage />),
                    handle: { crumb: 'Revise' },
                  },
                ],
              },
              {
                path: 'users',
                handle: { crumb: 'Users' },
                element: (
                  <RequireRole roles={MANAGERS}>
                    <Outlet />
                  </RequireRole>
                ),
                children: [
                  { index: true, element: <UsersListPage /> },
                  {
                    path: 'new',
                    element: (
                      <RequireRole roles={['admin']}>
                        <UserCreatePage />
                      </RequireRole>
                    ),
                    handle: { crumb: 'Invite user' },
                  },
                  { path: ':id', element: <UserDetailPage />, handle: { crumb: 'User' } },
                ],
              },
              {
                path: 'audit-log',
                handle: { crumb: 'Audit log' },
                element: (
                  <RequireRole roles={AUDIT_READERS}>
                    <AuditLogPage />
                  </RequireRole>
                ),
              },
              {
                path: 'portal',
                handle: { crumb: 'My company' },
                element: (
                  <RequireRole roles={['customer']}>
                    <PortalPage />
                  </RequireRole>
                ),
              },
              ...benchRoutes,
              ...analyticsRoutes,
              ...trfsRoutes,
              ...samplesRoutes,
              ...rfqsRoutes,
              ...quotesRoutes,
              ...projectsRoutes,
              ...salesOrdersRoutes,
              ...equipmentRoutes,
              ...ncrsRoutes,
              ...auditsRoutes,
              ...suppliersRoutes,
              ...purchaseOrdersRoutes,
              ...workOrdersRoutes,
              ...documentsRoutes,
              ...reportsRoutes,
              ...certificationsRoutes,
              { path: 'account', element: <AccountPage />, handle: { crumb: 'My account' } },
              { path: 'account/password', element: <AccountPage />, handle: { crumb: 'My account' } },
              { path: 'account/sessions', element: <AccountPage />, handle: { crumb: 'My account' } },
              { path: 'account/notifications', element: <AccountPage />, handle: { crumb: 'My account' } },
              { path: 'notifications', element: <NotificationsPage />, handle: { crumb: 'Notifications' } },
              ...tasksRoutes,
              { path: '*', element: <NotFound /> },
            ],
          },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
