import { Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../api/problem';
import { FormActions } from '../../../components/forms/FormActions';
import type { Evaluation, SupplierDecision } from '../api';

const COPY: Record<SupplierDecision, { title: string; label: string; notesRequired: boolean; hint: string }> =
  {
    approve: {
      title: 'Approve supplier',
      label: 'Approve',
      notesRequired: false,
      hint: 'Record what the evaluation covered (certificates, trial order, references).',
    },
    'approve-conditionally': {
      title: 'Approve with conditions',
      label: 'Approve conditionally',
      notesRequired: true,
      hint: 'Say which restriction applies (e.g. only for non-accredited work).',
    },
    reject: {
      title: 'Reject supplier',
      label: 'Reject',
      notesRequired: true,
      hint: 'Say why: purchase orders to this supplier will be refused.',
    },
    're-evaluate': {
      title: 'Start a re-evaluation',
      label: 'Re-evaluate',
      notesRequired: false,
      hint: 'The supplier goes back to pending until a new decision.',
    },
  };

/** Asks for the evaluation behind an approval decision and runs it; the server's refusal shows here. */
export function EvaluationDialog({
  action,
  onClose,
  onConfirm,
}: {
  action: SupplierDecision | null;
  onClose: () => void;
  onConfirm: (action: SupplierDecision, body: Evaluation) => Promise<unknown>;
}) {
  const [notes, setNotes] = useState('');
  const [date, setDate] = useState<string | null>(null);
  const [nextDue, setNextDue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new decision starts from an empty form
  useEffect(() => {
    setNotes('');
    setDate(null);
    setNextDue(null);
    setError(null);
  }, [action]);
  if (!action) return null;
  const copy = COPY[action];
  const decision = action !== 're-evaluate';
  const submit = async () => {
    if (copy.notesRequired && !notes.trim()) return setError('Write the evaluation notes');
    setPending(true);
    try {
      await onConfirm(action, {
        evaluation_notes: notes.trim() || null,
        ...(decision ? { evaluation_date: date, ...(nextDue ? { next_evaluation_due: nextDue } : {}) } : {}),
      });
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={copy.title}>
      <Stack>
        <Text size="sm">{copy.hint}</Text>
        <Textarea
          label="Evaluation notes"
          required={copy.notesRequired}
          autosize
          minRows={3}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={error}
          data-autofocus
        />
        {decision && (
          <Group grow>
            <DatePickerInput
              label="Evaluated on"
              description="Today when empty"
              clearable
              valueFormat="YYYY-MM-DD"
              value={date}
              onChange={(v) => setDate(v as string | null)}
            />
            <DatePickerInput
              label="Next evaluation due"
              clearable
              valueFormat="YYYY-MM-DD"
              value={nextDue}
              onChange={(v) => setNextDue(v as string | null)}
            />
          </Group>
        )}
        <FormActions
          align="end"
          submitLabel={copy.label}
          pending={pending}
          onSubmit={submit}
          onCancel={onClose}
          submitProps={{ color: action === 'reject' ? 'red' : undefined }}
        />
      </Stack>
    </Modal>
  );
}
