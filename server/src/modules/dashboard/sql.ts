import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Filters } from './filters.ts';

/** Runs one statement and returns its rows (both drivers answer `{ rows }`). */
export async function rows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export const and = (...parts: (SQL | undefined)[]): SQL => {
  const kept = parts.filter((p): p is SQL => p !== undefined);
  return kept.length ? sql.join(kept, sql` and `) : sql`true`;
};

/** `column = customer` when the figures are for one customer (always so for a customer user). */
export const byCustomer = (f: Filters, column: SQL) =>
  f.customerId ? sql`${column} = ${f.customerId}::uuid` : undefined;
export const byMethod = (f: Filters, column: SQL) =>
  f.methodId ? sql`${column} = ${f.methodId}::uuid` : undefined;

/** A share as a percentage with one decimal, null when there is nothing to divide by. */
export const pct = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;

export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
