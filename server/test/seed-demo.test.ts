import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, customers, users } from '../src/db/schema/index.ts';
import { DEMO_STEPS } from '../src/db/seed/demo/index.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/db/seed/demo/users.ts';
import { seedDemo } from '../src/db/seed/demo.ts';
import { createTestApp, type TestApp } from './app.ts';
import { login } from './factories/index.ts';

/** SEED_DEMO=true / labline seed-demo: realistic, usable, and loaded once however often it runs. */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.app);
  await seedDemo(t.app); // the second run must add nothing
});
afterAll(async () => t?.close());

describe('demo data', () => {
  it('is loaded once: customers with contacts and one user per role, each with its create event', async () => {
    const all = await t.app.db.select().from(customers);
    expect(all).toHaveLength(8);
    expect(all.every((c) => c.contacts.length > 0)).toBe(true);
    expect(all.filter((c) => !c.is_active).map((c) => c.company_name)).toEqual(['Pacific Denim Works']);
    const people = await t.app.db.select().from(users);
    expect(people.map((u) => u.role).sort()).toEqual([
      'auditor',
      'customer',
      'engineer',
      'manager',
      'viewer',
    ]);
    const created = await t.app.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'create'), eq(auditEvents.entity_type, 'customer')));
    expect(created).toHaveLength(8);
    const markers = await t.app.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'seed-demo'))
      .orderBy(auditEvents.seq);
    expect(markers.map((m) => m.entity_id)).toEqual(DEMO_STEPS.map((s) => s.name));
  });

  it('signs in with the printed password; the portal user sees only its own company', async () => {
    const manager = await login(t.app, DEMO_USERS[0].email, DEMO_PASSWORD);
    const staffView = await t.app.inject({ url: '/api/v1/customers?limit=100', headers: manager.headers });
    expect(staffView.json().total).toBe(8);
    const portalEmail = DEMO_USERS.find((u) => u.role === 'customer')!.email;
    const portal = await login(t.app, portalEmail, DEMO_PASSWORD);
    const ownView = await t.app.inject({ url: '/api/v1/customers', headers: portal.headers });
    expect(ownView.statusCode).toBe(200);
    expect(ownView.json().items.map((c: { company_name: string }) => c.company_name)).toEqual([
      'Nordic Threads AB',
    ]);
  });

  it('shows the issued certificates signed by the manager on their issue day', async () => {
    const manager = await login(t.app, DEMO_USERS[0].email, DEMO_PASSWORD);
    const list = await t.app.inject({
      url: '/api/v1/certifications?status=issued',
      headers: manager.headers,
    });
    expect(list.json().items.length).toBeGreaterThan(0);
    for (const cert of list.json().items) {
      const detail = await t.app.inject({
        url: `/api/v1/certifications/${cert.id}`,
        headers: manager.headers,
      });
      expect(detail.json().signatures).toEqual([
        expect.objectContaining({ meaning: 'issued', user_name: DEMO_USERS[0].full_name }),
      ]);
      expect(detail.json().signatures[0].signed_at.slice(0, 10)).toBe(cert.issue_date);
    }
  });

  it('keeps the audit chain intact', async () => {
    const auditor = await login(t.app, 'auditor@demo.labline.local', DEMO_PASSWORD);
    const verify = await t.app.inject({ url: '/api/v1/audit-log/verify', headers: auditor.headers });
    expect(verify.json()).toMatchObject({ ok: true, first_broken: null });
  });
});
