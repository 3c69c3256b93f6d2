import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { signedIn, uniq } from '../../test/factories/index.ts';
import { makeProject } from '../../test/factories/intake.ts';
import { users } from '../db/schema/index.ts';
import { recordAudit } from './audit.ts';

let t: TestApp;
let manager: Awaited<ReturnType<typeof signedIn>>;
let admin: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  t = await createTestApp();
  manager = await signedIn(t.app, 'manager');
  admin = await signedIn(t.app, 'admin');
  await t.app.db.update(users).set({ full_name: 'Mona Manager' }).where(eq(users.id, manager.user.id));
  await t.app.db.update(users).set({ full_name: '' }).where(eq(users.id, admin.user.id));
});
afterAll(async () => t?.close());

const patch = (id: string, headers: Record<string, string>, payload: object) =>
  t.app.inject({ method: 'PATCH', url: `/api/v1/projects/${id}`, headers, payload });
const history = (id: string, headers: Record<string, string>, query = '') =>
  t.app.inject({ url: `/api/v1/projects/${id}/history${query}`, headers });

describe('GET /<resource>/{id}/history', () => {
  it("names each event's actor (name and e-mail) next to actor_id", async () => {
    const project = await makeProject(t.app);
    expect((await patch(project.id, manager.headers, { description: 'first' })).statusCode).toBe(200);
    expect((await patch(project.id, admin.headers, { description: 'second' })).statusCode).toBe(200);
    const gone = uuidv7(); // an actor whose account is not there (audit rows keep the id, no foreign key)
    await t.app.db.transaction(async (tx) => {
      await recordAudit(
        tx,
        { actorId: gone, requestId: null, ip: null },
        { action: 'note', entityType: 'project', entityId: project.id },
      );
      await recordAudit(
        tx,
        { actorId: null, requestId: null, ip: null },
        { action: 'reminder', entityType: 'project', entityId: project.id },
      );
    });

    const res = await history(project.id, manager.headers);
    expect(res.statusCode).toBe(200);
    const actors = res
      .json()
      .items.map((e: Record<string, unknown>) => [e.action, e.actor_id, e.actor_name, e.actor_email]);
    expect(actors).toEqual([
      ['reminder', null, null, null],
      ['note', gone, null, null],
      ['update', admin.user.id, admin.user.email, admin.user.email], // no name: the address stands in
      ['update', manager.user.id, 'Mona Manager', manager.user.email],
    ]);
  });

  it('names the actors on every page; a customer caller sees who acted but not their address', async () => {
    const project = await makeProject(t.app);
    const buyer = await signedIn(t.app, 'customer', { customer_id: project.customer_id });
    for (let i = 0; i < 3; i++) await patch(project.id, manager.headers, { description: `v${i}-${uniq()}` });

    const second = (await history(project.id, manager.headers, '?skip=1&limit=1')).json();
    expect(second.has_more).toBe(true);
    expect(second.items).toHaveLength(1);
    expect(second.items[0]).toMatchObject({
      actor_id: manager.user.id,
      actor_name: 'Mona Manager',
      actor_email: manager.user.email,
    });

    const seen = await history(project.id, buyer.headers);
    expect(seen.statusCode).toBe(200);
    for (const event of seen.json().items)
      expect(event).toMatchObject({
        actor_id: manager.user.id,
        actor_name: 'Mona Manager',
        actor_email: null,
      });
  });
});
