import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { tasks } from '../../db/schema/index.ts';
import { notify } from '../../lib/notifications.ts';
import type { App } from '../../types.ts';
import { registerReminder } from '../notifications/reminders.ts';
import { localDate, openStatus } from './tasks.policy.ts';

/**
 * "Due tomorrow": every open, assigned task due the day after `now` (in TIMEZONE) tells its assignee
 * once per task and due date (the dedupe key), however often the sweep runs. Moving the due date
 * gives a new reminder for the new date.
 */
export async function tasksDueTomorrow(app: App, now: Date): Promise<void> {
  const tomorrow = localDate(now, app.config.TIMEZONE, 1);
  const due = await app.db
    .select({ id: tasks.id, number: tasks.number, title: tasks.title, assignee_id: tasks.assignee_id })
    .from(tasks)
    .where(
      and(eq(tasks.due_date, tomorrow), isNotNull(tasks.assignee_id), isNull(tasks.archived_at), openStatus),
    );
  if (!due.length) return;
  await app.db.transaction(async (tx) => {
    for (const task of due) {
      await notify(tx, {
        userIds: [task.assignee_id as string],
        kind: 'task_due',
        title: `${task.number} is due tomorrow: ${task.title}`,
        body: `Task ${task.number} "${task.title}" is due tomorrow, ${tomorrow}.`,
        link: `/tasks/${task.id}`,
        entity: { type: 'task', id: task.id },
        dedupeKey: `task_due:${task.id}:${tomorrow}`,
      });
    }
  });
}

registerReminder('tasks-due-tomorrow', tasksDueTomorrow);
