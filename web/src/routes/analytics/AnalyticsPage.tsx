import { PageHeader } from '../../components/ui/PageHeader';
import { DashboardView } from '../../features/dashboard/components/DashboardView';
import { useMe } from '../../lib/auth/useAuth';

/** The figures for a customer's portal: the dashboard scoped by the server to its own records. */
export function AnalyticsPage() {
  const me = useMe();
  const customer = me.role === 'customer';
  return (
    <>
      <PageHeader
        title={customer ? 'My figures' : 'Analytics'}
        subtitle={customer ? 'Your samples, results, turnaround and orders with us' : 'The lab’s figures'}
      />
      <DashboardView staff={!customer} />
    </>
  );
}
