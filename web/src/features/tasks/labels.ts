import type { TaskAction, TaskPriority, TaskStatus } from './api';

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  todo: 'To do',
  in_progress: 'In progress',
  review: 'In review',
  done: 'Done',
  cancelled: 'Cancelled',
};

export const TASK_STATUS_COLORS: Record<TaskStatus, string> = {
  todo: 'gray',
  in_progress: 'blue',
  review: 'violet',
  done: 'green',
  cancelled: 'dark',
};

export const PRIORITY_LABELS: Record<TaskPriority, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export const PRIORITY_COLORS: Record<TaskPriority, string> = {
  low: 'gray',
  medium: 'blue',
  high: 'orange',
  critical: 'red',
};

/** The board's columns, left to right (cancelled tasks are in the list, not on the board). */
export const BOARD_COLUMNS: TaskStatus[] = ['todo', 'in_progress', 'review', 'done'];

/**
 * The action that moves a card from one column to another, as the server's state machine has it
 * (the server decides; this only picks the action to ask for).
 */
export function actionBetween(from: TaskStatus, to: TaskStatus): TaskAction | undefined {
  const moves: Record<string, TaskAction> = {
    'todo>in_progress': 'start',
    'in_progress>review': 'submit',
    'review>done': 'complete',
    'review>in_progress': 'send_back',
    'todo>cancelled': 'cancel',
    'in_progress>cancelled': 'cancel',
    'review>cancelled': 'cancel',
    'done>in_progress': 'reopen',
    'cancelled>todo': 'reopen',
  };
  return moves[`${from}>${to}`];
}
