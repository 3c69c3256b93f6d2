import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';

/** A CSV cell: dates as ISO 8601, objects as JSON, null as empty. Leading =,+,-,@ are neutralised
 * so a spreadsheet never runs a formula a client typed into a name. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Streams batches of rows as CSV with a header line; memory stays one batch whatever the size. */
export function csvStream(
  columns: readonly string[],
  batches: AsyncIterable<Record<string, unknown>[]>,
): Readable {
  const stringifier = stringify({ header: true, columns: [...columns] });
  const source = Readable.from(
    (async function* () {
      for await (const batch of batches) for (const row of batch) yield columns.map((c) => csvCell(row[c]));
    })(),
  );
  source.on('error', (err) => stringifier.destroy(err));
  return source.pipe(stringifier);
}
