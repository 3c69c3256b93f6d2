import { Outlet } from 'react-router';
import type { Role } from '../../api/types';
import { RequireRole } from '../../lib/auth/guards';
import { STAFF } from '../../lib/auth/roles';
import { ExecutionDetailPage } from '../test-executions/ExecutionDetailPage';
import { PlanCreatePage } from '../test-plans/PlanCreatePage';
import { PlanDetailPage } from '../test-plans/PlanDetailPage';
import { PlansListPage } from '../test-plans/PlansListPage';
import { ResultDetailPage } from '../test-results/ResultDetailPage';
import { ResultsListPage } from '../test-results/ResultsListPage';
import { ReviewPage } from '../test-results/ReviewPage';
import { BenchPage } from './BenchPage';
import { MyBenchPage } from './MyBenchPage';

/**
 * The lab bench's screens (plans, executions, results, the bench itself), spread into the app's
 * route tree by app/router.tsx. Roles mirror the API: engineers and managers do the bench work,
 * staff read, customers read approved results of their own projects.
 */
const BENCH: readonly Role[] = ['manager', 'engineer'];
const only = (roles: readonly Role[], element: React.ReactNode) => (
  <RequireRole roles={roles}>{element}</RequireRole>
);

export const benchRoutes = [
  {
    path: 'test-plans',
    handle: { crumb: 'Test plans' },
    element: only(STAFF, <Outlet />),
    children: [
      { index: true, element: <PlansListPage /> },
      { path: 'new', element: only(BENCH, <PlanCreatePage />), handle: { crumb: 'New test plan' } },
      { path: ':id', element: <PlanDetailPage />, handle: { crumb: 'Test plan' } },
    ],
  },
  {
    path: 'test-executions/:id',
    element: only(STAFF, <ExecutionDetailPage />),
    handle: { crumb: 'Execution' },
  },
  {
    path: 'test-results',
    handle: { crumb: 'Results' },
    element: only([...STAFF, 'customer'], <Outlet />),
    children: [
      { index: true, element: <ResultsListPage /> },
      { path: 'review', element: only(BENCH, <ReviewPage />), handle: { crumb: 'Review and approve' } },
      { path: ':id', element: <ResultDetailPage />, handle: { crumb: 'Result' } },
    ],
  },
  {
    path: 'bench',
    handle: { crumb: 'My bench' },
    element: only(BENCH, <Outlet />),
    children: [
      { index: true, element: <MyBenchPage /> },
      { path: 'plans/:id', element: <BenchPage />, handle: { crumb: 'Bench' } },
    ],
  },
];
