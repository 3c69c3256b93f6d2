import { TasksTable } from '../../features/tasks/components/TasksTable';
import { TasksHeader, useCanWriteTasks } from './TasksHeader';

export function TasksListPage() {
  const canWrite = useCanWriteTasks();
  return (
    <>
      <TasksHeader view="list" />
      <TasksTable canWrite={canWrite} />
    </>
  );
}
