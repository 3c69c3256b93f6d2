import { Card, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { FormActions } from '../../../components/forms/FormActions';
import { FormError } from '../../../components/forms/FormError';
import { RemoteSelect } from '../../../components/forms/RemoteSelect';
import {
  searchAssignees,
  searchProjects,
  searchSalesOrders,
  WO_PRIORITIES,
  type WorkOrder,
  type WorkOrderInput,
  workOrderKeys,
} from '../api';

export interface WorkOrderFormValues {
  title: string;
  description: string;
  project_id: string | null;
  sales_order_id: string | null;
  priority: string;
  assignee_id: string | null;
  due_date: string | null;
  progress: number | string;
  notes: string;
}

export const WORK_ORDER_FIELDS = [
  { key: 'title', label: 'Title' },
  { key: 'description', label: 'Description' },
  { key: 'project_id', label: 'Project' },
  { key: 'sales_order_id', label: 'Sales order' },
  { key: 'priority', label: 'Priority' },
  { key: 'assignee_id', label: 'Assignee' },
  { key: 'due_date', label: 'Due date' },
  { key: 'notes', label: 'Notes' },
];

export function toFormValues(o?: WorkOrder): WorkOrderFormValues {
  return {
    title: o?.title ?? '',
    description: o?.description ?? '',
    project_id: o?.project_id ?? null,
    sales_order_id: o?.sales_order_id ?? null,
    priority: o?.priority ?? 'normal',
    assignee_id: o?.assignee_id ?? null,
    due_date: o?.due_date ?? null,
    progress: o?.progress ?? 0,
    notes: o?.notes ?? '',
  };
}

/** The body; progress is sent only by the create form (an edit leaves it to set-progress). */
export function toInput(v: WorkOrderFormValues, withProgress = false): WorkOrderInput {
  return {
    title: v.title.trim(),
    description: v.description.trim() || null,
    project_id: v.project_id,
    sales_order_id: v.sales_order_id,
    priority: v.priority as WorkOrderInput['priority'],
    assignee_id: v.assignee_id,
    due_date: v.due_date || null,
    notes: v.notes.trim() || null,
    ...(withProgress && Number(v.progress) > 0 ? { progress: Number(v.progress) } : {}),
  };
}

export function useWorkOrderForm(initial?: WorkOrder) {
  return useForm<WorkOrderFormValues>({
    initialValues: toFormValues(initial),
    validate: {
      title: (v) => (v.trim() ? null : 'Give the job a title'),
      project_id: (v, values) => (v || values.sales_order_id ? null : 'Choose a project or a sales order'),
    },
  });
}

export function WorkOrderForm({
  form,
  onSubmit,
  pending,
  formError,
  submitLabel,
  onCancel,
  showProgress,
  initialLabels = {},
}: {
  form: ReturnType<typeof useWorkOrderForm>;
  onSubmit: (event?: React.FormEvent<HTMLFormElement>) => void;
  pending: boolean;
  formError: string | null;
  submitLabel: string;
  onCancel: () => void;
  showProgress?: boolean;
  initialLabels?: { project?: string | null; sales_order?: string | null; assignee?: string | null };
}) {
  const values = form.getValues();
  const known = (id: string | null, label?: string | null) => (id && label ? [{ value: id, label }] : []);
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={900}>
        <FormError message={formError} />
        <Card withBorder padding="lg">
          <TextInput label="Title" required {...form.getInputProps('title')} key={form.key('title')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="md">
            <RemoteSelect
              label="Project"
              clearable
              description="A project or a sales order is required"
              source={{
                queryKey: workOrderKeys.options('projects'),
                search: searchProjects,
                known: known(values.project_id, initialLabels.project),
              }}
              value={values.project_id}
              onChange={(v) => form.setFieldValue('project_id', v)}
              error={form.errors.project_id}
            />
            <RemoteSelect
              label="Sales order"
              clearable
              source={{
                queryKey: workOrderKeys.options('sales-orders'),
                search: searchSalesOrders,
                known: known(values.sales_order_id, initialLabels.sales_order),
              }}
              value={values.sales_order_id}
              onChange={(v) => form.setFieldValue('sales_order_id', v)}
              error={form.errors.sales_order_id}
            />
            <RemoteSelect
              label="Assignee"
              clearable
              source={{
                queryKey: workOrderKeys.options('assignees'),
                search: searchAssignees,
                known: known(values.assignee_id, initialLabels.assignee),
              }}
              value={values.assignee_id}
              onChange={(v) => form.setFieldValue('assignee_id', v)}
              error={form.errors.assignee_id}
            />
            <Select
              label="Priority"
              data={WO_PRIORITIES}
              allowDeselect={false}
              {...form.getInputProps('priority')}
              key={form.key('priority')}
            />
            <DatePickerInput
              label="Due date"
              clearable
              valueFormat="YYYY-MM-DD"
              {...form.getInputProps('due_date')}
              key={form.key('due_date')}
            />
            {showProgress && (
              <NumberInput
                label="Progress %"
                description="Ignored once the project has test executions: then it is derived"
                min={0}
                max={100}
                {...form.getInputProps('progress')}
                key={form.key('progress')}
              />
            )}
          </SimpleGrid>
          <Textarea
            mt="md"
            label="Description"
            autosize
            minRows={2}
            {...form.getInputProps('description')}
            key={form.key('description')}
          />
          <Textarea
            mt="md"
            label="Notes"
            autosize
            minRows={2}
            {...form.getInputProps('notes')}
            key={form.key('notes')}
          />
        </Card>
        <FormActions submitLabel={submitLabel} pending={pending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
