import { PageHeader } from '../components/ui/PageHeader';
import { DashboardView } from '../features/dashboard/components/DashboardView';
import { useMe } from '../lib/auth/useAuth';

/** The page a lab manager opens first every morning: the whole lab's figures and charts. */
export function DashboardPage() {
  const me = useMe();
  return (
    <>
      <PageHeader title={`Welcome, ${me.full_name || me.email}`} subtitle="Your lab at a glance" />
      <DashboardView staff={me.role !== 'customer'} />
    </>
  );
}
