import { Card, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { FormActions } from '../../../components/forms/FormActions';
import { FormError } from '../../../components/forms/FormError';
import { RemoteSelect } from '../../../components/forms/RemoteSelect';
import { NCR_SEVERITY_LABELS, NCR_SOURCE_LABELS, type NcrInput, ncrKeys, searchPeople } from '../api';

export interface NcrFormValues {
  source: NcrInput['source'];
  title: string;
  description: string;
  severity: NcrInput['severity'];
  owner_id: string | null;
  containment: string;
}

const orNull = (v: string) => (v.trim() ? v.trim() : null);

export const toInput = (v: NcrFormValues): NcrInput => ({
  source: v.source,
  title: v.title.trim(),
  description: v.description.trim(),
  severity: v.severity,
  owner_id: v.owner_id,
  containment: orNull(v.containment),
});

/** Raising an NCR by hand: complaints and "other" stand alone; the rest are raised from their record. */
const HAND_SOURCES = ['customer_complaint', 'other'] as const;

export function useNcrForm() {
  return useForm<NcrFormValues>({
    initialValues: {
      source: 'other',
      title: '',
      description: '',
      severity: 'minor',
      owner_id: null,
      containment: '',
    },
    validate: {
      title: (v) => (v.trim() ? null : 'Give the NCR a short title'),
      description: (v) => (v.trim() ? null : 'Describe what does not conform'),
    },
  });
}

export function NcrForm({
  form,
  onSubmit,
  pending,
  formError,
  onCancel,
}: {
  form: ReturnType<typeof useNcrForm>;
  onSubmit: (event?: React.FormEvent<HTMLFormElement>) => void;
  pending: boolean;
  formError: string | null;
  onCancel: () => void;
}) {
  const values = form.getValues();
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={900}>
        <FormError message={formError} />
        <Card withBorder padding="lg">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="Source"
              description="Audit findings and failed calibrations raise their own NCRs"
              data={HAND_SOURCES.map((s) => ({ value: s, label: NCR_SOURCE_LABELS[s] }))}
              allowDeselect={false}
              {...form.getInputProps('source')}
              key={form.key('source')}
            />
            <Select
              label="Severity"
              data={Object.entries(NCR_SEVERITY_LABELS).map(([value, label]) => ({ value, label }))}
              allowDeselect={false}
              {...form.getInputProps('severity')}
              key={form.key('severity')}
            />
            <RemoteSelect
              label="Owner"
              clearable
              placeholder="Who drives it"
              source={{ queryKey: ncrKeys.people(), search: searchPeople }}
              value={values.owner_id}
              onChange={(v) => form.setFieldValue('owner_id', v)}
              error={form.errors.owner_id}
            />
          </SimpleGrid>
          <TextInput
            mt="md"
            label="Title"
            required
            data-autofocus
            {...form.getInputProps('title')}
            key={form.key('title')}
          />
          <Textarea
            mt="md"
            label="Description"
            required
            autosize
            minRows={3}
            {...form.getInputProps('description')}
            key={form.key('description')}
          />
          <Textarea
            mt="md"
            label="Containment"
            description="What was done at once to limit the damage"
            autosize
            minRows={2}
            {...form.getInputProps('containment')}
            key={form.key('containment')}
          />
        </Card>
        <FormActions
          align="end"
          cancelWhilePending
          submitLabel="Raise NCR"
          pending={pending}
          onCancel={onCancel}
        />
      </Stack>
    </form>
  );
}
