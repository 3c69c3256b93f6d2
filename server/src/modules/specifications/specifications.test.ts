import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { makeMethod, makeSpecification } from '../../../test/factories/catalogue.ts';
import { signedIn, uniq } from '../../../test/factories/index.ts';

let t: TestApp;
let manager: Awaited<ReturnType<typeof signedIn>>;
const url = '/api/v1/specifications';

beforeAll(async () => {
  t = await createTestApp();
  manager = await signedIn(t.app, 'manager');
});
afterAll(async () => t?.close());

const create = (payload: unknown, headers: Record<string, string> = manager.headers) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers });
const revise = (id: string, payload: object, headers: Record<string, string> = manager.headers) =>
  t.app.inject({ method: 'POST', url: `${url}/${id}/revise`, payload, headers });
const fieldsOf = (res: { json(): { errors?: { field: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.field);
const total = async (q: string) =>
  (await t.app.inject({ url: `${url}?q=${q}`, headers: manager.headers })).json().total;

const ph = { parameter: 'pH', min: '4.0', max: '7.5', warn_min: '4.5', warn_max: '7.0' };

describe('POST /specifications', () => {
  it('creates revision 1, active, with normalized limits and allowed_actions', async () => {
    const code = `OEKO-${uniq()}`;
    const res = await create({
      code,
      name: 'OEKO-TEX Standard 100 Class II (excerpt)',
      source: 'OEKO-TEX 2024',
      limits: [ph, { parameter: 'Odour', expected_text: ' no abnormal odour ' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      code,
      revision: 1,
      previous_id: null,
      status: 'active',
      allowed_actions: ['revise'],
    });
    expect(body.limits[0]).toEqual({
      parameter: 'pH',
      method_id: null,
      unit: null,
      min: '4.0',
      max: '7.5',
      warn_min: '4.5',
      warn_max: '7.0',
      expected_text: null,
    });
    expect(body.limits[1]).toMatchObject({
      parameter: 'Odour',
      expected_text: 'no abnormal odour',
      min: null,
    });
  });

  it('refuses limits out of order, naming limits[i].field, and writes nothing', async () => {
    const tag = uniq();
    const res = await create({
      code: `ORD-${tag}`,
      name: `Order ${tag}`,
      limits: [
        { parameter: 'a', min: '5', max: '3' },
        { parameter: 'b', min: '1', warn_min: '0.5', max: '10' },
        { parameter: 'c', max: '10', warn_max: '12' },
        { parameter: 'd', min: '1', max: '10', warn_min: '8', warn_max: '6' },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(fieldsOf(res)).toEqual([
      'limits[0].max',
      'limits[1].warn_min',
      'limits[2].max',
      'limits[3].warn_max',
    ]);
    expect(await total(tag)).toBe(0);
  });

  it('needs a numeric bound or an expected text, not both, nor neither; numbers are decimal strings', async () => {
    const tag = uniq();
    const res = await create({
      code: `KIND-${tag}`,
      name: `Kind ${tag}`,
      limits: [
        { parameter: 'both', max: '3', expected_text: 'pass' },
        { parameter: 'neither' },
        { parameter: 'warn only', warn_max: '5' },
        { parameter: 'dup', max: '1' },
        { parameter: 'DUP', max: '2' },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(fieldsOf(res)).toEqual([
      'limits[0].expected_text',
      'limits[1].max',
      'limits[2].min',
      'limits[4].parameter',
    ]);
    const numbers = await create({
      code: `NUM-${tag}`,
      name: 'Numbers',
      limits: [
        { parameter: 'x', max: 5 },
        { parameter: 'y', min: '1e3' },
        { parameter: 'z', max: '1,5' },
      ],
    });
    expect(numbers.statusCode).toBe(422);
    expect(fieldsOf(numbers)).toEqual(['limits[0].max', 'limits[1].min', 'limits[2].max']);
    expect(await total(tag)).toBe(0);
  });

  it('checks method-bound limits against the method: parameter, kind and unit (filled in when left out)', async () => {
    const method = await makeMethod(t.app);
    const ok = await create({
      code: `M-${uniq()}`,
      name: 'Tensile',
      limits: [
        { parameter: 'maximum force', method_id: method.id, min: '250' },
        { parameter: 'Break type', method_id: method.id, expected_text: 'clean' },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().limits[0]).toMatchObject({
      parameter: 'Maximum force',
      unit: 'N',
      method_id: method.id,
    });
    const tag = uniq();
    const bad = await create({
      code: `MB-${tag}`,
      name: `Bad ${tag}`,
      limits: [
        { parameter: 'Colour change', method_id: method.id, min: '4' },
        { parameter: 'Maximum force', method_id: method.id, min: '250', unit: 'kN' },
        { parameter: 'Break type', method_id: method.id, min: '1' },
        { parameter: 'Elongation at maximum force', method_id: method.id, expected_text: 'long' },
        { parameter: 'x', method_id: '01900000-0000-7000-8000-000000000003', max: '1' },
      ],
    });
    expect(bad.statusCode).toBe(422);
    expect(fieldsOf(bad)).toEqual([
      'limits[0].parameter',
      'limits[1].unit',
      'limits[2].min',
      'limits[3].expected_text',
      'limits[4].method_id',
    ]);
    expect(bad.json().errors[0].message).toContain('Maximum force');
    const unitless = await create({
      code: `MU-${tag}`,
      name: `Unitless ${tag}`,
      limits: [{ parameter: 'Break type', method_id: method.id, expected_text: 'clean', unit: 'mm' }],
    });
    expect(fieldsOf(unitless)).toEqual(['limits[0].unit']);
  });

  it('refuses a code taken in any case with 409 naming code', async () => {
    const spec = await makeSpecification(t.app);
    const res = await create({ code: spec.code.toLowerCase(), name: 'Again' });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('code');
    expect(fieldsOf(res)).toEqual(['code']);
  });
});

describe('POST /specifications/{id}/revise and GET /revisions', () => {
  it('writes revision n+1 linked to the old one, which becomes superseded; both stay readable', async () => {
    const spec = await makeSpecification(t.app, { name: 'Nordic apparel', source: 'Buyer manual v3' });
    const res = await revise(spec.id, { limits: [{ ...ph, max: '8.0' }], description: 'Looser pH' });
    expect(res.statusCode, res.body).toBe(201);
    const next = res.json();
    expect(res.headers.location).toBe(`${url}/${next.id}`);
    expect(next).toMatchObject({
      code: spec.code,
      name: 'Nordic apparel',
      source: 'Buyer manual v3',
      description: 'Looser pH',
      revision: 2,
      previous_id: spec.id,
      status: 'active',
      version: 1,
    });
    expect(next.limits[0].max).toBe('8.0');
    const old = (await t.app.inject({ url: `${url}/${spec.id}`, headers: manager.headers })).json();
    expect(old).toMatchObject({ status: 'superseded', revision: 1, allowed_actions: [], version: 2 });
    expect(old.limits[0].max).toBe('7.5');

    const third = await revise(next.id, { limits: [], name: 'Nordic apparel 2025' });
    expect(third.statusCode).toBe(201);
    const chain = await t.app.inject({ url: `${url}/${spec.id}/revisions`, headers: manager.headers });
    expect(chain.statusCode).toBe(200);
    expect(
      chain.json().items.map((r: { revision: number; status: string }) => [r.revision, r.status]),
    ).toEqual([
      [3, 'active'],
      [2, 'superseded'],
      [1, 'superseded'],
    ]);
    const history = await t.app.inject({ url: `${url}/${spec.id}/history`, headers: manager.headers });
    expect(history.json().items[0]).toMatchObject({
      action: 'revise',
      changes: { status: ['active', 'superseded'] },
    });
    const active = await t.app.inject({
      url: `${url}?code=${spec.code}&status=active`,
      headers: manager.headers,
    });
    expect(active.json().items.map((r: { id: string }) => r.id)).toEqual([third.json().id]);
  });

  it('answers 409 naming the state and the current revision when revising a superseded one', async () => {
    const spec = await makeSpecification(t.app);
    const next = (await revise(spec.id, { limits: [ph] })).json();
    const res = await revise(spec.id, { limits: [ph] });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('superseded');
    expect(res.json().detail).toContain(next.id);
    expect(
      (await t.app.inject({ url: `${url}/${spec.id}/revisions`, headers: manager.headers })).json().items,
    ).toHaveLength(2);
  });

  it('of two revises with the same If-Match, exactly one wins', async () => {
    const spec = await makeSpecification(t.app);
    const headers = { ...manager.headers, 'if-match': '"1"' };
    const answers = await Promise.all([
      revise(spec.id, { limits: [ph] }, headers),
      revise(spec.id, { limits: [ph] }, headers),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    const stale = await makeSpecification(t.app);
    expect((await revise(stale.id, { limits: [ph], version: 3 })).statusCode).toBe(412);
  });

  it('validates the new limits (422, nothing written) and is for managers', async () => {
    const spec = await makeSpecification(t.app);
    const bad = await revise(spec.id, { limits: [{ parameter: 'pH', min: '9', max: '3' }] });
    expect(bad.statusCode).toBe(422);
    expect(fieldsOf(bad)).toEqual(['limits[0].max']);
    const missing = await revise(spec.id, {});
    expect(fieldsOf(missing)).toEqual(['limits']);
    const engineer = await signedIn(t.app, 'engineer');
    expect((await revise(spec.id, { limits: [ph] }, engineer.headers)).statusCode).toBe(403);
    const again = (await t.app.inject({ url: `${url}/${spec.id}`, headers: engineer.headers })).json();
    expect(again).toMatchObject({ status: 'active', version: 1, allowed_actions: [] });
    const archived = await makeSpecification(t.app, { archived_at: new Date() });
    expect((await revise(archived.id, { limits: [ph] })).statusCode).toBe(409);
  });
});

describe('PUT and PATCH /specifications/{id}', () => {
  it('corrects name and description in place; code and limits change only by revise', async () => {
    const spec = await makeSpecification(t.app);
    const got = (await t.app.inject({ url: `${url}/${spec.id}`, headers: manager.headers })).json();
    const put = await t.app.inject({
      method: 'PUT',
      url: `${url}/${spec.id}`,
      payload: { ...got, name: 'Corrected name' },
      headers: manager.headers,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ name: 'Corrected name', version: 2, revision: 1 });
    const patch = (payload: object) =>
      t.app.inject({ method: 'PATCH', url: `${url}/${spec.id}`, payload, headers: manager.headers });
    const limits = await patch({ limits: [{ ...ph, max: '9' }] });
    expect(limits.statusCode).toBe(422);
    expect(fieldsOf(limits)).toEqual(['limits']);
    expect(limits.json().errors[0].message).toContain('revise');
    expect(fieldsOf(await patch({ code: 'OTHER' }))).toEqual(['code']);
    expect((await patch({ status: 'superseded', description: 'x' })).json().status).toBe('active');
  });

  it('keeps a superseded revision read-only (409)', async () => {
    const spec = await makeSpecification(t.app);
    await revise(spec.id, { limits: [ph] });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${spec.id}`,
      payload: { name: 'Rewrite history' },
      headers: manager.headers,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('superseded');
  });
});

describe('GET /specifications', () => {
  it('filters by status and code, searches code and name; staff read, customers do not', async () => {
    const tag = uniq();
    const a = await makeSpecification(t.app, { code: `REACH-${tag}`, name: 'REACH Annex XVII azo' });
    await makeSpecification(t.app, { code: `EN14682-${tag}`, name: `Child safety ${tag}` });
    await revise(a.id, { limits: [ph] });
    const viewer = await signedIn(t.app, 'viewer');
    const get = (qs: string) => t.app.inject({ url: `${url}?${qs}`, headers: viewer.headers });
    expect((await get(`q=${tag}`)).json().total).toBe(3);
    expect((await get(`q=${tag}&status=superseded`)).json().items.map((s: { id: string }) => s.id)).toEqual([
      a.id,
    ]);
    expect(
      (await get(`code=reach-${tag}&sort=-revision`))
        .json()
        .items.map((s: { revision: number }) => s.revision),
    ).toEqual([2, 1]);
    expect((await get(`q=child safety ${tag}`)).json().total).toBe(1);
    expect((await get('status=draft')).statusCode).toBe(422);
    const customer = await signedIn(t.app, 'customer');
    expect((await t.app.inject({ url, headers: customer.headers })).statusCode).toBe(403);
    expect(
      (await t.app.inject({ url: `${url}/${a.id}/revisions`, headers: customer.headers })).statusCode,
    ).toBe(403);
  });
});
