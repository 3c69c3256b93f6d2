import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/ui/PageHeader';
import { RfqsTable } from '../../features/rfqs/components/RfqsTable';
import { hasRole, MANAGERS } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';

export function RfqsListPage() {
  const me = useMe();
  const create = hasRole(me.role, MANAGERS) ? (
    <Button component={Link} to="/rfqs/new" leftSection={<IconPlus size={16} aria-hidden />}>
      New RFQ
    </Button>
  ) : undefined;
  return (
    <>
      <PageHeader title="RFQs" subtitle="Requests for quotation from customers" actions={create} />
      <RfqsTable emptyAction={create} />
    </>
  );
}

/** The portal's "My requests": the customer's own RFQs, and a way to ask for a new quotation. */
export function MyRequestsPage() {
  const create = (
    <Button component={Link} to="/portal/requests/new" leftSection={<IconPlus size={16} aria-hidden />}>
      Request a quotation
    </Button>
  );
  return (
    <>
      <PageHeader
        title="My requests"
        subtitle="Your requests for quotation and the laboratory’s quotes"
        actions={create}
      />
      <RfqsTable customerView emptyAction={create} />
    </>
  );
}
