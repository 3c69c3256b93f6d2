import { Card, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { FormActions } from '../../../components/forms/FormActions';
import { FormError } from '../../../components/forms/FormError';
import { RemoteSelect } from '../../../components/forms/RemoteSelect';
import { type Project, type ProjectInput, projectKeys, searchCustomers, searchManagers } from '../api';

export interface ProjectFormValues {
  name: string;
  customer_id: string | null;
  description: string;
  start_date: string | null;
  due_date: string | null;
  manager_id: string | null;
}

export const PROJECT_FIELDS = [
  { key: 'name', label: 'Name' },
  { key: 'description', label: 'Description' },
  { key: 'start_date', label: 'Start' },
  { key: 'due_date', label: 'Due' },
  { key: 'manager_id', label: 'Manager' },
];

export function toFormValues(project?: Project): ProjectFormValues {
  return {
    name: project?.name ?? '',
    customer_id: project?.customer_id ?? null,
    description: project?.description ?? '',
    start_date: project?.start_date ?? null,
    due_date: project?.due_date ?? null,
    manager_id: project?.manager_id ?? null,
  };
}

export function toInput(values: ProjectFormValues): ProjectInput {
  return {
    name: values.name.trim(),
    customer_id: values.customer_id ?? '',
    description: values.description.trim() || null,
    start_date: values.start_date,
    due_date: values.due_date,
    manager_id: values.manager_id,
  };
}

export function useProjectForm(initial?: Project) {
  return useForm<ProjectFormValues>({
    initialValues: toFormValues(initial),
    validate: {
      name: (v) => (v.trim() ? null : 'Name the project'),
      customer_id: (v) => (v ? null : 'Choose the customer'),
      due_date: (v, values) =>
        v && values.start_date && v < values.start_date ? 'Due date is before the start' : null,
    },
  });
}

export type ProjectFormApi = ReturnType<typeof useProjectForm>;

export function ProjectForm({
  form,
  project,
  onSubmit,
  pending,
  formError,
  submitLabel,
  onCancel,
}: {
  form: ProjectFormApi;
  /** Editing: its customer is fixed, its manager's name known. */
  project?: Project;
  onSubmit: (event?: React.FormEvent<HTMLFormElement>) => void;
  pending: boolean;
  formError: string | null;
  submitLabel: string;
  onCancel: () => void;
}) {
  const values = form.getValues();
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={900}>
        <FormError message={formError} />
        <Card withBorder padding="lg">
          <Stack>
            <TextInput label="Name" required {...form.getInputProps('name')} key={form.key('name')} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {project ? (
                <TextInput label="Customer" value={project.customer_name} readOnly variant="filled" />
              ) : (
                <RemoteSelect
                  label="Customer"
                  required
                  source={{ queryKey: projectKeys.options('customers'), search: searchCustomers }}
                  value={values.customer_id}
                  onChange={(v) => form.setFieldValue('customer_id', v)}
                  error={form.errors.customer_id}
                />
              )}
              <RemoteSelect
                label="Manager"
                clearable
                source={{
                  queryKey: projectKeys.options('managers'),
                  search: searchManagers,
                  known: project?.manager_id
                    ? [{ value: project.manager_id, label: project.manager_name ?? 'Manager' }]
                    : [],
                }}
                value={values.manager_id}
                onChange={(v) => form.setFieldValue('manager_id', v)}
                error={form.errors.manager_id}
              />
              <DatePickerInput
                label="Start"
                clearable
                valueFormat="YYYY-MM-DD"
                {...form.getInputProps('start_date')}
                key={form.key('start_date')}
              />
              <DatePickerInput
                label="Due"
                clearable
                valueFormat="YYYY-MM-DD"
                {...form.getInputProps('due_date')}
                key={form.key('due_date')}
              />
            </SimpleGrid>
            <Textarea
              label="Description"
              autosize
              minRows={3}
              {...form.getInputProps('description')}
              key={form.key('description')}
            />
          </Stack>
        </Card>
        <FormActions submitLabel={submitLabel} pending={pending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
