import type { FieldError } from '../../../api/problem';
import type { BulkItem } from '../api';

/**
 * Rows pasted from a spreadsheet for bulk registration: tab-separated cells (what Excel, LibreOffice
 * and Google Sheets put on the clipboard, quoting cells that hold tabs, quotes or line breaks), an
 * optional header row naming the columns in any order, and the API's per-row errors mapped back.
 */
export const BULK_COLUMNS = [
  {
    key: 'description',
    label: 'Description',
    aliases: ['description', 'desc', 'sample', 'sample description'],
  },
  {
    key: 'trf_item_no',
    label: 'TRF item',
    aliases: ['trf item', 'item', 'item no', 'item_no', 'trf_item_no'],
  },
  { key: 'condition', label: 'Condition', aliases: ['condition', 'condition on receipt'] },
  {
    key: 'condition_notes',
    label: 'Condition notes',
    aliases: ['condition notes', 'condition_notes', 'notes'],
  },
  {
    key: 'storage_location',
    label: 'Storage location',
    aliases: ['storage location', 'storage_location', 'storage', 'location'],
  },
  {
    key: 'received_date',
    label: 'Received',
    aliases: ['received', 'received date', 'received_date', 'date'],
  },
  {
    key: 'retention_until',
    label: 'Retain until',
    aliases: ['retain until', 'retention', 'retention until', 'retention_until'],
  },
] as const;

export type BulkKey = (typeof BULK_COLUMNS)[number]['key'];
export type BulkRow = Record<BulkKey, string>;

export const emptyRow = (): BulkRow => Object.fromEntries(BULK_COLUMNS.map((c) => [c.key, ''])) as BulkRow;

/** Splits clipboard text into rows of cells, honouring quoted cells. */
export function splitCells(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === '\t') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

const columnFor = (header: string) =>
  BULK_COLUMNS.find((c) => (c.aliases as readonly string[]).includes(header.trim().toLowerCase()))?.key;

/** Rows of the grid from pasted text: by the header row's names when there is one, else in column order. */
export function parseSheet(text: string): BulkRow[] {
  const cells = splitCells(text);
  if (!cells.length) return [];
  const header = cells[0].map(columnFor);
  const hasHeader = header.filter(Boolean).length >= Math.min(2, cells[0].length);
  const order: (BulkKey | undefined)[] = hasHeader ? header : BULK_COLUMNS.map((c) => c.key);
  return (hasHeader ? cells.slice(1) : cells).map((line) => {
    const row = emptyRow();
    line.forEach((value, i) => {
      const key = order[i];
      if (key) row[key] = value.trim();
    });
    return row;
  });
}

/** "OK", "Damaged " → the API's words; anything else is left for the server to name. */
const condition = (v: string) => v.trim().toLowerCase();
/** 31.12.2025 (day first, as written in most of Europe) → 2025-12-31; ISO dates pass. */
function isoDate(v: string) {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v.trim());
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : v.trim();
}

/** Grid rows → the bulk body's items. Blank cells are left out, so the server's defaults apply. */
export function toBulkItems(rows: BulkRow[], trfId: string | null): BulkItem[] {
  return rows.map((r) => {
    const item: Record<string, unknown> = { description: r.description.trim() };
    if (r.trf_item_no.trim()) {
      item.trf_id = trfId;
      item.trf_item_no = /^\d+$/.test(r.trf_item_no.trim())
        ? Number(r.trf_item_no.trim())
        : r.trf_item_no.trim();
    }
    if (r.condition.trim()) item.condition = condition(r.condition);
    if (r.condition_notes.trim()) item.condition_notes = r.condition_notes.trim();
    if (r.storage_location.trim()) item.storage_location = r.storage_location.trim();
    if (r.received_date.trim()) item.received_date = isoDate(r.received_date);
    if (r.retention_until.trim()) item.retention_until = isoDate(r.retention_until);
    return item as BulkItem;
  });
}

export interface RowErrors {
  /** Per row: messages by grid column (`trf_id` problems show on the TRF item cell). */
  cells: Map<number, Partial<Record<BulkKey, string>>>;
  /** Problems that belong to no row (the project, the whole list). */
  general: string[];
}

/** The API's `errors[]` (`items[3].condition_notes`) mapped onto the grid's rows and cells. */
export function mapRowErrors(errors: FieldError[]): RowErrors {
  const out: RowErrors = { cells: new Map(), general: [] };
  for (const { field, message } of errors) {
    const m = /^items\[(\d+)\]\.?(\w*)/.exec(field);
    if (!m) {
      out.general.push(`${field}: ${message}`);
      continue;
    }
    const row = Number(m[1]);
    const key = (m[2] === 'trf_id' ? 'trf_item_no' : m[2] || 'description') as BulkKey;
    const cells = out.cells.get(row) ?? {};
    if (BULK_COLUMNS.some((c) => c.key === key))
      cells[key] = cells[key] ? `${cells[key]}; ${message}` : message;
    else cells.description = `${m[2]}: ${message}`;
    out.cells.set(row, cells);
  }
  return out;
}

const CONDITIONS = ['ok', 'damaged', 'insufficient', 'contaminated', 'wet', 'other'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What can be told about the rows without asking the server (the shape of each cell), named as the
 * API would name it. Rows like these never reach the rules, so checking them here lets the first
 * answer from the API carry every rule problem at once.
 */
export function localRowErrors(rows: BulkRow[]): RowErrors | null {
  const cells = new Map<number, Partial<Record<BulkKey, string>>>();
  rows.forEach((r, i) => {
    const e: Partial<Record<BulkKey, string>> = {};
    if (!r.description.trim()) e.description = 'Describe the sample';
    if (r.trf_item_no.trim() && !/^\d+$/.test(r.trf_item_no.trim())) e.trf_item_no = 'An item number, like 2';
    if (r.condition.trim() && !CONDITIONS.includes(condition(r.condition))) {
      e.condition = `One of: ${CONDITIONS.join(', ')}`;
    }
    for (const key of ['received_date', 'retention_until'] as const) {
      const v = r[key].trim() && isoDate(r[key]);
      if (v && (!ISO_DATE.test(v) || Number.isNaN(Date.parse(v))))
        e[key] = 'A date like 2025-03-31 or 31.03.2025';
    }
    if (Object.keys(e).length) cells.set(i, e);
  });
  return cells.size ? { cells, general: [] } : null;
}
