import { Skeleton } from '@mantine/core';
import { useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { useRecordEdit } from '../../components/forms/useRecordEdit';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import { replaceTask, type Task, taskKeys, taskQuery, useTask } from '../../features/tasks/api';
import {
  TaskForm,
  toTaskFormValues,
  toTaskInput,
  useTaskForm,
} from '../../features/tasks/components/TaskForm';

const TASK_FIELDS = [
  { key: 'title', label: 'Title' },
  { key: 'description', label: 'Description' },
  { key: 'priority', label: 'Priority' },
  { key: 'assignee_name', label: 'Assignee' },
  { key: 'due_date', label: 'Due date' },
  { key: 'parent_number', label: 'Parent' },
  { key: 'tags', label: 'Tags' },
];

export function TaskEditPage() {
  const { id = '' } = useParams();
  const task = useTask(id);
  useSetCrumb(task.data?.number);
  if (task.isLoading) return <Skeleton h={400} />;
  if (task.error || !task.data) return <QueryError error={task.error} what="task" />;
  return <EditForm task={task.data} />;
}

function EditForm({ task }: { task: Task }) {
  const form = useTaskForm(toTaskFormValues(task));
  const edit = useRecordEdit({
    record: task,
    form,
    replace: replaceTask,
    toInput: toTaskInput,
    toFormValues: toTaskFormValues,
    query: taskQuery,
    keys: taskKeys,
    fields: TASK_FIELDS,
    detailPath: (record) => `/tasks/${record.id}`,
    savedMessage: (updated) => `${updated.number} was saved.`,
    savedTitle: 'Task saved',
  });
  return (
    <>
      <PageHeader title={`Edit ${task.number}`} subtitle={`Version ${edit.base.version}`} />
      <TaskForm
        form={form}
        onSubmit={edit.onSubmit}
        pending={edit.pending}
        formError={edit.formError}
        submitLabel="Save changes"
        onCancel={edit.cancel}
        known={{
          assignee: task.assignee_id
            ? { value: task.assignee_id, label: task.assignee_name ?? '' }
            : undefined,
          parent: task.parent_id ? { value: task.parent_id, label: task.parent_number ?? '' } : undefined,
        }}
      />
      {edit.conflictDialog}
    </>
  );
}
