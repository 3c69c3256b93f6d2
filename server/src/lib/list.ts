import {
  and,
  arrayContains,
  asc,
  type Column,
  desc,
  eq,
  gt,
  gte,
  ilike,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type TObject, type TSchema, Type } from 'typebox';
import type { Db } from '../db/client.ts';
import { csvStream } from './csv.ts';
import { invalidField } from './errors.ts';
import { Id, Nullable } from './schemas.ts';
import { XLSX_TYPE, type XlsxOptions, xlsxStream } from './xlsx.ts';

/**
 * The one list helper (API.md "Lists"): paging, sort whitelist, filters, q, archived, keyset
 * cursor, capped exact totals and CSV. A resource declares a ListSpec; the helper builds the
 * querystring schema for its route and runs the query.
 */
/** `array`: a text[] column; `?tag=x` matches rows whose array contains x. */
export type FilterKind = 'text' | 'boolean' | 'uuid' | 'range' | 'enum' | 'array';

export interface FilterDef {
  column: Column;
  kind: FilterKind;
  /** For `enum`: the allowed values. */
  values?: readonly string[];
  /** For `range`: the wire type of the bounds (a date or a timestamp). */
  format?: 'date' | 'date-time' | 'number';
}

export interface SortDef {
  column: Column;
  /** Nullable columns cannot carry a keyset cursor (NULLs have no order to resume from). */
  nullable?: boolean;
}

export interface ListSpec {
  table: PgTable;
  idColumn: Column;
  archivedColumn: Column;
  sortable: Record<string, SortDef>;
  defaultSort: string;
  /** Text columns searched case-insensitively by `q`. */
  searchable: Column[];
  filters: Record<string, FilterDef>;
}

export interface ListQuery {
  skip?: number;
  offset?: number;
  limit?: number;
  sort?: string;
  q?: string;
  archived?: boolean;
  cursor?: string;
  format?: 'json' | ExportFormat;
  [filter: string]: unknown;
}

export interface Page<T> {
  items: T[];
  total: number;
  skip: number;
  limit: number;
  has_more: boolean;
  total_is_estimate?: boolean;
  next_cursor?: string | null;
}

export const EXACT_TOTAL_CAP = 10_000;
export const MAX_LIMIT = 100;

/** The querystring schema for a list route: paging and sorting plus the resource's filters. */
export function listQuerySchema(spec: ListSpec): TObject {
  const props: Record<string, TSchema> = {
    skip: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, description: 'Rows to skip' })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, description: 'Alias of skip' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: 20 })),
    sort: Type.Optional(
      Type.String({
        maxLength: 200,
        description: `Comma list of ${Object.keys(spec.sortable).join(', ')}; prefix - for descending`,
      }),
    ),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Case-insensitive search' })),
    archived: Type.Optional(Type.Boolean({ description: 'true lists archived rows instead' })),
    cursor: Type.Optional(Type.String({ maxLength: 2000, description: 'next_cursor of the previous page' })),
    format: Type.Optional(
      Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx')], {
        description: 'csv or xlsx: the whole filtered list as a file (same as the Accept header)',
      }),
    ),
  };
  for (const [name, def] of Object.entries(spec.filters)) {
    if (def.kind === 'range') {
      const bound =
        def.format === 'number' ? Type.Number() : Type.String({ format: def.format ?? 'date-time' });
      props[`${name}_from`] = Type.Optional(bound);
      props[`${name}_to`] = Type.Optional(bound);
    } else if (def.kind === 'boolean') props[name] = Type.Optional(Type.Boolean());
    else if (def.kind === 'uuid') props[name] = Type.Optional(Id);
    else if (def.kind === 'enum')
      props[name] = Type.Optional(Type.Union(def.values!.map((v) => Type.Literal(v))));
    else props[name] = Type.Optional(Type.String({ maxLength: 200 }));
  }
  return Type.Object(props);
}

