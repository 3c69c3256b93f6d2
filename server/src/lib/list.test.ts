import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { signedIn } from '../../test/factories/index.ts';

/** Totals on a big table: exact up to 10,000 matches, the planner's flagged estimate beyond. */
let t: TestApp;
let headers: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  headers = (await signedIn(t.app, 'admin')).headers;
  await t.app.db.execute(sql`
    insert into customers (id, company_name, email, created_at, updated_at)
    select gen_random_uuid(), 'Bulk ' || i || case when i % 1000 = 0 then ' needle' else '' end,
           'bulk-' || i || '@example.test', now() - make_interval(secs => i), now()
    from generate_series(1, 60000) as s(i)`);
  await t.app.db.execute(sql`analyze customers`);
}, 300_000);
afterAll(async () => t?.close());

describe('list totals on 60,000 rows', () => {
  it('flags the total as an estimate beyond 10,000 matches, close to the truth', async () => {
    const page = (await t.app.inject({ url: '/api/v1/customers?limit=5', headers })).json();
    expect(page.total_is_estimate).toBe(true);
    expect(page.total).toBeGreaterThan(40_000);
    expect(page.total).toBeLessThan(80_000);
    expect(page.items).toHaveLength(5);
    expect(page.has_more).toBe(true);
  });

  it('counts exactly when a filter narrows it below the cap', async () => {
    const page = (await t.app.inject({ url: '/api/v1/customers?q=needle&limit=5', headers })).json();
    expect(page.total).toBe(60);
    expect(page.total_is_estimate).toBeUndefined();
  });

  it('pages deep by cursor in the same order as by offset', async () => {
    const byOffset = (await t.app.inject({ url: '/api/v1/customers?limit=20&skip=30000', headers })).json();
    const before = (await t.app.inject({ url: '/api/v1/customers?limit=20&skip=29980', headers })).json();
    const byCursor = (
      await t.app.inject({ url: `/api/v1/customers?limit=20&cursor=${before.next_cursor}`, headers })
    ).json();
    expect(byCursor.items.map((c: { id: string }) => c.id)).toEqual(
      byOffset.items.map((c: { id: string }) => c.id),
    );
  });
});
