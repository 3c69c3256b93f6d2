import {
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { SectionCard } from '../../../components/detail/SectionCard';
import { FormActions } from '../../../components/forms/FormActions';
import { FormError } from '../../../components/forms/FormError';
import { useEngineerCandidates } from '../api';
import type { MethodFormApi } from './methodForm';
import { ParametersEditor } from './ParametersEditor';

/** Create and edit form of a catalogue method. */
export function MethodForm({
  form,
  onSubmit,
  pending,
  formError,
  submitLabel,
  onCancel,
}: {
  form: MethodFormApi;
  onSubmit: (event?: React.FormEvent<HTMLFormElement>) => void;
  pending: boolean;
  formError: string | null;
  submitLabel: string;
  onCancel: () => void;
}) {
  const candidates = useEngineerCandidates();
  // An engineer already on the list who is no longer a candidate (deactivated) stays visible.
  const known = new Set((candidates.data ?? []).map((c) => c.value));
  const engineerOptions = [
    ...(candidates.data ?? []),
    ...form
      .getValues()
      .authorised_engineer_ids.filter((id) => !known.has(id))
      .map((id) => ({ value: id, label: `User …${id.slice(-6)} (inactive)` })),
  ];
  // The API names a bad entry as authorised_engineer_ids[i]: show it on the one picker.
  const engineerError =
    form.errors.authorised_engineer_ids ??
    Object.entries(form.errors).find(([path]) => path.startsWith('authorised_engineer_ids.'))?.[1];
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={960}>
        <FormError message={formError} />
        <SectionCard title="Method">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Code"
              description="Unique in the catalogue, e.g. ISO-105-C06"
              required
              {...form.getInputProps('code')}
            />
            <TextInput label="Title" required {...form.getInputProps('title')} />
            <TextInput
              label="Standard reference"
              placeholder="ISO 105-C06:2010"
              {...form.getInputProps('standard_reference')}
            />
            <TextInput
              label="Method version"
              placeholder="e.g. A2S (40 °C)"
              {...form.getInputProps('method_version')}
            />
          </SimpleGrid>
          <Textarea mt="sm" label="Description" autosize minRows={2} {...form.getInputProps('description')} />
        </SectionCard>
        <SectionCard title="Parameters measured">
          <ParametersEditor form={form} />
        </SectionCard>
        <SectionCard title="Price, turnaround and authorisation">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label="Default price"
              placeholder="85.00"
              inputMode="decimal"
              {...form.getInputProps('default_price')}
            />
            <TextInput
              label="Currency"
              placeholder="Lab default"
              maxLength={3}
              {...form.getInputProps('currency')}
            />
            <NumberInput
              label="Standard TAT (working days)"
              min={0}
              max={365}
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps('tat_days')}
            />
          </SimpleGrid>
          <MultiSelect
            mt="sm"
            label="Authorised engineers"
            description="Active engineers, managers or admins who may perform this method"
            placeholder={candidates.isLoading ? 'Loading…' : 'Pick engineers'}
            data={engineerOptions}
            searchable
            clearable
            nothingFoundMessage="No matching engineer"
            {...form.getInputProps('authorised_engineer_ids')}
            error={engineerError}
          />
          <Group mt="md" gap="xl">
            <Checkbox
              label="Accredited (ISO/IEC 17025 scope)"
              {...form.getInputProps('accredited', { type: 'checkbox' })}
            />
            <Checkbox
              label="Active: offered for new work"
              {...form.getInputProps('is_active', { type: 'checkbox' })}
            />
          </Group>
        </SectionCard>
        <FormActions submitLabel={submitLabel} pending={pending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
