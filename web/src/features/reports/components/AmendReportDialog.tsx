import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../../api/problem';
import { FormError } from '../../../components/forms/FormError';
import { amendReport, type Report } from '../api';

/** Amend an issued report: a new version that names what changed and why, generated like any report. */
export function AmendReportDialog({
  report,
  opened,
  onClose,
  onDone,
}: {
  report: Report;
  opened: boolean;
  onClose: () => void;
  onDone: (next: Report) => void;
}) {
  const [reason, setReason] = useState('');
  const [whatChanged, setWhatChanged] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3 || whatChanged.trim().length < 3)
      return setError('Say why the report is amended and what the new version changes.');
    setPending(true);
    setError(null);
    try {
      const next = await amendReport(report, { reason: reason.trim(), what_changed: whatChanged.trim() });
      onClose();
      onDone(next as Report);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={`Amend ${report.identification}`} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            An issued report is never changed. The amendment is a new version (revision {report.revision + 1})
            that replaces this one once it is issued; this one then stays available, marked superseded.
          </Text>
          <FormError message={error} />
          <Textarea
            label="Why"
            required
            autosize
            minRows={2}
            maxLength={2000}
            data-autofocus
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Textarea
            label="What changes"
            required
            autosize
            minRows={2}
            maxLength={2000}
            value={whatChanged}
            onChange={(e) => setWhatChanged(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={pending}>
              Back
            </Button>
            <Button type="submit" loading={pending}>
              Create amendment
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
