import { Alert, Skeleton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { QueryError } from '../../components/ui/QueryState';
import { customerKeys, listCustomers } from '../../features/customers/api';
import { CustomerDetail } from '../customers/CustomerDetailPage';

/** The customer portal's home: the one customer this user is bound to. */
export function PortalPage() {
  const mine = useQuery({
    queryKey: [...customerKeys.all, 'mine'],
    queryFn: () => listCustomers({ limit: 1 }),
  });
  if (mine.isLoading) return <Skeleton h={300} />;
  if (mine.error) return <QueryError error={mine.error} onRetry={() => mine.refetch()} />;
  const customer = mine.data?.items[0];
  if (!customer)
    return (
      <Alert color="yellow" title="No company linked">
        Your account is not linked to a customer yet. Ask the laboratory to link it.
      </Alert>
    );
  return <CustomerDetail customer={customer} portal />;
}
