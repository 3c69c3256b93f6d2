import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.ts';
import { login } from '../../../../test/factories/index.ts';
import { isAuthorised } from '../../../modules/methods/methods.repo.ts';
import { methods, specifications, users } from '../../schema/index.ts';
import { loadDemoData } from '../demo.ts';
import { DEMO_METHODS } from './methods.ts';
import { DEMO_SPECIFICATIONS } from './specifications.ts';
import { DEMO_PASSWORD } from './users.ts';

/** The demo catalogue: every method and limit passes the API's rules, and it loads once. */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoData(t.app.db, t.app.passwords);
  await loadDemoData(t.app.db, t.app.passwords);
});
afterAll(async () => t?.close());

describe('demo catalogue', () => {
  it('loads every method once, with the demo engineer authorised', async () => {
    const all = await t.app.db.select().from(methods);
    expect(all.map((m) => m.code).sort()).toEqual(DEMO_METHODS.map((m) => m.code).sort());
    const [engineer] = await t.app.db
      .select()
      .from(users)
      .where(eq(users.email, 'engineer@demo.labline.local'));
    const c06 = all.find((m) => m.code === 'ISO-105-C06')!;
    expect(await isAuthorised(t.app.db, c06.id, engineer.id)).toBe(true);
    expect(c06.parameters).toContainEqual({
      name: 'Colour change',
      unit: 'grade',
      decimals: 1,
      kind: 'numeric',
    });
  });

  it('loads every specification with method-bound limits, one of them in its second revision', async () => {
    const all = await t.app.db.select().from(specifications);
    expect(new Set(all.map((s) => s.code))).toEqual(new Set(DEMO_SPECIFICATIONS.map((s) => s.code)));
    expect(all.filter((s) => s.code === 'NT-APPAREL').map((s) => [s.revision, s.status])).toEqual(
      expect.arrayContaining([
        [1, 'superseded'],
        [2, 'active'],
      ]),
    );
    for (const spec of all) {
      for (const limit of spec.limits)
        expect(limit.method_id, `${spec.code} ${limit.parameter}`).toBeTruthy();
    }
    const oeko = all.find((s) => s.code === 'OEKO-TEX-100-II')!;
    expect(oeko.limits.find((l) => l.parameter === 'Formaldehyde')).toMatchObject({
      unit: 'mg/kg',
      max: '75',
    });
  });

  it('shows a portal customer the active catalogue only', async () => {
    const portal = await login(t.app, 'portal@nordicthreads.example', DEMO_PASSWORD);
    const res = await t.app.inject({ url: '/api/v1/methods/catalogue?limit=100', headers: portal.headers });
    expect(res.json().total).toBe(DEMO_METHODS.filter((m) => m.is_active !== false).length);
  });
});
