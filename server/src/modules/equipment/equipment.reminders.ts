import { and, eq, isNotNull, isNull, lte, ne } from 'drizzle-orm';
import { equipment, users } from '../../db/schema/index.ts';
import { notify } from '../../lib/notifications.ts';
import type { App } from '../../types.ts';
import { registerReminder } from '../notifications/reminders.ts';
import { DUE_SOON_DAYS } from './equipment.schemas.ts';
import { addDays } from './equipment.service.ts';

/** A date as YYYY-MM-DD in a time zone (en-CA writes dates that way). */
export const dateIn = (timeZone: string, at: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone }).format(at);

/**
 * Calibration reminders: every instrument in use whose calibration is due within 30 days (or
 * overdue) is announced to the lab's managers, once when it becomes due soon and once more when
 * it becomes overdue (dedupe keys per instrument, due date and stage).
 */
export async function calibrationDueSweep(app: App, now: Date): Promise<void> {
  const today = dateIn(app.config.TIMEZONE, now);
  const due = await app.db
    .select({
      id: equipment.id,
      asset_number: equipment.asset_number,
      name: equipment.name,
      due: equipment.calibration_due_date,
    })
    .from(equipment)
    .where(
      and(
        isNull(equipment.archived_at),
        ne(equipment.status, 'out_of_service'),
        isNotNull(equipment.calibration_due_date),
        lte(equipment.calibration_due_date, addDays(today, DUE_SOON_DAYS)),
      ),
    );
  if (!due.length) return;
  const managers = await app.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'manager'), eq(users.is_active, true), isNull(users.archived_at)));
  const recipients = managers.map((m) => m.id);
  if (!recipients.length) return;
  await app.db.transaction(async (tx) => {
    for (const item of due) {
      const overdue = String(item.due) < today;
      await notify(tx, {
        userIds: recipients,
        kind: 'calibration_due',
        title: overdue
          ? `Calibration overdue: ${item.asset_number} ${item.name} (due ${item.due})`
          : `Calibration due ${item.due}: ${item.asset_number} ${item.name}`,
        body: overdue
          ? 'The instrument cannot start test executions until it is calibrated.'
          : `Book the calibration: it falls due within ${DUE_SOON_DAYS} days.`,
        link: `/equipment/${item.id}`,
        entity: { type: 'equipment', id: item.id },
        dedupeKey: `calibration_due:${item.id}:${item.due}:${overdue ? 'overdue' : 'due_soon'}`,
      });
    }
  });
}

export function registerEquipmentReminders() {
  registerReminder('calibration_due', calibrationDueSweep);
}
