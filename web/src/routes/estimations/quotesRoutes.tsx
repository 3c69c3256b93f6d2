import { Outlet } from 'react-router';
import type { Role } from '../../api/types';
import { RequireRole } from '../../lib/auth/guards';
import { MANAGERS, STAFF } from '../../lib/auth/roles';
import { QuoteCreatePage } from './QuoteCreatePage';
import { QuoteDetailPage } from './QuoteDetailPage';
import { QuoteEditPage } from './QuoteEditPage';
import { QuotesListPage } from './QuotesListPage';

/** Quote screens (`/quotes`, the API's estimations), spread into the route tree by app/router.tsx. */
const only = (roles: readonly Role[], element: React.ReactNode) => (
  <RequireRole roles={roles}>{element}</RequireRole>
);

export const quotesRoutes = [
  {
    path: 'quotes',
    handle: { crumb: 'Quotes' },
    element: only(STAFF, <Outlet />),
    children: [
      { index: true, element: <QuotesListPage /> },
      { path: 'new', element: only(MANAGERS, <QuoteCreatePage />), handle: { crumb: 'New quote' } },
      { path: ':id', element: <QuoteDetailPage />, handle: { crumb: 'Quote' } },
      { path: ':id/edit', element: only(MANAGERS, <QuoteEditPage />), handle: { crumb: 'Edit' } },
    ],
  },
];
