import type { SequenceState, TableColumn } from './catalog.ts';
import type { JournalEntry } from './migration-level.ts';

/**
 * The backup file: gzip-compressed JSON lines, read and written as a stream.
 *
 *   {"format":"labline-backup","version":1,…}      header (BackupHeader)
 *   {"table":"customers","columns":[…],…}           a table starts (TableStart)
 *   ["0190…","2025-01-02 10:00:00.123+00",…]        one line per row: an array in column order
 *   {"end":"customers","rows":2}                    the table ends (TableEnd)
 *   … every table, parents before children …
 *   {"file":"store:0190…"}                           an uploaded file starts (FileStart), version 2 on
 *   "JVBERi0xLjMK…"                                 its bytes, base64, one line per chunk
 *   {"file_end":"store:0190…","size":…,"sha256":…}  the file ends (FileEnd)
 *   … every file the rows refer to (backup-files.ts) …
 *   {"complete":true,"sequences":[…],…}             trailer (Trailer): a file without it is truncated
 *
 * Row values are PostgreSQL's own text form of each column (what COPY writes) as JSON strings, SQL
 * NULL as null: timestamps keep their microseconds and zone, numeric and bigint every digit, json
 * and jsonb their exact text, and no value ever passes through a JavaScript number. Control lines
 * are objects, rows are arrays and file chunks strings, so a reader tells them apart by the first
 * character. Version 1 files have no file lines and restore as before.
 */
export const BACKUP_FORMAT = 'labline-backup';
export const BACKUP_VERSION = 2;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  created_at: string;
  database: 'pglite' | 'postgres';
  server_version: string;
  /** Drizzle's journal at backup time: restore loads the rows at exactly this schema level. */
  migrations: { count: number; journal: JournalEntry[] };
}

export interface TableStart {
  table: string;
  columns: TableColumn[];
  primary_key: string[];
}

export interface TableEnd {
  end: string;
  rows: number;
}

export interface FileStart {
  file: string;
}

export interface FileEnd {
  file_end: string;
  size: number;
  /** Lowercase hex SHA-256 of the bytes: restore checks what it wrote against it. */
  sha256: string;
}

export interface Trailer {
  complete: true;
  tables: number;
  rows: number;
  sequences: SequenceState[];
  /** Files carried (version 2 on). */
  files?: number;
  file_bytes?: number;
  /** References the rows hold whose file was not in the upload folder at backup time. */
  missing_files?: string[];
}

export type ControlLine = BackupHeader | TableStart | TableEnd | FileStart | FileEnd | Trailer;
