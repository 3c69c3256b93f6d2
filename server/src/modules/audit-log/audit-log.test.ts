import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { signedIn, uniq } from '../../../test/factories/index.ts';
import type { Db } from '../../db/client.ts';
import { auditEvents } from '../../db/schema/index.ts';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedIn>>;
let auditor: Awaited<ReturnType<typeof signedIn>>;
let manager: Awaited<ReturnType<typeof signedIn>>;
const url = '/api/v1/audit-log';

interface Event {
  id: string;
  seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  changes: Record<string, unknown[]>;
}

beforeAll(async () => {
  t = await createTestApp({ MAX_EVENT_LOOP_DELAY_MS: 0 }); // no load shedding on a busy test machine
  admin = await signedIn(t.app, 'admin');
  auditor = await signedIn(t.app, 'auditor');
  manager = await signedIn(t.app, 'manager');
});
afterAll(async () => t?.close());

const get = (qs: string, headers = auditor.headers) => t.app.inject({ url: `${url}${qs}`, headers });
const events = async (qs: string): Promise<Event[]> => {
  const res = await get(qs);
  expect(res.statusCode, qs).toBe(200);
  return res.json().items;
};
const verify = async () => {
  const res = await t.app.inject({ url: `${url}/verify`, headers: admin.headers });
  expect(res.statusCode).toBe(200);
  return res.json() as {
    ok: boolean;
    checked: number;
    first_broken: null | { seq: number; id: string; reason: string };
  };
};

/** Creates, edits and archives a customer through the API: three audit events by `who`. */
async function customerWithHistory(headers: Record<string, string>) {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/customers',
    headers,
    payload: { company_name: `Audited ${uniq()}`, email: `audited-${uniq()}@example.test` },
  });
  const id = created.json().id as string;
  await t.app.inject({
    method: 'PATCH',
    url: `/api/v1/customers/${id}`,
    headers,
    payload: { notes: 'first note' },
  });
  await t.app.inject({ method: 'DELETE', url: `/api/v1/customers/${id}`, headers });
  return id;
}

/** Runs `work` with the append-only trigger off, as a superuser could behind the API's back. */
async function behindTheApisBack(work: (tx: Db) => Promise<unknown>) {
  await t.app.db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
    await work(tx);
    await tx.execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
  });
}

