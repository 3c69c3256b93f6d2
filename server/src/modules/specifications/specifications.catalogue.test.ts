import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { signedIn } from '../../../test/factories/index.ts';
import { makeProject, makeSpecification, trfBody } from '../../../test/factories/intake.ts';

/** Portal customers pick specifications on their test requests from the catalogue (no limits). */
let t: TestApp;
let customer: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  t = await createTestApp();
  customer = await signedIn(t.app, 'customer');
});
afterAll(async () => t?.close());

const catalogue = (qs: string) =>
  t.app.inject({ url: `/api/v1/specifications/catalogue${qs}`, headers: customer.headers });

describe('GET /specifications/catalogue', () => {
  it('lists active revisions to customers by code, name and source, without limits', async () => {
    const active = await makeSpecification(t.app, { code: 'CAT-ACTIVE', source: 'EN ISO 13934-1' });
    await makeSpecification(t.app, { code: 'CAT-OLD', status: 'superseded' });
    await makeSpecification(t.app, { code: 'CAT-GONE', archived_at: new Date() });

    const res = await catalogue('?q=CAT-&sort=code');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Record<string, unknown>[];
    expect(items.map((s) => s.code)).toEqual(['CAT-ACTIVE']);
    expect(items[0]).toEqual({
      id: active.id,
      code: 'CAT-ACTIVE',
      name: active.name,
      revision: 1,
      source: 'EN ISO 13934-1',
      description: null,
    });
    // the full records stay staff-only
    const full = await t.app.inject({
      url: `/api/v1/specifications/${active.id}`,
      headers: customer.headers,
    });
    expect(full.statusCode).toBe(403);
  });

  it('resolves names by id (superseded revisions too), and refuses malformed ids naming the field', async () => {
    const spec = await makeSpecification(t.app, { code: 'CAT-BYID' });
    const old = await makeSpecification(t.app, { code: 'CAT-BYID-OLD', status: 'superseded' });
    const res = await catalogue(`?ids=${spec.id}&ids=${old.id}&sort=code`);
    expect(res.json().items.map((s: { id: string }) => s.id)).toEqual([spec.id, old.id]);
    const bad = await catalogue('?ids=not-a-uuid');
    expect(bad.statusCode).toBe(422);
    expect(JSON.stringify(bad.json().errors)).toContain('ids');
  });

  it('lets a customer name a catalogue specification on its own test request', async () => {
    const spec = await makeSpecification(t.app, { code: 'CAT-TRF' });
    const project = await makeProject(t.app, { customer_id: customer.user.customer_id! });
    const body = trfBody(project.id);
    body.items[0].specification_ids = [spec.id] as never[];
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/trfs',
      headers: customer.headers,
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items[0].specification_ids).toEqual([spec.id]);
  });
});
