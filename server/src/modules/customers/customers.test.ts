import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { makeCustomer, signedIn, uniq } from '../../../test/factories/index.ts';
import { idempotencyKeys } from '../../db/schema/index.ts';
import { requestFingerprint } from '../../plugins/app/idempotency.ts';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedIn>>;
const url = '/api/v1/customers';

beforeAll(async () => {
  t = await createTestApp();
  admin = await signedIn(t.app, 'admin');
});
afterAll(async () => t?.close());

const create = (payload: unknown, headers: Record<string, string> = admin.headers) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers });

describe('POST /customers', () => {
  it('creates with 201, Location and ETag, ignoring read-only fields', async () => {
    const res = await create({
      company_name: 'Acme Textiles',
      email: `acme-${uniq()}@example.test`,
      contacts: [{ name: 'Ana', email: 'ana@example.test', role: 'QA' }],
      id: '00000000-0000-0000-0000-000000000000',
      version: 99,
      created_at: '2000-01-01T00:00:00Z',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(res.headers.location).toBe(`${url}/${body.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(body.id).not.toBe('00000000-0000-0000-0000-000000000000');
    expect(body.version).toBe(1);
    expect(body.created_at).not.toBe('2000-01-01T00:00:00.000Z');
    expect(body.contacts).toEqual([{ name: 'Ana', email: 'ana@example.test', role: 'QA' }]);
    expect(body.is_active).toBe(true);
  });

  it('names every bad field in a 422', async () => {
    const res = await create({ company_name: 5, email: 'not-an-email' });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['company_name', 'email']));
  });

  it('refuses a duplicate email (case-insensitive) with 409 naming the field', async () => {
    const email = `dup-${uniq()}@example.test`;
    expect((await create({ company_name: 'One', email })).statusCode).toBe(201);
    const res = await create({ company_name: 'Two', email: email.toUpperCase() });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('email');
  });

  it('rejects huge strings, NUL bytes and malformed JSON without writing', async () => {
    expect((await create({ company_name: 'x'.repeat(5000), email: `a-${uniq()}@e.test` })).statusCode).toBe(
      422,
    );
    const nul = await create({ company_name: 'bad\u0000name', email: `n-${uniq()}@e.test` });
    expect(nul.statusCode).toBe(422);
    expect(nul.json().errors[0].field).toBe('company_name');
    const malformed = await t.app.inject({
      method: 'POST',
      url,
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: '{"company_name":',
    });
    expect(malformed.statusCode).toBe(400);
    const xml = await t.app.inject({
      method: 'POST',
      url,
      headers: { ...admin.headers, 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(xml.statusCode).toBe(415);
  });

  it('frees the Idempotency-Key of a refused create, so the corrected form goes through under it', async () => {
    const key = `k-${uniq()}`;
    const headers = { ...admin.headers, 'idempotency-key': key };
    const refused = await create({ company_name: 'Fixed Co', email: 'not an address' }, headers);
    expect(refused.statusCode).toBe(422);
    const corrected = await create(
      { company_name: 'Fixed Co', email: `fixed-${uniq()}@example.test` },
      headers,
    );
    expect(corrected.statusCode, corrected.body).toBe(201);
    const replay = await create({ company_name: 'Fixed Co', email: corrected.json().email }, headers);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().id).toBe(corrected.json().id);
  });

  it('replays an Idempotency-Key byte for byte, 422 for another body', async () => {
    const key = `k-${uniq()}`;
    const payload = { company_name: 'Idem Co', email: `idem-${uniq()}@example.test` };
    const headers = { ...admin.headers, 'idempotency-key': key };
    const first = await create(payload, headers);
    const second = await create(payload, headers);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.body).toBe(first.body);
    expect(second.headers.location).toBe(first.headers.location);
    const list = await t.app.inject({ url: `${url}?q=Idem Co`, headers: admin.headers });
    expect(list.json().total).toBe(1);
    const other = await create({ ...payload, company_name: 'Other' }, headers);
    expect(other.statusCode).toBe(422);
  });

  it('answers 409 to a retry while the first request with the key is still running', async () => {
    const key = `running-${uniq()}`;
    const payload = { company_name: 'Slow Co', email: `slow-${uniq()}@example.test` };
    // The first request claimed the key and has not answered yet: that is a 'running' row.
    await t.app.db.insert(idempotencyKeys).values({
      user_id: admin.user.id,
      key,
      request_hash: requestFingerprint('POST', url, {}, payload),
    });
    const retry = await create(payload, { ...admin.headers, 'idempotency-key': key });
    expect(retry.statusCode, retry.body).toBe(409);
    const list = await t.app.inject({ url: `${url}?q=Slow Co`, headers: admin.headers });
    expect(list.json().total).toBe(0);
  });
});

describe('GET /customers', () => {
  it('pages, sorts, searches and filters', async () => {
    const tag = uniq();
    for (let i = 0; i < 5; i++)
      await makeCustomer(t.app, { company_name: `Sort ${tag} ${i}`, is_active: i % 2 === 0 });
    const res = await t.app.inject({
      url: `${url}?q=${tag}&sort=-company_name&limit=2`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.total).toBe(5);
    expect(page.has_more).toBe(true);
    expect(page.items.map((c: { company_name: string }) => c.company_name)).toEqual([
      `Sort ${tag} 4`,
      `Sort ${tag} 3`,
    ]);
    const next = await t.app.inject({
      url: `${url}?q=${tag}&sort=-company_name&limit=2&cursor=${page.next_cursor}`,
      headers: admin.headers,
    });
    expect(next.json().items.map((c: { company_name: string }) => c.company_name)).toEqual([
      `Sort ${tag} 2`,
      `Sort ${tag} 1`,
    ]);
    const active = await t.app.inject({ url: `${url}?q=${tag}&is_active=false`, headers: admin.headers });
    expect(active.json().total).toBe(2);
  });

  it('walks a whole sorted list by cursor, and filters by a created_at range', async () => {
    const tag = uniq();
    const made = [];
    for (let i = 0; i < 7; i++) {
      made.push(
        await makeCustomer(t.app, {
          company_name: `Walk ${tag}`,
          created_at: new Date(Date.UTC(2024, 0, 1 + i)),
        }),
      );
    }
    const seen: string[] = [];
    let cursor = '';
    for (let guard = 0; guard < 10; guard++) {
      const page = (
        await t.app.inject({
          url: `${url}?q=${tag}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
          headers: admin.headers,
        })
      ).json();
      seen.push(...page.items.map((c: { id: string }) => c.id));
      if (!page.next_cursor) break;
      cursor = page.next_cursor;
    }
    expect(seen).toEqual(made.map((c) => c.id).reverse());
    const ranged = await t.app.inject({
      url: `${url}?q=${tag}&created_at_from=2024-01-03T00:00:00Z&created_at_to=2024-01-05T00:00:00Z`,
      headers: admin.headers,
    });
    expect(ranged.json().total).toBe(3);
    const bad = await t.app.inject({ url: `${url}?created_at_from=yesterday`, headers: admin.headers });
    expect(bad.statusCode).toBe(422);
  });

  it('refuses out-of-range paging and unknown sort fields with 422', async () => {
    for (const qs of ['limit=0', 'limit=101', 'skip=-1', 'sort=password', 'cursor=garbage']) {
      const res = await t.app.inject({ url: `${url}?${qs}`, headers: admin.headers });
      expect(res.statusCode, qs).toBe(422);
    }
  });

  it('exports the filtered list as CSV', async () => {
    const tag = uniq();
    await makeCustomer(t.app, { company_name: `=CSV ${tag}` });
    const res = await t.app.inject({
      url: `${url}?q=${tag}`,
      headers: { ...admin.headers, accept: 'text/csv' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toContain('company_name');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`'=CSV ${tag}`);
  });
});

describe('PATCH, PUT, DELETE, restore, history', () => {
  it('updates with If-Match and answers 412 when stale', async () => {
    const c = await makeCustomer(t.app);
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${c.id}`,
      headers: { ...admin.headers, 'if-match': '"1"' },
      payload: { phone: '+1 555 0100' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${c.id}`,
      headers: { ...admin.headers, 'if-match': '"1"' },
      payload: { phone: '+1 555 0199' },
    });
    expect(stale.statusCode).toBe(412);
    const viaBody = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${c.id}`,
      headers: admin.headers,
      payload: { phone: '+1 555 0199', version: 1 },
    });
    expect(viaBody.statusCode).toBe(412);
  });

  it('PATCH changes only the fields sent (defaults never overwrite stored values)', async () => {
    const c = await makeCustomer(t.app, { is_active: false, contacts: [{ name: 'Keep Me' }] });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${c.id}`,
      headers: admin.headers,
      payload: { notes: 'only this' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      notes: 'only this',
      is_active: false,
      contacts: [{ name: 'Keep Me' }],
    });
  });

  it('lets exactly one of 50 parallel PATCHes with one If-Match win', async () => {
    const c = await makeCustomer(t.app);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.app.inject({
          method: 'PATCH',
          url: `${url}/${c.id}`,
          headers: { ...admin.headers, 'if-match': '"1"' },
          payload: { notes: `writer ${i}` },
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((s) => s === 200)).toHaveLength(1);
    expect(codes.filter((s) => s === 412)).toHaveLength(49);
    const now = await t.app.inject({ url: `${url}/${c.id}`, headers: admin.headers });
    expect(now.json().version).toBe(2);
  });

  it('PUT accepts back what GET returned and replaces the editable fields', async () => {
    const c = await makeCustomer(t.app, { phone: '123' });
    const got = (await t.app.inject({ url: `${url}/${c.id}`, headers: admin.headers })).json();
    const { phone: _phone, ...withoutPhone } = got;
    const res = await t.app.inject({
      method: 'PUT',
      url: `${url}/${c.id}`,
      headers: admin.headers,
      payload: { ...withoutPhone, company_name: 'Renamed' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().company_name).toBe('Renamed');
    expect(res.json().phone).toBeNull();
    expect(res.json().version).toBe(2);
  });

  it('archives, hides, restores and keeps the history', async () => {
    const c = await makeCustomer(t.app);
    await t.app.inject({
      method: 'PATCH',
      url: `${url}/${c.id}`,
      headers: admin.headers,
      payload: { notes: 'n' },
    });
    expect(
      (await t.app.inject({ method: 'DELETE', url: `${url}/${c.id}`, headers: admin.headers })).statusCode,
    ).toBe(204);
    const hidden = await t.app.inject({
      url: `${url}?q=${encodeURIComponent(c.company_name)}`,
      headers: admin.headers,
    });
    expect(hidden.json().total).toBe(0);
    const archived = await t.app.inject({
      url: `${url}?archived=true&q=${encodeURIComponent(c.company_name)}`,
      headers: admin.headers,
    });
    expect(archived.json().total).toBe(1);
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${c.id}`,
      headers: admin.headers,
      payload: { notes: 'x' },
    });
    expect(edit.statusCode).toBe(409);
    const restored = await t.app.inject({
      method: 'POST',
      url: `${url}/${c.id}/restore`,
      headers: admin.headers,
    });
    expect(restored.statusCode).toBe(200);
    expect(restored.json().archived_at).toBeNull();
    const history = await t.app.inject({ url: `${url}/${c.id}/history`, headers: admin.headers });
    expect(history.json().items.map((e: { action: string }) => e.action)).toEqual([
      'restore',
      'archive',
      'update',
    ]);
    expect(history.json().items[2].changes.notes).toEqual([null, 'n']);
  });

  it('answers 404 for unknown ids and 422 for garbage ids', async () => {
    const missing = await t.app.inject({
      url: `${url}/01900000-0000-7000-8000-000000000000`,
      headers: admin.headers,
    });
    expect(missing.statusCode).toBe(404);
    const garbage = await t.app.inject({ url: `${url}/not-a-uuid`, headers: admin.headers });
    expect(garbage.statusCode).toBe(422);
  });
});

describe('roles and customer scoping', () => {
  it('lets viewers read but not write, and customers see only their own customer', async () => {
    const viewer = await signedIn(t.app, 'viewer');
    expect((await t.app.inject({ url, headers: viewer.headers })).statusCode).toBe(200);
    expect(
      (await create({ company_name: 'V', email: `v-${uniq()}@e.test` }, viewer.headers)).statusCode,
    ).toBe(403);

    const other = await makeCustomer(t.app);
    const portal = await signedIn(t.app, 'customer');
    const list = (await t.app.inject({ url, headers: portal.headers })).json();
    expect(list.total).toBe(1);
    expect(list.items[0].id).toBe(portal.user.customer_id);
    const hidden = await t.app.inject({ url: `${url}/${other.id}`, headers: portal.headers });
    expect(hidden.statusCode).toBe(404);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${portal.user.customer_id}`,
      headers: portal.headers,
      payload: { notes: 'mine' },
    });
    expect(patch.statusCode).toBe(403);
  });

  it('answers 401 without a token', async () => {
    const res = await t.app.inject({ url });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });
});
