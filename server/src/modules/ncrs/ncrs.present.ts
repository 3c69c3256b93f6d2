import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { ncrActions, signatures } from '../../db/schema/index.ts';
import { allowedActions } from '../../lib/actions.ts';
import type { Row } from '../../lib/crud.ts';
import type { App, CurrentUser } from '../../types.ts';
import { labToday } from './ncrs.schemas.ts';
import { ncrMachine } from './ncrs.service.ts';
import { namesOf } from './people.ts';

/** An NCR as GET /ncrs/{id} shows it, for other modules that answer with one they created. */
export async function presentNcr(app: App, row: Row, user: CurrentUser) {
  const [full] = await ncrExpander(app.config.TIMEZONE)(app.db, [row]);
  return { ...full, allowed_actions: allowedActions(ncrMachine, row, user) };
}

/** Owner names and action counts (all, open, overdue) for a page of NCRs in two queries. */
export function ncrExpander(timeZone: string) {
  return async (db: Db, rows: Row[]): Promise<Row[]> => {
    const counts = await db
      .select({
        ncr_id: ncrActions.ncr_id,
        total: sql<number>`count(*)::int`,
        open: sql<number>`count(*) filter (where ${ncrActions.status} = 'open')::int`,
        overdue: sql<number>`count(*) filter (where ${ncrActions.status} = 'open'
          and ${ncrActions.due_date} < ${labToday(timeZone)})::int`,
      })
      .from(ncrActions)
      .where(
        and(
          inArray(
            ncrActions.ncr_id,
            rows.map((r) => r.id),
          ),
          isNull(ncrActions.archived_at),
        ),
      )
      .groupBy(ncrActions.ncr_id);
    const byNcr = new Map(counts.map((c) => [c.ncr_id, c]));
    const signed = rows.filter((r) => r.signature_id).map((r) => r.id);
    const signatureRows = signed.length
      ? await db
          .select()
          .from(signatures)
          .where(and(eq(signatures.entity_type, 'ncr'), inArray(signatures.entity_id, signed)))
          .orderBy(asc(signatures.signed_at), asc(signatures.id))
      : [];
    const names = await namesOf(
      db,
      rows.map((r) => r.owner_id as string | null),
    );
    return rows.map((row) => {
      const c = byNcr.get(row.id);
      return {
        ...row,
        owner_name: row.owner_id ? (names.get(row.owner_id as string) ?? null) : null,
        action_count: Number(c?.total ?? 0),
        open_action_count: Number(c?.open ?? 0),
        overdue_action_count: Number(c?.overdue ?? 0),
        signatures: signatureRows
          .filter((sig) => sig.entity_id === row.id)
          .map((sig) => ({ ...sig, signed_at: sig.signed_at.toISOString() })),
      };
    });
  };
}
