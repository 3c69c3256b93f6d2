import { Outlet } from 'react-router';
import { RequireRole } from '../../lib/auth/guards';
import { STAFF } from '../../lib/auth/roles';
import { DocumentDetailPage } from './DocumentDetailPage';
import { DocumentsListPage } from './DocumentsListPage';

/** The document library (`/documents`) and a document's page. */
export const documentsRoutes = [
  {
    path: 'documents',
    handle: { crumb: 'Documents' },
    element: (
      <RequireRole roles={STAFF}>
        <Outlet />
      </RequireRole>
    ),
    children: [
      { index: true, element: <DocumentsListPage /> },
      { path: ':id', element: <DocumentDetailPage />, handle: { crumb: 'Document' } },
    ],
  },
];
