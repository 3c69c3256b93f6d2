import { sql } from 'drizzle-orm';
import { type Db, rows } from '../client.ts';

/**
 * What backup and restore need to know about the application tables, read from PostgreSQL's own
 * catalog rather than from the Drizzle schema: a table added by a later migration is backed up
 * without anyone remembering to list it here.
 */
export interface TableColumn {
  name: string;
  /** The declared type as SQL spells it (`timestamp(3) with time zone`), used for casts on restore. */
  type: string;
}

export interface TableInfo {
  name: string;
  columns: TableColumn[];
  primaryKey: string[];
  /** Tables this one references (foreign keys), itself excluded. */
  references: string[];
  /** A foreign key to itself (a tree): restore loads such a table in one statement. */
  selfReferencing: boolean;
}

export interface SequenceState {
  name: string;
  last_value: string | null;
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Every ordinary or partitioned table of the public schema (partitions are reached through their parent). */
export async function listTables(db: Db): Promise<TableInfo[]> {
  const tables = await rows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`,
  );
  const columns = await rows<{ table: string; name: string; type: string }>(
    db,
    sql`select c.relname as table, a.attname as name, format_type(a.atttypid, a.atttypmod) as type
        from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
        order by c.relname, a.attnum`,
  );
  const keys = await rows<{ table: string; name: string }>(
    db,
    sql`select c.relname as table, a.attname as name
        from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
        join lateral unnest(i.indkey) with ordinality k(attnum, pos) on true
        join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
        where n.nspname = 'public' and i.indisprimary order by c.relname, k.pos`,
  );
  const foreignKeys = await rows<{ table: string; target: string }>(
    db,
    sql`select distinct c.relname as table, t.relname as target
        from pg_constraint f join pg_class c on c.oid = f.conrelid join pg_class t on t.oid = f.confrelid
        join pg_namespace n on n.oid = c.relnamespace
        where f.contype = 'f' and n.nspname = 'public'`,
  );
  return tables.map(({ name }) => {
    const targets = foreignKeys.filter((f) => f.table === name).map((f) => f.target);
    return {
      name,
      columns: columns.filter((c) => c.table === name).map(({ name, type }) => ({ name, type })),
      primaryKey: keys.filter((k) => k.table === name).map((k) => k.name),
      references: targets.filter((t) => t !== name),
      selfReferencing: targets.includes(name),
    };
  });
}

/**
 * Tables ordered so every table comes after the tables it references (Kahn's algorithm, ties by
 * name so the order is stable). A cycle between tables cannot be loaded row by row, so it is refused.
 */
export function foreignKeyOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const ordered: TableInfo[] = [];
  while (ordered.length < tables.length) {
    const ready = tables.filter(
      (t) => !done.has(t.name) && t.references.every((r) => done.has(r) || !byName.has(r)),
    );
    if (!ready.length) {
      const stuck = tables.filter((t) => !done.has(t.name)).map((t) => t.name);
      throw new Error(`Foreign keys form a cycle between tables ${stuck.join(', ')}`);
    }
    for (const t of ready) {
      done.add(t.name);
      ordered.push(t);
    }
  }
  return ordered;
}

/** Sequences of the public schema (serial and identity columns included) with their current value. */
export async function readSequences(db: Db): Promise<SequenceState[]> {
  return rows<SequenceState>(
    db,
    sql`select sequencename as name, last_value::text as last_value from pg_sequences
        where schemaname = 'public' order by sequencename`,
  );
}

/** The names of the tables that hold at least one row. */
export async function nonEmptyTables(db: Db, tables: TableInfo[]): Promise<string[]> {
  const found: string[] = [];
  for (const t of tables) {
    const [hit] = await rows(db, sql.raw(`select 1 from ${quoteIdent(t.name)} limit 1`));
    if (hit) found.push(t.name);
  }
  return found;
}

/**
 * The text forms backup writes and restore reads are only exact if both sides agree on them:
 * UTC timestamps in ISO style, hex bytea, shortest exact floats. Set per transaction.
 */
export async function useCanonicalTextForms(tx: Db) {
  for (const setting of [
    "set local timezone = 'UTC'",
    "set local datestyle = 'ISO, YMD'",
    "set local intervalstyle = 'postgres'",
    "set local bytea_output = 'hex'",
    'set local extra_float_digits = 1',
    // A backup or restore of a big database is one long transaction by design.
    'set local statement_timeout = 0',
    'set local idle_in_transaction_session_timeout = 0',
  ]) {
    await tx.execute(sql.raw(setting));
  }
}
