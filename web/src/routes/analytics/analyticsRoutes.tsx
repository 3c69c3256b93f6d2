import { AnalyticsPage } from './AnalyticsPage';

/** /analytics: every role; the server scopes a customer's figures to its own records. */
export const analyticsRoutes = [
  { path: 'analytics', element: <AnalyticsPage />, handle: { crumb: 'Analytics' } },
];
