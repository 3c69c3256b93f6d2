import { Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import { SectionCard } from '../../../components/detail/SectionCard';
import { FormActions } from '../../../components/forms/FormActions';
import { FormError } from '../../../components/forms/FormError';
import { type RemoteOption, RemoteSelect } from '../../../components/forms/RemoteSelect';
import { CONDITION_LABELS, projectOptions, projectTrfs } from '../api';
import type { SampleFormApi } from './sampleForm';

export const CONDITION_OPTIONS = Object.entries(CONDITION_LABELS).map(([value, label]) => ({ value, label }));

/** The TRFs of the chosen project and the items of the chosen TRF, as select options. */
export function useTrfChoices(projectId: string | null, trfId: string | null) {
  const trfs = useQuery({
    queryKey: ['samples', 'project-trfs', projectId],
    queryFn: () => projectTrfs(projectId!),
    enabled: Boolean(projectId),
  });
  const list = trfs.data?.items ?? [];
  const trf = list.find((t) => t.id === trfId);
  return {
    trfOptions: list.map((t) => ({
      value: t.id,
      label: `${t.number} · ${t.status} · ${t.items.length} items`,
    })),
    itemOptions: (trf?.items ?? []).map((i) => ({
      value: String(i.item_no),
      label: `${i.item_no}. ${i.description}`,
    })),
    loading: trfs.isLoading,
  };
}

/** Registers or edits one sample: where it belongs, what it is, how it arrived and where it is kept. */
export function SampleForm({
  form,
  onSubmit,
  pending,
  formError,
  submitLabel,
  onCancel,
  editing = false,
  knownProject,
}: {
  form: SampleFormApi;
  onSubmit: (event?: React.FormEvent<HTMLFormElement>) => void;
  pending: boolean;
  formError: string | null;
  submitLabel: string;
  onCancel: () => void;
  editing?: boolean;
  knownProject?: RemoteOption;
}) {
  const values = form.getValues();
  const { trfOptions, itemOptions } = useTrfChoices(values.project_id, values.trf_id);
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={900}>
        <FormError message={formError} />
        <SectionCard title="Belongs to">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <RemoteSelect
              label="Project"
              required
              placeholder="Search by number or name"
              source={{ ...projectOptions, known: knownProject ? [knownProject] : [] }}
              disabled={editing}
              {...form.getInputProps('project_id')}
              onChange={(v) => {
                form.setFieldValue('project_id', v);
                form.setFieldValue('trf_id', null);
                form.setFieldValue('trf_item_no', null);
              }}
              key={form.key('project_id')}
            />
            <Select
              label="TRF"
              placeholder={
                values.project_id
                  ? trfOptions.length
                    ? 'None'
                    : 'No TRFs for this project'
                  : 'Choose the project first'
              }
              data={trfOptions}
              clearable
              disabled={!values.project_id || trfOptions.length === 0}
              {...form.getInputProps('trf_id')}
              onChange={(v) => {
                form.setFieldValue('trf_id', v);
                form.setFieldValue('trf_item_no', null);
              }}
              key={form.key('trf_id')}
            />
            <Select
              label="TRF item"
              data={itemOptions}
              disabled={!values.trf_id}
              required={Boolean(values.trf_id)}
              {...form.getInputProps('trf_item_no')}
              key={form.key('trf_item_no')}
            />
          </SimpleGrid>
        </SectionCard>
        <SectionCard title="Receipt">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Description"
              required
              placeholder="e.g. Knitted jersey, navy, 3 garments"
              {...form.getInputProps('description')}
              key={form.key('description')}
            />
            <DatePickerInput
              label="Received"
              description={editing ? undefined : 'Today when left empty'}
              valueFormat="YYYY-MM-DD"
              maxDate={new Date()}
              clearable={!editing}
              {...form.getInputProps('received_date')}
              key={form.key('received_date')}
            />
            <Select
              label="Condition on receipt"
              data={CONDITION_OPTIONS}
              allowDeselect={false}
              {...form.getInputProps('condition')}
              key={form.key('condition')}
            />
            <Textarea
              label="Condition notes"
              required={values.condition !== 'ok'}
              autosize
              minRows={1}
              {...form.getInputProps('condition_notes')}
              key={form.key('condition_notes')}
            />
            <TextInput
              label="Storage location"
              placeholder="e.g. Shelf A1"
              {...form.getInputProps('storage_location')}
              key={form.key('storage_location')}
            />
            <DatePickerInput
              label="Retain until"
              valueFormat="YYYY-MM-DD"
              clearable
              {...form.getInputProps('retention_until')}
              key={form.key('retention_until')}
            />
          </SimpleGrid>
        </SectionCard>
        <FormActions submitLabel={submitLabel} pending={pending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
