import { Card, Select, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { FormActions } from '../../../components/forms/FormActions';
import { FormError } from '../../../components/forms/FormError';
import { RemoteSelect } from '../../../components/forms/RemoteSelect';
import { hasRole, MANAGERS } from '../../../lib/auth/roles';
import { useMe } from '../../../lib/auth/useAuth';
import { searchAssignees, searchTasks, type Task, type TaskInput, taskKeys } from '../api';
import { PRIORITY_LABELS } from '../labels';

export interface TaskFormValues {
  title: string;
  description: string;
  priority: string;
  assignee_id: string | null;
  due_date: string | null;
  parent_id: string | null;
  tags: string[];
  links: Task['links'];
}

export const toTaskInput = (v: TaskFormValues): TaskInput => ({
  title: v.title.trim(),
  description: v.description.trim() || null,
  priority: v.priority as TaskInput['priority'],
  assignee_id: v.assignee_id,
  due_date: v.due_date || null,
  parent_id: v.parent_id,
  tags: v.tags,
  links: v.links,
});

export const toTaskFormValues = (t: Task): TaskFormValues => ({
  title: t.title,
  description: t.description ?? '',
  priority: t.priority,
  assignee_id: t.assignee_id,
  due_date: t.due_date,
  parent_id: t.parent_id,
  tags: t.tags,
  links: t.links,
});

export function useTaskForm(initial: Partial<TaskFormValues> = {}) {
  return useForm<TaskFormValues>({
    initialValues: {
      title: '',
      description: '',
      priority: 'medium',
      assignee_id: null,
      due_date: null,
      parent_id: null,
      tags: [],
      links: [],
      ...initial,
    },
    validate: { title: (v) => (v.trim() ? null : 'Say what needs doing') },
  });
}

export function TaskForm({
  form,
  onSubmit,
  pending,
  formError,
  onCancel,
  known,
  submitLabel = 'Save',
}: {
  form: ReturnType<typeof useTaskForm>;
  onSubmit: (event?: React.FormEvent<HTMLFormElement>) => void;
  pending: boolean;
  formError: string | null;
  onCancel: () => void;
  known?: { assignee?: { value: string; label: string }; parent?: { value: string; label: string } };
  submitLabel?: string;
}) {
  const me = useMe();
  const manager = hasRole(me.role, MANAGERS);
  const values = form.getValues();
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={900}>
        <FormError message={formError} />
        <Card withBorder padding="lg">
          <Stack>
            <TextInput
              label="Title"
              required
              data-autofocus
              {...form.getInputProps('title')}
              key={form.key('title')}
            />
            <Textarea
              label="Description"
              autosize
              minRows={3}
              {...form.getInputProps('description')}
              key={form.key('description')}
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select
                label="Priority"
                description="Critical tasks may be changed outside working hours"
                data={Object.entries(PRIORITY_LABELS).map(([value, label]) => ({ value, label }))}
                allowDeselect={false}
                {...form.getInputProps('priority')}
                key={form.key('priority')}
              />
              {manager ? (
                <RemoteSelect
                  label="Assignee"
                  clearable
                  source={{
                    queryKey: taskKeys.options('assignees'),
                    search: searchAssignees,
                    known: known?.assignee ? [known.assignee] : [],
                  }}
                  value={values.assignee_id}
                  onChange={(v) => form.setFieldValue('assignee_id', v)}
                  error={form.errors.assignee_id}
                />
              ) : (
                <TextInput
                  label="Assignee"
                  value={known?.assignee?.label ?? 'You'}
                  readOnly
                  description="Engineers' tasks are their own"
                />
              )}
              <DatePickerInput
                label="Due date"
                clearable
                valueFormat="YYYY-MM-DD"
                {...form.getInputProps('due_date')}
                key={form.key('due_date')}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <RemoteSelect
                label="Parent task"
                description="Makes this a subtask"
                clearable
                source={{
                  queryKey: taskKeys.options('parents'),
                  search: searchTasks,
                  known: known?.parent ? [known.parent] : [],
                }}
                value={values.parent_id}
                onChange={(v) => form.setFieldValue('parent_id', v)}
                error={form.errors.parent_id}
              />
              <TagsInput
                label="Tags"
                description="Press Enter after each tag"
                maxTags={20}
                {...form.getInputProps('tags')}
                key={form.key('tags')}
              />
            </SimpleGrid>
          </Stack>
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
