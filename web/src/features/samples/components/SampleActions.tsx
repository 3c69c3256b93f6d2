import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconArrowBackUp, IconBox, IconCircleCheck, IconFlask, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../../api/problem';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { runSampleAction, type Sample, type SampleAction, sampleKeys } from '../api';

/** What each action asks for (all optional but the retention date, which a retained sample needs). */
const ACTIONS: Record<
  SampleAction,
  {
    label: string;
    icon: typeof IconFlask;
    color?: string;
    explain: string;
    fields: { name: string; label: string; kind?: 'date' | 'notes'; placeholder?: string }[];
  }
> = {
  start_testing: {
    label: 'Start testing',
    icon: IconFlask,
    explain: 'The sample leaves storage for the bench.',
    fields: [
      { name: 'to_party', label: 'Taken by', placeholder: 'You, when left empty' },
      { name: 'location', label: 'Bench / lab', placeholder: 'e.g. Colour fastness lab' },
      { name: 'notes', label: 'Notes', kind: 'notes' },
    ],
  },
  finish_testing: {
    label: 'Finish testing',
    icon: IconCircleCheck,
    explain: 'Testing is done; the sample goes back to storage.',
    fields: [
      { name: 'storage_location', label: 'Back to', placeholder: 'Its storage location, when left empty' },
      { name: 'notes', label: 'Notes', kind: 'notes' },
    ],
  },
  retain: {
    label: 'Retain',
    icon: IconBox,
    explain: 'Keep the tested sample until its retention date.',
    fields: [
      { name: 'retention_until', label: 'Retain until', kind: 'date' },
      {
        name: 'storage_location',
        label: 'Retention store',
        placeholder: 'Its storage location, when left empty',
      },
      { name: 'notes', label: 'Notes', kind: 'notes' },
    ],
  },
  dispose: {
    label: 'Dispose',
    icon: IconTrash,
    color: 'red',
    explain: 'The sample is destroyed; this cannot be undone. Allowed once its retention date has passed.',
    fields: [{ name: 'notes', label: 'How it was disposed of', kind: 'notes' }],
  },
  return_to_customer: {
    label: 'Return to customer',
    icon: IconArrowBackUp,
    explain: 'The sample is sent back to the customer.',
    fields: [
      { name: 'to_party', label: 'Sent to', placeholder: 'The customer, when left empty' },
      { name: 'notes', label: 'Courier, tracking number…', kind: 'notes' },
    ],
  },
};

/** The state actions the server allows now (`allowed_actions`), each asking for its details first. */
export function SampleActions({ sample }: { sample: Sample }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<SampleAction | null>(null);
  const [values, setValues] = useState<Record<string, string | null>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const allowed = sample.allowed_actions.filter((a): a is SampleAction => a in ACTIONS);
  const current = open ? ACTIONS[open] : null;
  // the value is read from the event now: React clears currentTarget before a state updater runs
  const set = (name: string, value: string | null) => setValues((prev) => ({ ...prev, [name]: value }));

  const show = (action: SampleAction) => {
    setValues(action === 'retain' ? { retention_until: sample.retention_until } : {});
    setError(null);
    setOpen(action);
  };
  const run = async () => {
    if (!open) return;
    setBusy(true);
    setError(null);
    try {
      const body = Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, v?.trim() ? v.trim() : null]),
      );
      const updated = await runSampleAction(sample, open, body);
      queryClient.setQueryData(sampleKeys.detail(sample.id), updated);
      notifySuccess(`${sample.number}: ${ACTIONS[open].label.toLowerCase()} — done.`);
      setOpen(null);
      await queryClient.invalidateQueries({ queryKey: sampleKeys.all });
    } catch (err) {
      if (isApiError(err, 422) || isApiError(err, 409)) setError(err.message);
      else {
        notifyError(err);
        setOpen(null);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {allowed.map((action) => {
        const { label, icon: Icon, color } = ACTIONS[action];
        return (
          <Button
            key={action}
            variant={color ? 'default' : 'filled'}
            color={color}
            leftSection={<Icon size={16} aria-hidden />}
            onClick={() => show(action)}
          >
            {label}
          </Button>
        );
      })}
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={current && `${current.label}: ${sample.number}`}
        centered
      >
        {current && (
          <Stack>
            <Text size="sm">{current.explain}</Text>
            {current.fields.map((f) =>
              f.kind === 'date' ? (
                <DatePickerInput
                  key={f.name}
                  label={f.label}
                  valueFormat="YYYY-MM-DD"
                  value={values[f.name] ?? null}
                  onChange={(v) => set(f.name, v)}
                  clearable
                />
              ) : f.kind === 'notes' ? (
                <Textarea
                  key={f.name}
                  label={f.label}
                  autosize
                  minRows={2}
                  value={values[f.name] ?? ''}
                  onChange={(e) => set(f.name, e.currentTarget.value)}
                />
              ) : (
                <TextInput
                  key={f.name}
                  label={f.label}
                  placeholder={f.placeholder}
                  value={values[f.name] ?? ''}
                  onChange={(e) => set(f.name, e.currentTarget.value)}
                />
              ),
            )}
            {error && (
              <Text c="red" size="sm" role="alert">
                {error}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(null)} disabled={busy}>
                Cancel
              </Button>
              <Button color={current.color} loading={busy} onClick={run} data-autofocus>
                {current.label}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
