import { and, eq, inArray, isNull, lte } from 'drizzle-orm';
import { ncrActions, ncrs } from '../../db/schema/index.ts';
import { notify } from '../../lib/notifications.ts';
import type { App } from '../../types.ts';
import { dateIn } from '../equipment/equipment.reminders.ts';
import { addDays } from '../equipment/equipment.service.ts';
import { registerReminder } from '../notifications/reminders.ts';

/**
 * CAPA reminders: the owner of an open action hears of it the day before it is due, and once more
 * when it is overdue (dedupe keys per action, due date and stage).
 */
export async function ncrActionDueSweep(app: App, now: Date): Promise<void> {
  const today = dateIn(app.config.TIMEZONE, now);
  const due = await app.db
    .select({
      id: ncrActions.id,
      ncr_id: ncrActions.ncr_id,
      owner_id: ncrActions.owner_id,
      description: ncrActions.description,
      due: ncrActions.due_date,
      number: ncrs.number,
    })
    .from(ncrActions)
    .innerJoin(ncrs, eq(ncrs.id, ncrActions.ncr_id))
    .where(
      and(
        eq(ncrActions.status, 'open'),
        isNull(ncrActions.archived_at),
        isNull(ncrs.archived_at),
        inArray(ncrs.status, ['open', 'investigating', 'action_pending']),
        lte(ncrActions.due_date, addDays(today, 1)),
      ),
    );
  if (!due.length) return;
  await app.db.transaction(async (tx) => {
    for (const action of due) {
      const overdue = action.due < today;
      await notify(tx, {
        userIds: [action.owner_id],
        kind: 'ncr_action_due',
        title: `${overdue ? 'Overdue' : 'Due'} ${action.due}: CAPA action of ${action.number}`,
        body: action.description.slice(0, 500),
        link: `/ncrs/${action.ncr_id}`,
        entity: { type: 'ncr', id: action.ncr_id },
        dedupeKey: `ncr_action_due:${action.id}:${action.due}:${overdue ? 'overdue' : 'due'}`,
      });
    }
  });
}

export function registerNcrReminders() {
  registerReminder('ncr_action_due', ncrActionDueSweep);
}
