import { Button } from '@mantine/core';
import { IconCheck, IconPlayerPlay, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../../api/problem';
import { ConfirmDialog } from '../../../components/dialogs/ConfirmDialog';
import { ReasonDialog } from '../../../components/dialogs/ReasonDialog';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { type PlanAction, planAction, planKeys, type TestPlan } from '../api';

/** The plan's action buttons: only those the server says this user may take now. */
export function PlanActions({ plan, onDone }: { plan: TestPlan; onDone?: () => void }) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<PlanAction | null>(null);
  const [pending, setPending] = useState(false);
  const allowed = new Set(plan.allowed_actions);
  const label = plan.name || 'this plan';

  const run = async (action: PlanAction, reason?: string) => {
    setPending(true);
    try {
      await planAction(plan, action, reason);
      notifySuccess(
        `The plan is ${action === 'start' ? 'in progress' : action === 'complete' ? 'completed' : 'cancelled'}.`,
      );
      setAsking(null);
      onDone?.();
    } catch (error) {
      // a 409 names why (open executions): shown as it is; the reason dialog shows its own errors
      if (action === 'cancel') throw error;
      notifyError(
        isApiError(error, 412) ? new Error('The plan changed meanwhile; the page now shows it.') : error,
      );
      setAsking(null);
    } finally {
      setPending(false);
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
    }
  };

  return (
    <>
      {allowed.has('start') && (
        <Button
          variant="light"
          leftSection={<IconPlayerPlay size={16} aria-hidden />}
          onClick={() => run('start')}
          loading={pending}
        >
          Mark in progress
        </Button>
      )}
      {allowed.has('complete') && (
        <Button leftSection={<IconCheck size={16} aria-hidden />} onClick={() => setAsking('complete')}>
          Complete plan
        </Button>
      )}
      {allowed.has('cancel') && (
        <Button
          color="red"
          variant="default"
          leftSection={<IconX size={16} aria-hidden />}
          onClick={() => setAsking('cancel')}
        >
          Cancel plan
        </Button>
      )}
      <ConfirmDialog
        opened={asking === 'complete'}
        title={`Complete ${label}?`}
        message="Every execution must be completed or aborted. A completed plan can no longer change."
        confirmLabel="Complete plan"
        loading={pending}
        onConfirm={() => run('complete')}
        onCancel={() => setAsking(null)}
      />
      <ReasonDialog
        opened={asking === 'cancel'}
        title={`Cancel ${label}?`}
        message="Its pending and running executions are aborted with this reason. Results already entered stay."
        confirmLabel="Cancel plan"
        onConfirm={(reason) => run('cancel', reason)}
        onClose={() => setAsking(null)}
      />
    </>
  );
}