/** The response schema for a page of `item`. */
export function pageSchema(item: TSchema, name: string) {
  return Type.Object(
    {
      items: Type.Array(item),
      total: Type.Integer(),
      skip: Type.Integer(),
      limit: Type.Integer(),
      has_more: Type.Boolean(),
      total_is_estimate: Type.Optional(Type.Boolean()),
      next_cursor: Type.Optional(Nullable(Type.String())),
    },
    { title: name },
  );
}

interface ParsedSort {
  name: string;
  column: Column;
  descending: boolean;
  nullable: boolean;
}

function parseSort(spec: ListSpec, raw: string | undefined): ParsedSort[] {
  const parts = (raw || spec.defaultSort)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const parsed: ParsedSort[] = [];
  for (const part of parts) {
    const descending = part.startsWith('-');
    const name = descending ? part.slice(1) : part.replace(/^\+/, '');
    const def = spec.sortable[name];
    if (!def) {
      throw invalidField(
        'sort',
        `unknown sort field "${name}"; sortable: ${Object.keys(spec.sortable).join(', ')}`,
      );
    }
    parsed.push({ name, column: def.column, descending, nullable: !!def.nullable });
  }
  return parsed;
}

/**
 * Drizzle maps a timestamp column's value with toISOString(), so values that arrive as text (a
 * querystring bound, a decoded cursor) must become Dates first; an unparseable one is the caller's 422.
 */
function toColumnValue(column: Column, value: unknown, field: string): unknown {
  if (column.columnType !== 'PgTimestamp' || typeof value !== 'string') return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw invalidField(field, 'must be an ISO 8601 timestamp');
  return date;
}

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The WHERE clause for a query: archive state, q, field filters and the caller's row scope. */
export function buildWhere(spec: ListSpec, query: ListQuery, scope?: SQL): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    query.archived ? isNotNull(spec.archivedColumn) : isNull(spec.archivedColumn),
    scope,
  ];
  const q = query.q?.trim();
  if (q && spec.searchable.length)
    conditions.push(or(...spec.searchable.map((c) => ilike(c, likePattern(q)))));
  for (const [name, def] of Object.entries(spec.filters)) {
    if (def.kind === 'range') {
      const from = query[`${name}_from`];
      const to = query[`${name}_to`];
      if (from !== undefined)
        conditions.push(gte(def.column, toColumnValue(def.column, from, `${name}_from`)));
      if (to !== undefined) conditions.push(lte(def.column, toColumnValue(def.column, to, `${name}_to`)));
      continue;
    }
    const value = query[name];
    if (value === undefined) continue;
    conditions.push(
      def.kind === 'text'
        ? ilike(def.column, likePattern(String(value)))
        : def.kind === 'array'
          ? arrayContains(def.column, [String(value)])
          : eq(def.column, value),
    );
  }
  return and(...conditions);
}

function orderBy(sorts: ParsedSort[], idColumn: Column): SQL[] {
  const idDescending = sorts.length > 0 && sorts[sorts.length - 1].descending;
  return [
    ...sorts.map((s) => (s.descending ? desc(s.column) : asc(s.column))),
    idDescending ? desc(idColumn) : asc(idColumn),
  ];
}

interface CursorPayload {
  s: string;
  v: unknown[];
}

function encodeCursor(sortKey: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify({ s: sortKey, v: values } satisfies CursorPayload)).toString('base64url');
}

function decodeCursor(raw: string, sortKey: string, expected: number): unknown[] {
  try {
    const payload = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as CursorPayload;
    if (payload.s === sortKey && Array.isArray(payload.v) && payload.v.length === expected) return payload.v;
  } catch {
    // fall through to the error below
  }
  throw invalidField('cursor', 'is not a cursor of this list and sort order; start again without it');
}

