import { Button, Group, NumberInput, SimpleGrid, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { FormError } from '../../../components/forms/FormError';
import { useFormSubmit } from '../../../components/forms/useFormSubmit';
import { notifySuccess } from '../../../lib/notify';
import { type TestExecution, updateExecution } from '../api';

interface Values {
  temperature_c: number | string;
  humidity_pct: number | string;
  notes: string;
}

const toValues = (e: TestExecution): Values => ({
  temperature_c: e.temperature_c ?? '',
  humidity_pct: e.humidity_pct ?? '',
  notes: e.notes ?? '',
});
const num = (v: number | string) => (v === '' || v === null ? null : Number(v));

/** The environmental conditions of one execution (PATCH with If-Match; out-of-range is the server's 422). */
export function ConditionsForm({
  execution,
  onSaved,
}: {
  execution: TestExecution;
  onSaved: (updated: TestExecution) => void;
}) {
  const form = useForm<Values>({ mode: 'controlled', initialValues: toValues(execution) });
  const locked = execution.status === 'completed' || execution.status === 'aborted';
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when another execution (or version) is shown
  useEffect(() => {
    form.setValues(toValues(execution));
    form.resetDirty();
  }, [execution.id, execution.version]);
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (v) =>
      updateExecution(
        execution.id,
        {
          temperature_c: num(v.temperature_c),
          humidity_pct: num(v.humidity_pct),
          notes: v.notes.trim() || null,
        },
        execution.version,
      ),
    {
      onSuccess: (updated) => {
        notifySuccess(`Conditions of ${execution.sample_number} saved.`);
        onSaved(updated);
      },
    },
  );
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Conditions of ${execution.sample_number}`}>
      <Stack gap="xs">
        <FormError message={formError} />
        <SimpleGrid cols={2} spacing="xs">
          <NumberInput
            label="Temperature"
            suffix=" °C"
            min={-50}
            max={150}
            decimalScale={2}
            disabled={locked}
            {...form.getInputProps('temperature_c')}
          />
          <NumberInput
            label="Humidity"
            suffix=" %"
            min={0}
            max={100}
            decimalScale={2}
            disabled={locked}
            {...form.getInputProps('humidity_pct')}
          />
        </SimpleGrid>
        <Textarea label="Notes" autosize minRows={1} disabled={locked} {...form.getInputProps('notes')} />
        {!locked && (
          <Group justify="flex-end">
            <Button type="submit" size="xs" loading={pending} disabled={!form.isDirty()}>
              Save conditions
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
