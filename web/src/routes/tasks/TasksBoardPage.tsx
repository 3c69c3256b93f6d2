import { Text } from '@mantine/core';
import { TaskBoard } from '../../features/tasks/components/TaskBoard';
import { TasksHeader } from './TasksHeader';

export function TasksBoardPage() {
  return (
    <>
      <TasksHeader view="board" />
      <Text size="sm" c="dimmed" mb="sm">
        Drag a card to another column to move it, or use its move button (keyboard: Tab to it, Enter).
      </Text>
      <TaskBoard />
    </>
  );
}