describe('GET /audit-log', () => {
  it('is readable by admins and auditors only', async () => {
    expect((await get('', admin.headers)).statusCode).toBe(200);
    expect((await get('', auditor.headers)).statusCode).toBe(200);
    for (const role of ['manager', 'engineer', 'viewer', 'customer'] as const) {
      const who = role === 'manager' ? manager : await signedIn(t.app, role);
      expect((await get('', who.headers)).statusCode, role).toBe(403);
      expect((await t.app.inject({ url: `${url}/verify`, headers: who.headers })).statusCode, role).toBe(403);
    }
    expect((await t.app.inject({ url })).statusCode).toBe(401);
    expect((await t.app.inject({ url: `${url}/verify` })).statusCode).toBe(401);
  });

  it('filters by entity, newest first, with the changes as [old, new]', async () => {
    const id = await customerWithHistory(manager.headers);
    const items = await events(`?entity_type=customer&entity_id=${id}`);
    expect(items.map((e) => e.action)).toEqual(['archive', 'update', 'create']);
    expect(items[1].changes.notes).toEqual([null, 'first note']);
    expect(items.every((e) => e.actor_id === manager.user.id)).toBe(true);
    expect(items[0].seq).toBeGreaterThan(items[1].seq);
  });

  it('filters by actor and by action', async () => {
    const byAdmin = await customerWithHistory(admin.headers);
    const byManager = await customerWithHistory(manager.headers);
    const adminEvents = await events(`?actor_id=${admin.user.id}&limit=100`);
    expect(adminEvents.length).toBeGreaterThanOrEqual(3);
    expect(adminEvents.every((e) => e.actor_id === admin.user.id)).toBe(true);
    expect(adminEvents.some((e) => e.entity_id === byAdmin)).toBe(true);
    expect(adminEvents.some((e) => e.entity_id === byManager)).toBe(false);

    const archives = await events('?action=archive&entity_type=customer&limit=100');
    expect(archives.every((e) => e.action === 'archive')).toBe(true);
    expect(archives.map((e) => e.entity_id)).toEqual(expect.arrayContaining([byAdmin, byManager]));
  });

  it('filters by a time range', async () => {
    const id = await customerWithHistory(manager.headers);
    const [archived, , created] = await events(`?entity_type=customer&entity_id=${id}`);
    const within = await events(`?entity_id=${id}&at_from=${created.at}&at_to=${archived.at}`);
    expect(within).toHaveLength(3);
    const exactly = await events(`?entity_id=${id}&at_from=${created.at}&at_to=${created.at}`);
    expect(exactly.map((e) => e.id)).toContain(created.id);
    const before = new Date(new Date(created.at).getTime() - 1).toISOString();
    expect(await events(`?entity_id=${id}&at_to=${before}`)).toEqual([]);
    const after = new Date(new Date(archived.at).getTime() + 1).toISOString();
    expect(await events(`?entity_id=${id}&at_from=${after}`)).toEqual([]);
  });

  it('pages with skip/limit/has_more and refuses bad filters with 422', async () => {
    const first = (await get('?limit=2')).json();
    expect(first.items).toHaveLength(2);
    expect(first.has_more).toBe(true);
    const second = (await get('?limit=2&skip=1')).json();
    expect(second.items[0].id).toBe(first.items[1].id);
    for (const qs of ['?at_from=yesterday', '?actor_id=nope', '?limit=0', '?limit=101', '?skip=-1']) {
      const res = await get(qs);
      expect(res.statusCode, qs).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe('the audit trail is append-only and tamper-evident', () => {
  it('the database refuses UPDATE, DELETE and TRUNCATE on audit events', async () => {
    const [event] = await t.app.db.select().from(auditEvents).where(eq(auditEvents.seq, 1));
    const attempts = [
      sql`update audit_events set action = 'rewritten' where seq = 1`,
      sql`delete from audit_events where seq = 1`,
      sql`truncate audit_events`,
    ];
    for (const attempt of attempts) {
      const err = await t.app.db.execute(attempt).then(
        () => undefined,
        (e: Error & { cause?: Error & { code?: string } }) => e.cause ?? e,
      );
      expect(err?.message).toMatch(/append-only/);
      expect((err as { code?: string }).code).toBe('42501'); // insufficient_privilege
    }
    const [after] = await t.app.db.select().from(auditEvents).where(eq(auditEvents.seq, 1));
    expect(after).toEqual(event);
  });

  it('verify names an event whose changes were edited behind the API, and passes again once restored', async () => {
    await customerWithHistory(manager.headers);
    const before = await verify();
    expect(before).toMatchObject({ ok: true, first_broken: null });
    expect(before.checked).toBeGreaterThan(3);

    const [victim] = await t.app.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'update'))
      .orderBy(auditEvents.seq)
      .limit(1);
    await behindTheApisBack((tx) =>
      tx
        .update(auditEvents)
        .set({ changes: { notes: [null, 'forged'] } })
        .where(eq(auditEvents.id, victim.id)),
    );
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.first_broken).toMatchObject({ seq: victim.seq, id: victim.id });
    expect(report.first_broken!.reason).toMatch(/changed/);
    expect(report.checked).toBe(victim.seq - 1);

    await behindTheApisBack((tx) =>
      tx.update(auditEvents).set({ changes: victim.changes }).where(eq(auditEvents.id, victim.id)),
    );
    expect((await verify()).ok).toBe(true);
  });

  it('verify detects a deleted event', async () => {
    // two histories, so the first archive event is not the last event of the chain
    await customerWithHistory(manager.headers);
    await customerWithHistory(manager.headers);
    const [victim] = await t.app.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'archive'))
      .orderBy(auditEvents.seq)
      .limit(1);
    await behindTheApisBack((tx) => tx.delete(auditEvents).where(eq(auditEvents.id, victim.id)));
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.first_broken!.seq).toBe(victim.seq + 1);
    expect(report.first_broken!.reason).toContain(`event ${victim.seq} is missing`);

    // inserting is allowed: putting the event back verbatim heals the chain
    await t.app.db.insert(auditEvents).values(victim);
    expect((await verify()).ok).toBe(true);
  });
});
