import { notifications } from '@mantine/notifications';
import { errorMessage } from '../api/problem';

/** Toasts for the results of actions. */
export const notifySuccess = (message: string, title?: string) =>
  notifications.show({ color: 'green', title, message, autoClose: 4000 });

export const notifyError = (error: unknown, title = 'That did not work') =>
  notifications.show({ color: 'red', title, message: errorMessage(error), autoClose: 8000 });
