import { equipment } from '../../src/db/schema/index.ts';
import type { App } from '../../src/types.ts';
import { uniq } from './index.ts';

/** Quality factories: equipment straight to the database; audits and NCRs go through the API. */

/** YYYY-MM-DD, `days` from today (UTC). */
export const daysFromToday = (days: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** An instrument in service, calibrated, next due in 200 days (unless overridden). */
export async function makeEquipment(app: App, overrides: Partial<typeof equipment.$inferInsert> = {}) {
  const [row] = await app.db
    .insert(equipment)
    .values({
      asset_number: `EQ-${uniq()}`,
      name: 'Tensile tester',
      model: '5965',
      manufacturer: 'Instron',
      serial_number: `SN-${uniq()}`,
      location: 'Lab 1',
      calibration_interval_days: 365,
      calibration_due_date: daysFromToday(200),
      ...overrides,
    })
    .returning();
  return row;
}

/** A minimal valid audit body. */
export const auditBody = (overrides: Record<string, unknown> = {}) => ({
  type: 'internal',
  title: `Internal audit ${uniq()}`,
  scope: 'Reporting of results',
  clauses: ['ISO/IEC 17025 §7.8', 'ISO/IEC 17025 §7.7'],
  planned_start: daysFromToday(1),
  planned_end: daysFromToday(2),
  ...overrides,
});

/** A minimal valid NCR body (source other, no link). */
export const ncrBody = (overrides: Record<string, unknown> = {}) => ({
  source: 'other',
  title: `Non-conformance ${uniq()}`,
  description: 'Balance used outside its verified range',
  severity: 'minor',
  ...overrides,
});
