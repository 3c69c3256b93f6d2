import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { makeMethod } from '../../../test/factories/catalogue.ts';
import { makeUser, signedIn, uniq } from '../../../test/factories/index.ts';
import { methods, users } from '../../db/schema/index.ts';
import { isAuthorised } from './methods.repo.ts';

let t: TestApp;
let manager: Awaited<ReturnType<typeof signedIn>>;
const url = '/api/v1/methods';

// A currency other than the column default (USD), so the config default is seen to apply.
beforeAll(async () => {
  t = await createTestApp({ CURRENCY: 'EUR' });
  manager = await signedIn(t.app, 'manager');
});
afterAll(async () => t?.close());

const create = (payload: unknown, headers: Record<string, string> = manager.headers) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers });
const fieldsOf = (res: { json(): { errors?: { field: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.field);
const countByCode = async (code: string) =>
  (await t.app.db.select().from(methods).where(eq(methods.code, code))).length;

describe('POST /methods', () => {
  it('creates a method with its parameters, the configured currency and the defaults', async () => {
    const engineer = await makeUser(t.app, { role: 'engineer' });
    const code = `ISO-3071-${uniq()}`;
    const res = await create({
      code: `  ${code} `,
      title: 'Determination of pH of the aqueous extract',
      standard_reference: 'ISO 3071:2020',
      parameters: [
        { name: ' pH ', decimals: 1 },
        { name: 'Extract temperature', unit: '°C', decimals: 1 },
      ],
      default_price: '45.5',
      tat_days: 3,
      authorised_engineer_ids: [engineer.id, engineer.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(res.headers.location).toBe(`${url}/${body.id}`);
    expect(body).toMatchObject({
      code,
      currency: 'EUR',
      default_price: '45.50',
      accredited: false,
      is_active: true,
      authorised_engineer_ids: [engineer.id],
    });
    expect(body.parameters).toEqual([
      { name: 'pH', unit: null, decimals: 1, kind: 'numeric' },
      { name: 'Extract temperature', unit: '°C', decimals: 1, kind: 'numeric' },
    ]);
  });

  it('names every field that breaks the schema in one 422, writing nothing', async () => {
    const code = `BAD-${uniq()}`;
    const res = await create({
      code,
      title: 'Bad',
      default_price: '-1.00',
      currency: 'euro',
      tat_days: -2,
      parameters: [
        { name: 'x', decimals: 7 },
        { name: 'y', kind: 'boolean' },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(fieldsOf(res)).toEqual(
      expect.arrayContaining([
        'default_price',
        'currency',
        'tat_days',
        'parameters[0].decimals',
        'parameters[1].kind',
      ]),
    );
    const tooPrecise = await create({ code, title: 'Bad', default_price: '10.005' });
    expect(fieldsOf(tooPrecise)).toEqual(['default_price']);
    expect(await countByCode(code)).toBe(0);
  });

  it('refuses duplicate parameter names (any case) and decimals on a text parameter with 422', async () => {
    const code = `DUP-${uniq()}`;
    const res = await create({
      code,
      title: 'Duplicates',
      parameters: [{ name: 'Grade' }, { name: 'Rating', kind: 'text', decimals: 1 }, { name: 'grade ' }],
    });
    expect(res.statusCode).toBe(422);
    expect(fieldsOf(res)).toEqual(['parameters[1].decimals', 'parameters[2].name']);
    expect(res.json().errors[1].message).toContain('parameters[0]');
    expect(await countByCode(code)).toBe(0);
  });

  it('refuses a code taken in any case with 409 naming code', async () => {
    const code = `ISO-105-C06-${uniq()}`;
    expect((await create({ code, title: 'Colour fastness to washing' })).statusCode).toBe(201);
    const res = await create({ code: ` ${code.toLowerCase()} `, title: 'Again' });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('code');
  });

  it('accepts only active engineers, managers and admins as authorised, naming each bad entry', async () => {
    const engineer = await makeUser(t.app, { role: 'engineer' });
    const admin = await makeUser(t.app, { role: 'admin' });
    const viewer = await makeUser(t.app, { role: 'viewer' });
    const inactive = await makeUser(t.app, { role: 'engineer' });
    await t.app.db.update(users).set({ is_active: false }).where(eq(users.id, inactive.id));
    const archived = await makeUser(t.app, { role: 'engineer' });
    await t.app.db.update(users).set({ archived_at: new Date() }).where(eq(users.id, archived.id));
    const unknown = '01900000-0000-7000-8000-000000000001';
    const code = `AUTH-${uniq()}`;
    const res = await create({
      code,
      title: 'Authorisation',
      authorised_engineer_ids: [
        engineer.id,
        viewer.id,
        manager.user.id,
        inactive.id,
        admin.id,
        archived.id,
        unknown,
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(fieldsOf(res)).toEqual([
      'authorised_engineer_ids[1]',
      'authorised_engineer_ids[3]',
      'authorised_engineer_ids[5]',
      'authorised_engineer_ids[6]',
    ]);
    expect(await countByCode(code)).toBe(0);
    const ok = await create({
      code,
      title: 'Authorisation',
      authorised_engineer_ids: [engineer.id, admin.id],
    });
    expect(ok.statusCode).toBe(201);
  });

  it('is for managers and admins: engineers and viewers get 403, customers too', async () => {
    for (const role of ['engineer', 'viewer', 'auditor', 'customer'] as const) {
      const user = await signedIn(t.app, role);
      expect((await create({ code: `R-${uniq()}`, title: 'x' }, user.headers)).statusCode).toBe(403);
    }
    const admin = await signedIn(t.app, 'admin');
    expect((await create({ code: `R-${uniq()}`, title: 'x' }, admin.headers)).statusCode).toBe(201);
  });
});

describe('GET /methods', () => {
  it('filters by accredited and is_active, searches code, title and standard reference, sorts by title', async () => {
    const tag = uniq();
    await makeMethod(t.app, { code: `A-${tag}`, title: `Zeta ${tag}`, accredited: true });
    await makeMethod(t.app, { code: `B-${tag}`, title: `Alpha ${tag}`, accredited: false });
    await makeMethod(t.app, {
      code: `C-${tag}`,
      title: 'Other',
      standard_reference: `EN 1811 ${tag}`,
      is_active: false,
    });
    const get = (qs: string) => t.app.inject({ url: `${url}?${qs}`, headers: manager.headers });
    const codes = (res: Awaited<ReturnType<typeof get>>) =>
      res.json().items.map((m: { code: string }) => m.code);
    expect(codes(await get(`q=${tag}&sort=title`))).toEqual([`B-${tag}`, `C-${tag}`, `A-${tag}`]);
    expect(codes(await get(`q=${tag}&accredited=true`))).toEqual([`A-${tag}`]);
    expect(codes(await get(`q=${tag}&is_active=false`))).toEqual([`C-${tag}`]);
    expect(codes(await get(`q=en 1811 ${tag}`))).toEqual([`C-${tag}`]);
    expect((await get('sort=price')).statusCode).toBe(422);
    const csv = await get(`q=${tag}&format=csv&sort=code`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toContain('authorised_engineer_ids');
    expect(csv.body.trim().split('\n')).toHaveLength(4);
  });

  it('lets every staff role read, but not customers', async () => {
    const method = await makeMethod(t.app);
    for (const role of ['engineer', 'viewer', 'auditor'] as const) {
      const user = await signedIn(t.app, role);
      expect((await t.app.inject({ url: `${url}/${method.id}`, headers: user.headers })).statusCode).toBe(
        200,
      );
    }
    const customer = await signedIn(t.app, 'customer');
    for (const path of [
      url,
      `${url}/${method.id}`,
      `${url}/${method.id}/history`,
      `${url}/${method.id}/engineers`,
    ]) {
      expect((await t.app.inject({ url: path, headers: customer.headers })).statusCode).toBe(403);
    }
  });
});

describe('PATCH and PUT /methods/{id}', () => {
  it('PATCH changes only what is sent (no default resets), with If-Match', async () => {
    const method = await makeMethod(t.app, { accredited: true, is_active: true });
    const patch = (payload: object, etag: string) =>
      t.app.inject({
        method: 'PATCH',
        url: `${url}/${method.id}`,
        payload,
        headers: { ...manager.headers, 'if-match': etag },
      });
    const res = await patch({ title: 'Tensile strength, revised' }, '"1"');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ title: 'Tensile strength, revised', accredited: true, version: 2 });
    expect(res.json().parameters).toHaveLength(3);
    expect((await patch({ title: 'stale' }, '"1"')).statusCode).toBe(412);
    const dup = await patch({ parameters: [{ name: 'A' }, { name: 'a' }] }, '"2"');
    expect(dup.statusCode).toBe(422);
    expect(fieldsOf(dup)).toEqual(['parameters[1].name']);
  });

  it('PUT takes back what GET returned; an omitted currency becomes the configured one', async () => {
    const method = await makeMethod(t.app, { currency: 'USD' });
    const got = await t.app.inject({ url: `${url}/${method.id}`, headers: manager.headers });
    const { currency: _c, ...rest } = got.json();
    const put = await t.app.inject({
      method: 'PUT',
      url: `${url}/${method.id}`,
      payload: { ...rest, tat_days: 7 },
      headers: manager.headers,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ tat_days: 7, currency: 'EUR', code: method.code, version: 2 });
    expect(put.json().parameters).toEqual(got.json().parameters);
  });

  it('keeps an engineer who became ineligible through unrelated edits, but refuses adding one', async () => {
    const kept = await makeUser(t.app, { role: 'engineer' });
    const method = await makeMethod(t.app, { authorised_engineer_ids: [kept.id] });
    await t.app.db.update(users).set({ is_active: false }).where(eq(users.id, kept.id));
    const patch = (payload: object) =>
      t.app.inject({ method: 'PATCH', url: `${url}/${method.id}`, payload, headers: manager.headers });
    expect((await patch({ tat_days: 9 })).statusCode).toBe(200);
    expect((await patch({ authorised_engineer_ids: [kept.id] })).statusCode).toBe(200);
    const viewer = await makeUser(t.app, { role: 'viewer' });
    const res = await patch({ authorised_engineer_ids: [kept.id, viewer.id] });
    expect(res.statusCode).toBe(422);
    expect(fieldsOf(res)).toEqual(['authorised_engineer_ids[1]']);
  });

  it('records create and update in the history', async () => {
    const res = await create({ code: `H-${uniq()}`, title: 'History' });
    const id = res.json().id;
    await t.app.inject({
      method: 'PATCH',
      url: `${url}/${id}`,
      payload: { accredited: true },
      headers: manager.headers,
    });
    const history = await t.app.inject({ url: `${url}/${id}/history`, headers: manager.headers });
    expect(history.json().items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(history.json().items[0].changes).toEqual({ accredited: [false, true] });
  });
});

describe('GET /methods/{id}/engineers and isAuthorised', () => {
  it('resolves the authorised engineers with names and whether they may perform it now', async () => {
    const a = await makeUser(t.app, { role: 'engineer' });
    const b = await makeUser(t.app, { role: 'manager' });
    const method = await makeMethod(t.app, { authorised_engineer_ids: [b.id, a.id] });
    await t.app.db.update(users).set({ is_active: false }).where(eq(users.id, a.id));
    const viewer = await signedIn(t.app, 'viewer');
    const res = await t.app.inject({ url: `${url}/${method.id}/engineers`, headers: viewer.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      { id: b.id, full_name: 'Test User', email: b.email, role: 'manager', is_active: true, eligible: true },
      {
        id: a.id,
        full_name: 'Test User',
        email: a.email,
        role: 'engineer',
        is_active: false,
        eligible: false,
      },
    ]);
    const missing = await t.app.inject({
      url: `${url}/01900000-0000-7000-8000-000000000002/engineers`,
      headers: viewer.headers,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('isAuthorised: only listed users who are still eligible', async () => {
    const listed = await makeUser(t.app, { role: 'engineer' });
    const other = await makeUser(t.app, { role: 'engineer' });
    const method = await makeMethod(t.app, { authorised_engineer_ids: [listed.id] });
    expect(await isAuthorised(t.app.db, method.id, listed.id)).toBe(true);
    expect(await isAuthorised(t.app.db, method.id, other.id)).toBe(false);
    expect(await isAuthorised(t.app.db, (await makeMethod(t.app)).id, listed.id)).toBe(false);
    await t.app.db.update(users).set({ role: 'viewer' }).where(eq(users.id, listed.id));
    expect(await isAuthorised(t.app.db, method.id, listed.id)).toBe(false);
    await t.app.db.update(users).set({ role: 'engineer', is_active: false }).where(eq(users.id, listed.id));
    expect(await isAuthorised(t.app.db, method.id, listed.id)).toBe(false);
  });
});

describe('GET /methods/catalogue', () => {
  it('shows customers the active methods only, without authorised engineers', async () => {
    const tag = uniq();
    const engineer = await makeUser(t.app, { role: 'engineer' });
    const active = await makeMethod(t.app, { code: `CAT-A-${tag}`, authorised_engineer_ids: [engineer.id] });
    await makeMethod(t.app, { code: `CAT-B-${tag}`, is_active: false });
    await makeMethod(t.app, { code: `CAT-C-${tag}`, archived_at: new Date() });
    const customer = await signedIn(t.app, 'customer');
    const get = (qs: string) => t.app.inject({ url: `${url}/catalogue?${qs}`, headers: customer.headers });
    const res = await get(`q=${tag}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((m: { code: string }) => m.code)).toEqual([`CAT-A-${tag}`]);
    const item = res.json().items[0];
    expect(item).not.toHaveProperty('authorised_engineer_ids');
    expect(item).not.toHaveProperty('is_active');
    expect(item).toMatchObject({ id: active.id, default_price: '85.00', parameters: active.parameters });
    expect((await get(`q=${tag}&archived=true`)).json().items).toHaveLength(1);
    const csv = await get(`q=${tag}&format=csv`);
    expect(csv.body.split('\n')[0]).not.toContain('authorised');
    expect(csv.body.trim().split('\n')).toHaveLength(2);
  });

  it('resolves a set of ids in one request (inactive ones left out)', async () => {
    const a = await makeMethod(t.app);
    const b = await makeMethod(t.app);
    const inactive = await makeMethod(t.app, { is_active: false });
    const viewer = await signedIn(t.app, 'viewer');
    const res = await t.app.inject({
      url: `${url}/catalogue?ids=${a.id}&ids=${b.id}&ids=${inactive.id}&sort=code`,
      headers: viewer.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .items.map((m: { id: string }) => m.id)
        .sort(),
    ).toEqual([a.id, b.id].sort());
    const bad = await t.app.inject({ url: `${url}/catalogue?ids=nope`, headers: viewer.headers });
    expect(bad.statusCode).toBe(422);
  });
});