/** Keyset condition "after this row" for a mixed-direction order: (a > x) or (a = x and b > y) … */
function afterRow(sorts: ParsedSort[], idColumn: Column, values: unknown[]): SQL {
  const idDescending = sorts.length > 0 && sorts[sorts.length - 1].descending;
  const keys = [
    ...sorts.map((s) => ({ column: s.column, descending: s.descending })),
    { column: idColumn, descending: idDescending },
  ];
  if (keys.every((k) => k.descending === keys[0].descending)) {
    // One direction: a row-value comparison, which PostgreSQL answers with a single index range scan
    // (the OR-expanded form below is correct for mixed directions but scans far more).
    const columns = sql.join(
      keys.map((k) => sql`${k.column}`),
      sql`, `,
    );
    const bounds = sql.join(
      keys.map((k, i) => sql.param(toColumnValue(k.column, values[i], 'cursor'), k.column)),
      sql`, `,
    );
    return keys[0].descending ? sql`(${columns}) < (${bounds})` : sql`(${columns}) > (${bounds})`;
  }
  const branches: SQL[] = [];
  for (let i = 0; i < keys.length; i++) {
    const equalities = keys
      .slice(0, i)
      .map((k, j) => eq(k.column, toColumnValue(k.column, values[j], 'cursor')));
    const value = toColumnValue(keys[i].column, values[i], 'cursor');
    const step = keys[i].descending ? lt(keys[i].column, value) : gt(keys[i].column, value);
    branches.push(and(...equalities, step)!);
  }
  return or(...branches)!;
}

const cursorValue = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

/** Counts matches exactly up to the cap; past it, asks the planner for an estimate. */
/** The planner's row estimate for a filter: one EXPLAIN, no rows read. */
async function plannerEstimate(db: Db, spec: ListSpec, where: SQL | undefined): Promise<number> {
  const plan = (await db.execute(
    sql`explain (format json) ${db.select({ one: sql`1` }).from(spec.table).where(where)}`,
  )) as unknown as { rows: { 'QUERY PLAN': unknown }[] };
  const raw = plan.rows[0]?.['QUERY PLAN'];
  const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: { 'Plan Rows': number } }[];
  return Math.round(parsed[0]?.Plan?.['Plan Rows'] ?? 0);
}

/** Above this many estimated matches the exact count is not even attempted (it would read 10,001 rows). */
const CLEARLY_LARGE = EXACT_TOTAL_CAP * 5;

/**
 * Counts matches exactly up to the cap (API.md: exact up to 10,000); beyond it, the planner's
 * estimate, flagged. A filter the planner already sees as far beyond the cap skips the capped count.
 */
async function countMatches(
  db: Db,
  spec: ListSpec,
  where: SQL | undefined,
): Promise<{ total: number; estimate: boolean }> {
  const estimated = await plannerEstimate(db, spec, where);
  if (estimated > CLEARLY_LARGE) return { total: estimated, estimate: true };
  const capped = await db.select({ n: sql<number>`count(*)::int` }).from(
    db
      .select({ one: sql`1` })
      .from(spec.table)
      .where(where)
      .limit(EXACT_TOTAL_CAP + 1)
      .as('capped'),
  );
  const exact = Number(capped[0]?.n ?? 0);
  if (exact <= EXACT_TOTAL_CAP) return { total: exact, estimate: false };
  return { total: Math.max(exact, estimated), estimate: true };
}

export interface ListOptions<_Row> {
  /** Extra row-level condition (customer scoping and the like). */
  scope?: SQL;
  /** The columns to select; defaults to the whole table row. */
  columns?: Record<string, Column | SQL>;
  /** Skip the total (the CSV export pages through everything and needs none). */
  countTotal?: boolean;
}

