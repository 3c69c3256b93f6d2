import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconEye, IconPencil, IconX } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import type { Role } from '../../../api/types';
import { ReasonDialog } from '../../../components/dialogs/ReasonDialog';
import { FormError } from '../../../components/forms/FormError';
import { useFormSubmit } from '../../../components/forms/useFormSubmit';
import { hasRole } from '../../../lib/auth/roles';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { SignatureDialog } from '../../signatures/SignatureDialog';
import {
  type ApprovalSignature,
  correctResult,
  type ResultAction,
  resultAction,
  type TestResult,
} from '../api';

const APPROVED = ['approved'] as const;

const BENCH: Role[] = ['manager', 'engineer'];

/**
 * Review, approve, reject (only as the server allows) and correct an approved result. The server
 * refuses an approval by the person who entered the result (four eyes) and says so.
 */
export function ResultActions({
  result,
  role,
  onChanged,
}: {
  result: TestResult;
  role: Role;
  onChanged: (next: TestResult) => void;
}) {
  const [pending, setPending] = useState<ResultAction | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const [signing, setSigning] = useState(false);
  const allowed = new Set(result.allowed_actions);
  const canCorrect = result.status === 'approved' && !result.superseded && hasRole(role, BENCH);
  const run = async (action: ResultAction, reason?: string, signature?: ApprovalSignature) => {
    setPending(action);
    try {
      const next = await resultAction(result, action, { reason, signature });
      notifySuccess(`${result.parameter} of ${result.sample_number}: ${next.status}.`);
      onChanged(next);
    } catch (error) {
      // the dialogs show their own errors (a refused signature on the password field)
      if (action === 'reject' || action === 'approve') throw error;
      notifyError(error, `Could not ${action} the result`);
    } finally {
      setPending(null);
    }
  };
  return (
    <>
      {allowed.has('review') && (
        <Button
          variant="light"
          leftSection={<IconEye size={16} aria-hidden />}
          loading={pending === 'review'}
          onClick={() => run('review')}
        >
          Mark reviewed
        </Button>
      )}
      {allowed.has('approve') && (
        <Button
          leftSection={<IconCheck size={16} aria-hidden />}
          loading={pending === 'approve'}
          onClick={() => setSigning(true)}
        >
          Approve
        </Button>
      )}
      {allowed.has('reject') && (
        <Button
          color="red"
          variant="default"
          leftSection={<IconX size={16} aria-hidden />}
          onClick={() => setRejecting(true)}
        >
          Reject
        </Button>
      )}
      {canCorrect && (
        <Button
          variant="default"
          leftSection={<IconPencil size={16} aria-hidden />}
          onClick={() => setCorrecting(true)}
        >
          Correct
        </Button>
      )}
      <SignatureDialog
        opened={signing}
        title="Approve this result"
        what={`You approve ${result.parameter} of ${result.sample_number}. Approved results are locked.`}
        meanings={APPROVED}
        confirmLabel="Sign and approve"
        onSign={(s) => run('approve', undefined, { password: s.password, meaning: 'approved' })}
        onClose={() => setSigning(false)}
      />
      <ReasonDialog
        opened={rejecting}
        title="Reject this result?"
        message="The parameter then takes a new result; this one stays visible as rejected."
        confirmLabel="Reject"
        onConfirm={(reason) => run('reject', reason)}
        onClose={() => setRejecting(false)}
      />
      <CorrectDialog
        result={result}
        opened={correcting}
        onClose={() => setCorrecting(false)}
        onDone={onChanged}
      />
    </>
  );
}

function CorrectDialog({
  result,
  opened,
  onClose,
  onDone,
}: {
  result: TestResult;
  opened: boolean;
  onClose: () => void;
  onDone: (next: TestResult) => void;
}) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { value: result.value, uncertainty: result.uncertainty ?? '', reason: '' },
    validate: { reason: (v) => (v.trim() ? null : 'Say why the value is corrected') },
  });
  const idempotencyKey = useRef(crypto.randomUUID());
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (v) =>
      correctResult(
        result,
        { value: v.value.trim(), uncertainty: v.uncertainty.trim() || null, reason: v.reason.trim() },
        idempotencyKey.current,
      ),
    {
      onSuccess: (next) => {
        notifySuccess('The correction was entered; it goes through review and approval again.', 'Corrected');
        idempotencyKey.current = crypto.randomUUID();
        onClose();
        onDone(next as TestResult);
      },
    },
  );
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`Correct ${result.parameter} of ${result.sample_number}`}
      centered
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <FormError message={formError} />
          <Group grow align="flex-start">
            <TextInput label="Corrected value" required data-autofocus {...form.getInputProps('value')} />
            <TextInput label="Uncertainty (±)" {...form.getInputProps('uncertainty')} />
          </Group>
          <Textarea label="Reason" required autosize minRows={2} {...form.getInputProps('reason')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Back
            </Button>
            <Button type="submit" loading={pending}>
              Enter correction
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
