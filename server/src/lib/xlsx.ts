import { PassThrough, type Readable } from 'node:stream';
import { type Column, getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import ExcelJS from 'exceljs';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Streams batches of rows as an Excel workbook (one sheet, header row frozen), the XLSX twin of
 * csvStream: the same columns in the same order, memory one batch whatever the size (exceljs'
 * streaming writer commits every row as it goes).
 *
 * Cells are typed from the table's column types, so a spreadsheet can sum and sort them: numeric
 * and integer columns become numbers (money, numeric with 2 decimals, keeps a 0.00 format),
 * `date` columns become dates, timestamps become date-times (UTC: Excel has no time zones),
 * booleans stay booleans; JSON becomes its text. Columns the table does not have (labels added by
 * `expand`) are typed by their JavaScript value. Text is always a string cell, never a formula, so
 * a name typed as "=HYPERLINK(…)" stays text.
 */
export type CellKind = 'money' | 'number' | 'date' | 'datetime' | 'boolean' | 'text';

const MONEY_FORMAT = '#,##0.00';
const DATE_FORMAT = 'yyyy-mm-dd';
const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';

function kindOf(column: Column | undefined): CellKind | undefined {
  if (!column) return undefined;
  switch (column.columnType) {
    case 'PgNumeric':
    case 'PgNumericNumber':
      return (column as unknown as { scale?: number }).scale === 2 ? 'money' : 'number';
    case 'PgInteger':
    case 'PgSmallInt':
    case 'PgBigInt53':
    case 'PgReal':
    case 'PgDoublePrecision':
      return 'number';
    case 'PgDateString':
    case 'PgDate':
      return 'date';
    case 'PgTimestamp':
    case 'PgTimestampString':
      return 'datetime';
    case 'PgBoolean':
      return 'boolean';
    default:
      return 'text';
  }
}

/** One cell value for exceljs, typed by the column's kind (or, without one, by the value). */
export function xlsxCell(value: unknown, kind: CellKind | undefined): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  switch (kind) {
    case 'money':
    case 'number': {
      const n = Number(value);
      return Number.isFinite(n) ? n : String(value);
    }
    case 'date':
    case 'datetime': {
      const date = value instanceof Date ? value : new Date(String(value));
      return Number.isNaN(date.getTime()) ? String(value) : date;
    }
    case 'boolean':
      return Boolean(value);
  }
  if (value instanceof Date) return value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const formatOf = (kind: CellKind | undefined) =>
  kind === 'money'
    ? MONEY_FORMAT
    : kind === 'date'
      ? DATE_FORMAT
      : kind === 'datetime'
        ? DATETIME_FORMAT
        : undefined;

export interface XlsxOptions {
  /** The table the columns come from: their SQL types decide the cell types. */
  table?: PgTable;
  /** Kinds for columns the table does not describe (computed or joined columns). */
  kinds?: Record<string, CellKind>;
  sheetName?: string;
}

export function xlsxStream(
  columns: readonly string[],
  batches: AsyncIterable<Record<string, unknown>[]>,
  options: XlsxOptions = {},
): Readable {
  const out = new PassThrough();
  const tableColumns = options.table ? (getTableColumns(options.table) as Record<string, Column>) : {};
  const byDbName = new Map(Object.values(tableColumns).map((c) => [c.name, c]));
  const kinds = columns.map((c) => options.kinds?.[c] ?? kindOf(byDbName.get(c) ?? tableColumns[c]));

  (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet((options.sheetName ?? 'Export').slice(0, 31), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = columns.map((name, i) => ({
      header: name,
      key: name,
      width:
        kinds[i] === 'datetime' ? 20 : kinds[i] === 'date' ? 12 : Math.min(40, Math.max(10, name.length + 2)),
      style: formatOf(kinds[i]) ? { numFmt: formatOf(kinds[i]) } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for await (const batch of batches) {
      for (const row of batch) sheet.addRow(columns.map((c, i) => xlsxCell(row[c], kinds[i]))).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err: unknown) => out.destroy(err as Error));
  return out;
}
