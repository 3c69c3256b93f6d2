import { Card, NumberInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { FormActions } from '../../../components/forms/FormActions';
import { FormError } from '../../../components/forms/FormError';
import type { Equipment, EquipmentInput } from '../api';

export interface EquipmentFormValues {
  asset_number: string;
  name: string;
  model: string;
  manufacturer: string;
  serial_number: string;
  location: string;
  calibration_interval_days: number | string;
  calibration_due_date: string;
  notes: string;
}

export const EQUIPMENT_FIELDS = [
  { key: 'asset_number', label: 'Asset number' },
  { key: 'name', label: 'Name' },
  { key: 'model', label: 'Model' },
  { key: 'manufacturer', label: 'Manufacturer' },
  { key: 'serial_number', label: 'Serial number' },
  { key: 'location', label: 'Location' },
  { key: 'calibration_interval_days', label: 'Calibration interval (days)' },
  { key: 'calibration_due_date', label: 'Calibration due' },
  { key: 'notes', label: 'Notes' },
];

export function toFormValues(item?: Equipment): EquipmentFormValues {
  return {
    asset_number: item?.asset_number ?? '',
    name: item?.name ?? '',
    model: item?.model ?? '',
    manufacturer: item?.manufacturer ?? '',
    serial_number: item?.serial_number ?? '',
    location: item?.location ?? '',
    calibration_interval_days: item?.calibration_interval_days ?? (item ? '' : 365),
    calibration_due_date: item?.calibration_due_date ?? '',
    notes: item?.notes ?? '',
  };
}

const orNull = (v: string) => (v.trim() ? v.trim() : null);

export function toInput(values: EquipmentFormValues): EquipmentInput {
  return {
    asset_number: values.asset_number.trim(),
    name: values.name.trim(),
    model: orNull(values.model),
    manufacturer: orNull(values.manufacturer),
    serial_number: orNull(values.serial_number),
    location: orNull(values.location),
    calibration_interval_days:
      values.calibration_interval_days === '' ? null : Number(values.calibration_interval_days),
    calibration_due_date: orNull(values.calibration_due_date),
    notes: orNull(values.notes),
  };
}

export function useEquipmentForm(initial?: Equipment) {
  return useForm<EquipmentFormValues>({
    initialValues: toFormValues(initial),
    validate: {
      asset_number: (v) => (v.trim() ? null : 'Enter the lab’s asset number'),
      name: (v) => (v.trim() ? null : 'Name the instrument'),
    },
  });
}

export type EquipmentFormApi = ReturnType<typeof useEquipmentForm>;

export function EquipmentForm({
  form,
  onSubmit,
  pending,
  formError,
  submitLabel,
  onCancel,
}: {
  form: EquipmentFormApi;
  onSubmit: (event?: React.FormEvent<HTMLFormElement>) => void;
  pending: boolean;
  formError: string | null;
  submitLabel: string;
  onCancel: () => void;
}) {
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={900}>
        <FormError message={formError} />
        <Card withBorder padding="lg">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Asset number"
              description="The lab’s own number, unique"
              required
              data-autofocus
              {...form.getInputProps('asset_number')}
              key={form.key('asset_number')}
            />
            <TextInput label="Name" required {...form.getInputProps('name')} key={form.key('name')} />
            <TextInput
              label="Manufacturer"
              {...form.getInputProps('manufacturer')}
              key={form.key('manufacturer')}
            />
            <TextInput label="Model" {...form.getInputProps('model')} key={form.key('model')} />
            <TextInput
              label="Serial number"
              {...form.getInputProps('serial_number')}
              key={form.key('serial_number')}
            />
            <TextInput label="Location" {...form.getInputProps('location')} key={form.key('location')} />
            <NumberInput
              label="Calibration interval (days)"
              description="Leave empty when the instrument needs no calibration"
              min={1}
              max={3650}
              allowDecimal={false}
              {...form.getInputProps('calibration_interval_days')}
              key={form.key('calibration_interval_days')}
            />
            <TextInput
              type="date"
              label="Calibration due"
              description="Recording a calibration sets it; give it here for an instrument already calibrated"
              {...form.getInputProps('calibration_due_date')}
              key={form.key('calibration_due_date')}
            />
          </SimpleGrid>
          <Textarea
            mt="md"
            label="Notes"
            autosize
            minRows={2}
            {...form.getInputProps('notes')}
            key={form.key('notes')}
          />
        </Card>
        <FormActions
          align="end"
          cancelWhilePending
          submitLabel={submitLabel}
          pending={pending}
          onCancel={onCancel}
        />
      </Stack>
    </form>
  );
}
