import { PageHeader } from '../../components/ui/PageHeader';
import { ReviewQueue } from '../../features/test-results/components/ReviewQueue';
import { hasRole, MANAGERS } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';

export function ReviewPage() {
  const me = useMe();
  const canApprove = hasRole(me.role, MANAGERS);
  return (
    <>
      <PageHeader
        title="Review and approve"
        subtitle={
          canApprove
            ? 'Approve results entered by someone else: the person who entered a result never approves it'
            : 'Review results; a manager approves them'
        }
      />
      <ReviewQueue canApprove={canApprove} myId={me.id} />
    </>
  );
}
