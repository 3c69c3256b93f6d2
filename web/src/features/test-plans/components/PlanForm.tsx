import {
  Anchor,
  MultiSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { type UseFormReturnType, useForm } from '@mantine/form';
import { SectionCard } from '../../../components/detail/SectionCard';
import { FormActions } from '../../../components/forms/FormActions';
import { FormError } from '../../../components/forms/FormError';
import { RemoteMultiSelect, RemoteSelect } from '../../../components/forms/RemoteSelect';
import {
  PRIORITY_LABELS,
  planKeys,
  resolveProjects,
  searchMethods,
  searchProjects,
  searchSpecifications,
  type TestPlan,
  type TestPlanInput,
  useAuthorisedEngineers,
  useProjectSamples,
} from '../api';

export interface PlanFormValues {
  project_id: string | null;
  sample_ids: string[];
  method_id: string | null;
  specification_ids: string[];
  engineer_id: string | null;
  decision_rule: 'simple' | 'guarded';
  due_date: string | null;
  priority: TestPlan['priority'];
  name: string;
  notes: string;
}

export type PlanFormApi = UseFormReturnType<PlanFormValues>;

export const usePlanForm = (projectId: string | null) =>
  useForm<PlanFormValues>({
    mode: 'controlled',
    initialValues: {
      project_id: projectId,
      sample_ids: [],
      method_id: null,
      specification_ids: [],
      engineer_id: null,
      decision_rule: 'simple',
      due_date: null,
      priority: 'normal',
      name: '',
      notes: '',
    },
    validate: {
      project_id: (v) => (v ? null : 'Choose the project'),
      method_id: (v) => (v ? null : 'Choose the method'),
      sample_ids: (v) => (v.length ? null : 'Choose at least one sample'),
    },
  });

export const toPlanInput = (v: PlanFormValues): TestPlanInput => ({
  project_id: v.project_id!,
  method_id: v.method_id!,
  sample_ids: v.sample_ids,
  specification_ids: v.specification_ids,
  engineer_id: v.engineer_id,
  decision_rule: v.decision_rule,
  due_date: v.due_date || null,
  priority: v.priority,
  name: v.name.trim() || null,
  notes: v.notes.trim() || null,
});

const RULE_HELP = {
  simple: 'Pass when min ≤ value ≤ max.',
  guarded:
    'ISO/IEC 17025 §7.8.6: pass only when value ± uncertainty lies inside the limits; a band across a limit is inconclusive. Enter values as "12.4 ± 0.3".',
};

/** The plan create form: a project's samples, a method, specifications, an authorised engineer. */
export function PlanForm({
  form,
  onSubmit,
  pending,
  formError,
  onCancel,
}: {
  form: PlanFormApi;
  onSubmit: (event?: React.FormEvent<HTMLFormElement>) => void;
  pending: boolean;
  formError: string | null;
  onCancel: () => void;
}) {
  const values = form.getValues();
  const samples = useProjectSamples(values.project_id);
  const engineers = useAuthorisedEngineers(values.method_id);
  // The API names a bad sample as sample_ids[i]: show it on the one picker.
  const listError = (name: string) =>
    form.errors[name] ?? Object.entries(form.errors).find(([path]) => path.startsWith(`${name}.`))?.[1];
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={960}>
        <FormError message={formError} />
        <SectionCard title="What to test">
          <Stack>
            <RemoteSelect
              label="Project"
              required
              source={{
                queryKey: planKeys.options('projects'),
                search: searchProjects,
                resolve: resolveProjects,
              }}
              value={values.project_id}
              onChange={(v) => {
                form.setFieldValue('project_id', v);
                form.setFieldValue('sample_ids', []);
              }}
              error={form.errors.project_id}
            />
            <MultiSelect
              label="Samples"
              required
              searchable
              data={samples.data ?? []}
              disabled={!values.project_id}
              placeholder={values.project_id ? 'Choose samples' : 'Choose the project first'}
              description={
                values.project_id && samples.data && samples.data.length > 0 ? (
                  <Text span size="xs">
                    {samples.data.length} sample(s) in the project ·{' '}
                    <Anchor
                      component="button"
                      type="button"
                      size="xs"
                      onClick={() =>
                        form.setFieldValue(
                          'sample_ids',
                          (samples.data ?? []).map((s) => s.value),
                        )
                      }
                    >
                      choose all
                    </Anchor>
                  </Text>
                ) : undefined
              }
              value={values.sample_ids}
              onChange={(v) => form.setFieldValue('sample_ids', v)}
              error={listError('sample_ids')}
            />
            <RemoteSelect
              label="Method"
              required
              source={{ queryKey: planKeys.options('methods'), search: searchMethods }}
              value={values.method_id}
              onChange={(v) => {
                form.setFieldValue('method_id', v);
                form.setFieldValue('engineer_id', null);
              }}
              error={form.errors.method_id}
            />
            <RemoteMultiSelect
              label="Specifications to judge against"
              description="Each result gets a verdict per specification that has a limit for its parameter"
              source={{ queryKey: planKeys.options('specifications'), search: searchSpecifications }}
              value={values.specification_ids}
              onChange={(v) => form.setFieldValue('specification_ids', v)}
              error={listError('specification_ids')}
            />
            <div>
              <Text size="sm" fw={500} mb={4}>
                Decision rule
              </Text>
              <SegmentedControl
                data={[
                  { value: 'simple', label: 'Simple acceptance' },
                  { value: 'guarded', label: 'Guarded acceptance' },
                ]}
                {...form.getInputProps('decision_rule')}
              />
              <Text size="xs" c="dimmed" mt={4}>
                {RULE_HELP[values.decision_rule]}
              </Text>
            </div>
          </Stack>
        </SectionCard>
        <SectionCard title="Who and when">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Engineer"
              description="Only engineers authorised for the method"
              data={engineers.data ?? []}
              disabled={!values.method_id}
              placeholder={values.method_id ? 'Unassigned' : 'Choose the method first'}
              clearable
              {...form.getInputProps('engineer_id')}
            />
            <DatePickerInput label="Due date" clearable {...form.getInputProps('due_date')} />
            <Select
              label="Priority"
              data={Object.entries(PRIORITY_LABELS).map(([value, label]) => ({ value, label }))}
              allowDeselect={false}
              {...form.getInputProps('priority')}
            />
            <TextInput
              label="Name"
              placeholder="e.g. Colour fastness, lot 12"
              {...form.getInputProps('name')}
            />
          </SimpleGrid>
          <Textarea mt="sm" label="Notes" autosize minRows={2} {...form.getInputProps('notes')} />
        </SectionCard>
        <FormActions
          align="end"
          cancelWhilePending
          submitLabel="Create plan"
          pending={pending}
          onCancel={onCancel}
        />
      </Stack>
    </form>
  );
}
