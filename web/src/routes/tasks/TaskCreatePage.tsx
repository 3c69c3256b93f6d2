import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import { PageHeader } from '../../components/ui/PageHeader';
import { createTask, taskKeys } from '../../features/tasks/api';
import { TaskForm, toTaskInput, useTaskForm } from '../../features/tasks/components/TaskForm';
import { notifySuccess } from '../../lib/notify';

/** New task; `?parent=<id>` starts it as a subtask of that task. */
export function TaskCreatePage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const parent = params.get('parent');
  const form = useTaskForm({ parent_id: parent });
  const idempotencyKey = useRef(crypto.randomUUID());
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => createTask(toTaskInput(values), idempotencyKey.current),
    {
      onSuccess: (task) => {
        void queryClient.invalidateQueries({ queryKey: taskKeys.all });
        notifySuccess(`${task.number} was created.`, 'Task created');
        navigate(`/tasks/${task.id}`);
      },
    },
  );
  return (
    <>
      <PageHeader
        title={parent ? 'New subtask' : 'New task'}
        subtitle="Say what needs doing, by whom and by when"
      />
      <TaskForm
        form={form}
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        submitLabel="Create task"
        onCancel={() => navigate(parent ? `/tasks/${parent}` : '/tasks')}
      />
    </>
  );
}
