import { Button, Group, Modal, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/problem';

/**
 * Asks for the reason an action needs (cancel a plan, abort an execution, reject a result) and
 * runs the action with it; the server's answer to a bad reason is shown in the dialog.
 */
export function ReasonDialog({
  opened,
  title,
  message,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: (reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  useEffect(() => {
    if (opened) {
      setReason('');
      setError(null);
    }
  }, [opened]);
  const submit = async () => {
    if (!reason.trim()) return setError('Say why');
    setPending(true);
    try {
      await onConfirm(reason.trim());
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Text size="sm" mb="sm">
        {message}
      </Text>
      <Textarea
        label="Reason"
        required
        autosize
        minRows={2}
        maxLength={1000}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={error}
        data-autofocus
      />
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onClose} disabled={pending}>
          Back
        </Button>
        <Button color="red" onClick={submit} loading={pending}>
          {confirmLabel}
        </Button>
      </Group>
    </Modal>
  );
}