/** Runs a list query and returns one page. */
export async function listPage<Row extends Record<string, unknown>>(
  db: Db,
  spec: ListSpec,
  query: ListQuery,
  options: ListOptions<Row> = {},
): Promise<Page<Row>> {
  const sorts = parseSort(spec, query.sort);
  const limit = query.limit ?? 20;
  const skip = query.skip ?? query.offset ?? 0;
  const where = buildWhere(spec, query, options.scope);
  const cursorable = sorts.every((s) => !s.nullable);
  const sortKey = sorts.map((s) => `${s.descending ? '-' : ''}${s.name}`).join(',');

  let pageWhere = where;
  if (query.cursor) {
    if (!cursorable) throw invalidField('cursor', 'this sort order cannot be paged by cursor; use skip');
    const values = decodeCursor(query.cursor, sortKey, sorts.length + 1);
    pageWhere = and(where, afterRow(sorts, spec.idColumn, values));
  }
  const select = options.columns ? db.select(options.columns as never) : db.select();
  const pageQuery = (select as unknown as ReturnType<Db['select']>)
    .from(spec.table)
    .where(pageWhere)
    .orderBy(...orderBy(sorts, spec.idColumn))
    .limit(limit + 1)
    .offset(query.cursor ? 0 : skip);

  const rows = (await pageQuery) as Row[];
  const has_more = rows.length > limit;
  const items = has_more ? rows.slice(0, limit) : rows;
  // A first page that holds every match is its own total: no count query for short lists.
  const complete = !query.cursor && skip === 0 && !has_more;
  const count =
    options.countTotal === false
      ? { total: -1, estimate: false }
      : complete
        ? { total: items.length, estimate: false }
        : await countMatches(db, spec, where);
  const page: Page<Row> = { items, total: count.total, skip: query.cursor ? 0 : skip, limit, has_more };
  if (count.estimate) page.total_is_estimate = true;
  if (cursorable) {
    const last = items[items.length - 1];
    page.next_cursor =
      has_more && last
        ? encodeCursor(sortKey, [...sorts.map((s) => cursorValue(last[s.name])), cursorValue(last.id)])
        : null;
  }
  return page;
}

/**
 * Every row of a filtered list, in the requested order, in batches: the CSV export streams these
 * so a 100,000-row export never sits in memory whole.
 */
export async function* listAll<Row extends Record<string, unknown>>(
  db: Db,
  spec: ListSpec,
  query: ListQuery,
  options: ListOptions<Row> = {},
  batchSize = 1000,
): AsyncGenerator<Row[]> {
  let cursor: string | undefined;
  let skip = 0;
  const sorts = parseSort(spec, query.sort);
  const cursorable = sorts.every((s) => !s.nullable);
  for (;;) {
    const page = await listPage<Row>(
      db,
      spec,
      { ...query, limit: batchSize, skip: cursorable ? 0 : skip, cursor, format: undefined },
      { ...options, countTotal: false },
    );
    if (page.items.length) yield page.items;
    if (!page.has_more) return;
    if (cursorable) cursor = page.next_cursor ?? undefined;
    else skip += batchSize;
  }
}

/**
 * Exports: `Accept: text/csv` or `format=csv` streams the whole filtered list as CSV; `Accept:
 * application/vnd.openxmlformats-officedocument.spreadsheetml.sheet` or `format=xlsx` as an Excel
 * workbook with typed cells (lib/xlsx.ts). Same columns, filters and order either way. An explicit
 * `format` wins over the Accept header.
 */
export type ExportFormat = 'csv' | 'xlsx';

export const EXPORT_MEDIA_TYPES = ['application/json', 'text/csv', XLSX_TYPE];

export const EXPORT_DESCRIPTION =
  'Send `Accept: text/csv` or `format=csv` to stream the whole filtered list as CSV, `Accept: ' +
  `${XLSX_TYPE}\` or \`format=xlsx\` for an Excel workbook (typed cells, frozen header row).`;

export function exportFormatOf(req: FastifyRequest, format?: string): ExportFormat | undefined {
  if (format === 'csv' || format === 'xlsx') return format;
  if (format === 'json') return undefined;
  const accept = req.headers.accept ?? '';
  if (accept.includes(XLSX_TYPE)) return 'xlsx';
  if (accept.includes('text/csv')) return 'csv';
  return undefined;
}

/** Sends a list export as an attachment named `<fileBase>.csv|.xlsx`. */
export function sendExport(
  reply: FastifyReply,
  format: ExportFormat,
  fileBase: string,
  columns: readonly string[],
  batches: AsyncIterable<Record<string, unknown>[]>,
  xlsx: XlsxOptions = {},
) {
  reply.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE);
  reply.header('content-disposition', `attachment; filename="${fileBase}.${format}"`);
  const stream =
    format === 'csv'
      ? csvStream(columns, batches)
      : xlsxStream(columns, batches, { sheetName: fileBase, ...xlsx });
  return reply.send(stream as never);
}
