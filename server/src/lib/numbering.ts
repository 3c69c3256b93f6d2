import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

/**
 * Next human number of a kind (RFQ-000001…). The counter row is bumped inside the creating
 * transaction: its row lock orders concurrent creators, and a rolled-back create gives its number
 * back, so numbers are unique and gapless.
 */
export async function nextNumber(tx: Db, prefix: string, width = 6): Promise<string> {
  const result = (await tx.execute(
    sql`insert into counters (kind, value) values (${prefix}, 1)
        on conflict (kind) do update set value = counters.value + 1
        returning value`,
  )) as unknown as { rows: { value: number | string }[] };
  return `${prefix}-${String(result.rows[0].value).padStart(width, '0')}`;
}

/**
 * `count` consecutive numbers in one statement, for bulk creates: the same counter row and lock as
 * nextNumber, so a bulk of 500 and single creates running beside it still leave no gap or duplicate.
 */
export async function nextNumbers(tx: Db, prefix: string, count: number, width = 6): Promise<string[]> {
  if (count < 1) return [];
  const result = (await tx.execute(
    sql`insert into counters (kind, value) values (${prefix}, ${count})
        on conflict (kind) do update set value = counters.value + ${count}
        returning value`,
  )) as unknown as { rows: { value: number | string }[] };
  const last = Number(result.rows[0].value);
  return Array.from(
    { length: count },
    (_, i) => `${prefix}-${String(last - count + 1 + i).padStart(width, '0')}`,
  );
}
