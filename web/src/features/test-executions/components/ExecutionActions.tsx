import { ActionIcon, Button, Tooltip } from '@mantine/core';
import { IconCheck, IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react';
import { useState } from 'react';
import { ReasonDialog } from '../../../components/dialogs/ReasonDialog';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { type ExecutionAction, executionAction, type TestExecution } from '../api';

/**
 * Start / complete / abort, only as the server allows them. A refusal (not authorised for the
 * method, results missing) shows the server's own sentence, which names why.
 */
export function ExecutionActions({
  execution,
  onDone,
  size = 'sm',
  label,
  compact = false,
}: {
  execution: Pick<TestExecution, 'id' | 'version' | 'allowed_actions'>;
  onDone: (updated: TestExecution) => void;
  size?: 'xs' | 'sm';
  /** Names the execution in messages (the sample number). */
  label: string;
  /** Abort as an icon button (the bench grid's narrow column). */
  compact?: boolean;
}) {
  const [pending, setPending] = useState<ExecutionAction | null>(null);
  const [aborting, setAborting] = useState(false);
  const allowed = new Set(execution.allowed_actions);
  const run = async (action: ExecutionAction, reason?: string) => {
    setPending(action);
    try {
      const updated = await executionAction(execution, action, reason);
      notifySuccess(
        `${label}: ${action === 'start' ? 'started' : action === 'complete' ? 'completed' : 'aborted'}.`,
      );
      onDone(updated);
    } catch (error) {
      if (action === 'abort') throw error;
      notifyError(error, `Could not ${action} ${label}`);
    } finally {
      setPending(null);
    }
  };
  return (
    <>
      {allowed.has('start') && (
        <Button
          size={size}
          variant="light"
          leftSection={<IconPlayerPlay size={14} aria-hidden />}
          loading={pending === 'start'}
          onClick={() => run('start')}
          aria-label={`Start ${label}`}
        >
          Start
        </Button>
      )}
      {allowed.has('complete') && (
        <Button
          size={size}
          leftSection={<IconCheck size={14} aria-hidden />}
          loading={pending === 'complete'}
          onClick={() => run('complete')}
          aria-label={`Complete ${label}`}
        >
          Complete
        </Button>
      )}
      {allowed.has('abort') && compact && (
        <Tooltip label="Abort">
          <ActionIcon
            variant="subtle"
            color="red"
            onClick={() => setAborting(true)}
            aria-label={`Abort ${label}`}
          >
            <IconPlayerStop size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
      )}
      {allowed.has('abort') && !compact && (
        <Button
          size={size}
          variant="subtle"
          color="red"
          leftSection={<IconPlayerStop size={14} aria-hidden />}
          onClick={() => setAborting(true)}
          aria-label={`Abort ${label}`}
        >
          Abort
        </Button>
      )}
      <ReasonDialog
        opened={aborting}
        title={`Abort ${label}?`}
        message="The execution stops here; results already entered stay, and the plan can still be completed."
        confirmLabel="Abort execution"
        onConfirm={(reason) => run('abort', reason)}
        onClose={() => setAborting(false)}
      />
    </>
  );
}
