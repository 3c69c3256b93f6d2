import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { signedIn } from '../../../test/factories/index.ts';
import { makeProject, makeSample, makeTrf, sampleBody, trfItems } from '../../../test/factories/intake.ts';
import { todayIn } from '../trfs/intake-refs.ts';

let t: TestApp;
type Caller = Awaited<ReturnType<typeof signedIn>>;
let engineer: Caller;
let manager: Caller;
let viewer: Caller;
const url = '/api/v1/samples';
let today: string;

beforeAll(async () => {
  t = await createTestApp();
  engineer = await signedIn(t.app, 'engineer');
  manager = await signedIn(t.app, 'manager');
  viewer = await signedIn(t.app, 'viewer');
  today = todayIn(t.config.TIMEZONE);
});
afterAll(async () => t?.close());

const post = (payload: unknown, headers = engineer.headers, path = url) =>
  t.app.inject({ method: 'POST', url: path, payload: payload as object, headers });
const fields = (res: { json(): { errors?: { field: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.field).sort();

describe('POST /samples', () => {
  it('registers with defaults (today, by the caller, ok) and opens the chain of custody', async () => {
    const project = await makeProject(t.app);
    const res = await post(sampleBody(project.id, { customer_id: project.id, status: 'disposed' }));
    expect(res.statusCode, res.body).toBe(201);
    const sample = res.json();
    expect(sample).toMatchObject({
      project_id: project.id,
      project_number: project.number,
      customer_id: project.customer_id,
      received_date: today,
      received_by: engineer.user.id,
      received_by_name: 'Test User',
      condition: 'ok',
      status: 'received',
      parent_id: null,
      trf_number: null,
      allowed_actions: ['start_testing'],
    });
    expect(sample.number).toMatch(/^SMP-\d{6}$/);
    const custody = await t.app.inject({ url: `${url}/${sample.id}/custody`, headers: viewer.headers });
    expect(custody.statusCode).toBe(200);
    expect(custody.json().items).toEqual([
      expect.objectContaining({
        action: 'received',
        from_party: sample.customer_name,
        to_party: 'Test User',
        location: 'Shelf A1',
        recorded_by: engineer.user.id,
        recorded_by_name: 'Test User',
      }),
    ]);
  });

  it('links a TRF item of the same project', async () => {
    const project = await makeProject(t.app);
    const trf = await makeTrf(t.app, manager.headers, project.id, { items: trfItems(3) });
    const sample = await makeSample(t.app, engineer.headers, project.id, { trf_id: trf.id, trf_item_no: 3 });
    expect(sample).toMatchObject({ trf_id: trf.id, trf_number: trf.number, trf_item_no: 3 });
    const seen = await t.app.inject({ url: `/api/v1/trfs/${trf.id}`, headers: viewer.headers });
    expect(seen.json().sample_count).toBe(1);
  });

  it('names every broken rule: future date, notes for a bad condition, retention, receiver, TRF item', async () => {
    const project = await makeProject(t.app);
    const other = await makeProject(t.app);
    const trf = await makeTrf(t.app, manager.headers, project.id, { items: trfItems(2) });
    const foreignTrf = await makeTrf(t.app, manager.headers, other.id);
    const portalUser = await signedIn(t.app, 'customer');
    const res = await post(
      sampleBody(project.id, {
        received_date: '2999-01-01',
        condition: 'damaged',
        retention_until: '2998-12-31',
        received_by: portalUser.user.id,
        trf_id: trf.id,
        trf_item_no: 5,
      }),
    );
    expect(res.statusCode).toBe(422);
    expect(fields(res)).toEqual([
      'condition_notes',
      'received_by',
      'received_date',
      'retention_until',
      'trf_item_no',
    ]);
    const foreign = await post(sampleBody(project.id, { trf_id: foreignTrf.id, trf_item_no: 1 }));
    expect(fields(foreign)).toEqual(['trf_id']);
    expect(foreign.json().errors[0].message).toContain('another project');
    expect(fields(await post(sampleBody(project.id, { trf_item_no: 1 })))).toEqual(['trf_id']);
    expect(fields(await post(sampleBody(project.id, { trf_id: trf.id })))).toEqual(['trf_item_no']);
    expect(fields(await post(sampleBody(project.id, { condition: 'soggy' })))).toEqual(['condition']);
    const list = await t.app.inject({ url: `${url}?project_id=${project.id}`, headers: viewer.headers });
    expect(list.json().total).toBe(0);
  });

  it('accepts a bad condition with notes, and a retention date after receipt', async () => {
    const project = await makeProject(t.app);
    const sample = await makeSample(t.app, engineer.headers, project.id, {
      condition: 'wet',
      condition_notes: '  Arrived damp  ',
      received_date: '2025-03-01',
      retention_until: '2025-09-01',
    });
    expect(sample).toMatchObject({
      condition: 'wet',
      condition_notes: 'Arrived damp',
      retention_until: '2025-09-01',
    });
    const custody = await t.app.inject({ url: `${url}/${sample.id}/custody`, headers: viewer.headers });
    expect(custody.json().items[0].notes).toBe('Condition on receipt: wet (Arrived damp)');
  });

  it('lets only lab staff register, 404 for an unknown project', async () => {
    const project = await makeProject(t.app);
    expect((await post(sampleBody(project.id), viewer.headers)).statusCode).toBe(403);
    const missing = await post(sampleBody('01900000-0000-7000-8000-000000000000'));
    expect(missing.statusCode).toBe(404);
    expect(fields(missing)).toEqual(['project_id']);
  });

  it('numbers 30 parallel registrations without a gap or a duplicate', async () => {
    const project = await makeProject(t.app);
    const answers = await Promise.all(Array.from({ length: 30 }, () => post(sampleBody(project.id))));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(30).fill(201));
    const numbers = answers.map((r) => Number(r.json().number.slice(4))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(30);
    expect(numbers[29] - numbers[0]).toBe(29);
  });
});

describe('PATCH and PUT /samples/{id}', () => {
  it('edits, keeps the project, and keeps received date and receiver when PUT leaves them out', async () => {
    const project = await makeProject(t.app);
    const other = await makeProject(t.app);
    const sample = await makeSample(t.app, engineer.headers, project.id, { received_date: '2025-01-10' });
    const moved = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${sample.id}`,
      headers: engineer.headers,
      payload: { project_id: other.id },
    });
    expect(moved.statusCode).toBe(422);
    expect(fields(moved)).toEqual(['project_id']);
    const put = await t.app.inject({
      method: 'PUT',
      url: `${url}/${sample.id}`,
      headers: { ...manager.headers, 'if-match': '"1"' },
      payload: { project_id: project.id, description: 'Relabelled swatch', storage_location: 'Freezer 2' },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({
      description: 'Relabelled swatch',
      storage_location: 'Freezer 2',
      received_date: '2025-01-10',
      received_by: engineer.user.id,
      condition: 'ok',
      version: 2,
    });
    const bad = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${sample.id}`,
      headers: engineer.headers,
      payload: { condition: 'contaminated' },
    });
    expect(fields(bad)).toEqual(['condition_notes']);
  });
});

describe('GET /samples', () => {
  it('filters by project, TRF, status, condition, parent and received date; searches number and description', async () => {
    const project = await makeProject(t.app);
    const trf = await makeTrf(t.app, manager.headers, project.id);
    const a = await makeSample(t.app, engineer.headers, project.id, {
      trf_id: trf.id,
      trf_item_no: 1,
      received_date: '2025-02-01',
      description: 'Denim panel indigo',
    });
    await makeSample(t.app, engineer.headers, project.id, {
      received_date: '2025-02-10',
      condition: 'insufficient',
      condition_notes: 'Only 20 cm',
    });
    await post({}, engineer.headers, `${url}/${a.id}/start_testing`);
    const split = await post({ count: 2 }, engineer.headers, `${url}/${a.id}/split`);
    expect(split.statusCode).toBe(201);
    const q = async (qs: string) =>
      (await t.app.inject({ url: `${url}?project_id=${project.id}&${qs}`, headers: viewer.headers })).json();
    expect((await q('')).total).toBe(4);
    expect((await q(`trf_id=${trf.id}`)).total).toBe(3);
    expect((await q('status=in_test')).items.map((s: { id: string }) => s.id)).toEqual([a.id]);
    expect((await q('condition=insufficient')).total).toBe(1);
    expect(
      (await q(`parent_id=${a.id}`)).items.map((s: { parent_number: string }) => s.parent_number),
    ).toEqual([a.number, a.number]);
    expect((await q('received_date_from=2025-02-05&received_date_to=2025-02-28')).total).toBe(1);
    expect((await q('q=indigo')).total).toBe(3);
    expect((await q(`q=${a.number}`)).items[0].id).toBe(a.id);
    expect((await q('sort=-received_date,number')).items[0].received_date).toBe('2025-02-10');
    const bad = await t.app.inject({ url: `${url}?received_date_from=soon`, headers: viewer.headers });
    expect(bad.statusCode).toBe(422);
  });

  it('exports CSV with project and TRF numbers', async () => {
    const project = await makeProject(t.app);
    const sample = await makeSample(t.app, engineer.headers, project.id);
    const res = await t.app.inject({
      url: `${url}?project_id=${project.id}&format=csv`,
      headers: viewer.headers,
    });
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toContain('project_number');
    expect(lines[1]).toContain(sample.number);
    expect(lines[1]).toContain(project.number);
  });
});
