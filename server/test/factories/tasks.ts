import { tasks } from '../../src/db/schema/index.ts';
import { nextNumber } from '../../src/lib/numbering.ts';
import type { App } from '../../src/types.ts';

/** A task straight in the database (no audit, no notification): the smallest valid one, with overrides. */
export async function makeTask(app: App, overrides: Partial<typeof tasks.$inferInsert> = {}) {
  return app.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(tasks)
      .values({ number: await nextNumber(tx, 'TSK'), title: 'Check the balance', ...overrides })
      .returning();
    return row;
  });
}
