import { asc, eq, inArray, sql } from 'drizzle-orm';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import { sampleCustody, samples, users } from '../../db/schema/index.ts';
import { recordAudit } from '../../lib/audit.ts';
import { findVisible } from '../../lib/crud.ts';
import { conflict } from '../../lib/errors.ts';
import { IdempotencyHeaders, IdParams } from '../../lib/schemas.ts';
import { ownCustomer } from '../../lib/scoping.ts';
import type { App } from '../../types.ts';
import { CustodyCreate, CustodyEntry } from './samples.schemas.ts';

/**
 * Chain of custody: who handed a sample to whom, when and where. The table is append-only (the
 * database refuses UPDATE and DELETE); entries come from registration, the actions that move the
 * sample, splits, and by hand through POST /samples/{id}/custody.
 */
export type CustodyValues = Omit<typeof sampleCustody.$inferInsert, 'id' | 'at'>;

export const SAMPLE_REF = { table: samples, name: 'sample' } as const;
const scope = ownCustomer(samples.customer_id);

/** Appends entries (any number, one statement). */
export async function appendCustody(tx: Db, entries: CustodyValues[]): Promise<void> {
  if (entries.length) await tx.insert(sampleCustody).values(entries);
}

/** Full names of users, for the parties and "recorded by" of entries. */
export async function userNames(db: Db, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => !!id))];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.full_name, email: users.email })
    .from(users)
    .where(inArray(users.id, unique));
  return new Map(rows.map((u) => [u.id, u.name || u.email]));
}

export async function custodyOf(db: Db, sampleId: string) {
  return db
    .select({
      id: sampleCustody.id,
      sample_id: sampleCustody.sample_id,
      at: sampleCustody.at,
      action: sampleCustody.action,
      from_party: sampleCustody.from_party,
      to_party: sampleCustody.to_party,
      location: sampleCustody.location,
      notes: sampleCustody.notes,
      recorded_by: sampleCustody.recorded_by,
      recorded_by_name: sql<string | null>`coalesce(nullif(${users.full_name}, ''), ${users.email})`,
    })
    .from(sampleCustody)
    .leftJoin(users, eq(users.id, sampleCustody.recorded_by))
    .where(eq(sampleCustody.sample_id, sampleId))
    .orderBy(asc(sampleCustody.at), asc(sampleCustody.id));
}

export default async function custodyRoutes(app: App) {
  const base = '/api/v1/samples/:id/custody';
  app.get(
    base,
    {
      config: { roles: ['admin', 'manager', 'engineer', 'auditor', 'viewer', 'customer'] },
      schema: {
        operationId: 'samples-custody-list',
        tags: ['samples'],
        summary: 'The chain of custody of a sample, oldest first',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(CustodyEntry) }, { title: 'CustodyLog' }) },
      },
    },
    async (req) => {
      await findVisible(app.db, SAMPLE_REF, req.params.id, scope(req.user));
      return { items: await custodyOf(app.db, req.params.id) };
    },
  );

  app.post(
    base,
    {
      config: { roles: ['manager', 'engineer'], idempotent: true },
      schema: {
        operationId: 'samples-custody-create',
        tags: ['samples'],
        summary: 'Record a handover, transfer or storage move (append-only)',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CustodyCreate,
        response: { 201: CustodyEntry },
      },
    },
    async (req, reply) => {
      const body = req.body;
      const entry = await app.db.transaction(async (tx) => {
        const sample = await findVisible(tx, SAMPLE_REF, req.params.id, scope(req.user), true);
        if (sample.archived_at) throw conflict(`Sample ${sample.number} is archived; restore it first`);
        if (sample.status === 'disposed') {
          throw conflict(`Sample ${sample.number} is disposed; its chain of custody is closed`);
        }
        const [row] = await tx
          .insert(sampleCustody)
          .values({
            sample_id: sample.id,
            action: body.action,
            from_party: body.from_party ?? null,
            to_party: body.to_party ?? null,
            location: body.location ?? null,
            notes: body.notes ?? null,
            recorded_by: req.user.id,
          })
          .returning();
        const changes: Record<string, [unknown, unknown]> = {
          custody: [
            null,
            { action: row.action, from: row.from_party, to: row.to_party, location: row.location },
          ],
        };
        // A location says where the sample is now: its storage location follows.
        if (body.location && body.location !== sample.storage_location) {
          await tx
            .update(samples)
            .set({
              storage_location: body.location,
              version: sql`${samples.version} + 1`,
              updated_at: new Date(),
            })
            .where(eq(samples.id, sample.id));
          changes.storage_location = [sample.storage_location, body.location];
        }
        await recordAudit(tx, req.audit, {
          action: 'custody',
          entityType: 'sample',
          entityId: sample.id,
          changes,
        });
        return row;
      });
      const names = await userNames(app.db, [entry.recorded_by]);
      return reply.code(201).send({ ...entry, recorded_by_name: names.get(entry.recorded_by ?? '') ?? null });
    },
  );
}
