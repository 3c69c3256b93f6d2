import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { signedIn } from '../../../test/factories/index.ts';
import { makeProject, makeSample, makeTrf, sampleBody, trfItems } from '../../../test/factories/intake.ts';
import { closePdfWorkers } from '../../pdf/pool.ts';

/** Bulk registration, splitting into partitions, and label PDFs. */
let t: TestApp;
type Caller = Awaited<ReturnType<typeof signedIn>>;
let engineer: Caller;
let manager: Caller;
let viewer: Caller;
const url = '/api/v1/samples';

beforeAll(async () => {
  t = await createTestApp();
  engineer = await signedIn(t.app, 'engineer');
  manager = await signedIn(t.app, 'manager');
  viewer = await signedIn(t.app, 'viewer');
});
afterAll(async () => {
  await closePdfWorkers();
  await t?.close();
});

const post = (path: string, payload: unknown, headers = engineer.headers) =>
  t.app.inject({ method: 'POST', url: `${url}${path}`, payload: payload as object, headers });
const numberOf = (s: { number: string }) => Number(s.number.slice(4));
const countIn = async (projectId: string) =>
  (await t.app.inject({ url: `${url}?project_id=${projectId}`, headers: viewer.headers })).json().total;
const pages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;

describe('POST /samples/bulk', () => {
  it('registers all, numbered in the order sent without gaps, each with its custody entry', async () => {
    const project = await makeProject(t.app);
    const trf = await makeTrf(t.app, manager.headers, project.id, { items: trfItems(3) });
    const items = Array.from({ length: 12 }, (_, i) => ({
      description: `Swatch ${i + 1}`,
      trf_id: trf.id,
      trf_item_no: (i % 3) + 1,
    }));
    const res = await post('/bulk', { project_id: project.id, items });
    expect(res.statusCode, res.body).toBe(201);
    const made = res.json().items;
    expect(made.map((s: { description: string }) => s.description)).toEqual(items.map((i) => i.description));
    const numbers = made.map(numberOf);
    expect(numbers).toEqual(numbers.map((_: number, i: number) => numbers[0] + i));
    expect(made[0]).toMatchObject({
      project_number: project.number,
      trf_number: trf.number,
      customer_id: project.customer_id,
      status: 'received',
      allowed_actions: ['start_testing'],
    });
    const custody = await t.app.inject({ url: `${url}/${made[11].id}/custody`, headers: viewer.headers });
    expect(custody.json().items.map((e: { action: string }) => e.action)).toEqual(['received']);
    const next = await makeSample(t.app, engineer.headers, project.id);
    expect(numberOf(next)).toBe(numbers[11] + 1);
  });

  it('is all or nothing: every bad item named as items[i].<field>, nothing registered, no number used', async () => {
    const project = await makeProject(t.app);
    const before = await makeSample(t.app, engineer.headers, project.id);
    const res = await post('/bulk', {
      project_id: project.id,
      items: [
        { description: 'fine' },
        { description: 'wet one', condition: 'wet' },
        { description: 'fine too' },
        { description: 'from the future', received_date: '2999-01-01', trf_item_no: 2 },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['items[1].condition_notes', 'items[3].received_date', 'items[3].trf_id']);
    expect(res.json().detail).toMatch(/^2 of 4 samples have problems; nothing was registered/);
    const shape = await post('/bulk', {
      project_id: project.id,
      items: [{ description: 'ok' }, { description: '', condition: 'mouldy' }],
    });
    expect(shape.statusCode).toBe(422);
    expect(
      shape
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['items[1].condition', 'items[1].description']);
    expect(await countIn(project.id)).toBe(1);
    const after = await makeSample(t.app, engineer.headers, project.id);
    expect(numberOf(after)).toBe(numberOf(before) + 1);
  });

  it('takes 500 at once, refuses 501, and only lab staff may call it', async () => {
    const project = await makeProject(t.app);
    const items = Array.from({ length: 500 }, (_, i) => ({ description: `Bulk ${i}` }));
    const res = await post('/bulk', { project_id: project.id, items });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    expect(res.json().items).toHaveLength(500);
    expect(await countIn(project.id)).toBe(500);
    const admin = await signedIn(t.app, 'admin');
    const chain = await t.app.inject({ url: '/api/v1/audit-log/verify', headers: admin.headers });
    expect(chain.json()).toMatchObject({ ok: true, first_broken: null });
    const history = await t.app.inject({
      url: `${url}/${res.json().items[499].id}/history`,
      headers: viewer.headers,
    });
    expect(history.json().items.map((e: { action: string }) => e.action)).toEqual(['create']);
    const tooMany = await post('/bulk', {
      project_id: project.id,
      items: [...items, { description: 'one more' }],
    });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().errors[0].field).toBe('items');
    expect(
      (await post('/bulk', { project_id: project.id, items: items.slice(0, 1) }, viewer.headers)).statusCode,
    ).toBe(403);
  });

  it('keeps numbers gapless when bulks and single registrations run side by side', async () => {
    const project = await makeProject(t.app);
    const bulk = (n: number) =>
      post('/bulk', {
        project_id: project.id,
        items: Array.from({ length: n }, () => ({ description: 'b' })),
      });
    const answers = await Promise.all([
      bulk(20),
      ...Array.from({ length: 10 }, () => post('', sampleBody(project.id))),
      bulk(15),
    ]);
    expect(answers.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    const numbers = answers
      .flatMap((r) => (r.json().items ?? [r.json()]) as { number: string }[])
      .map(numberOf)
      .sort((a, b) => a - b);
    expect(numbers).toHaveLength(45);
    expect(new Set(numbers).size).toBe(45);
    expect(numbers[44] - numbers[0]).toBe(44);
  });
});

describe('POST /samples/{id}/split', () => {
  it('creates numbered partitions of the same project and TRF item, with custody on both sides', async () => {
    const project = await makeProject(t.app);
    const trf = await makeTrf(t.app, manager.headers, project.id, { items: trfItems(2) });
    const parent = await makeSample(t.app, engineer.headers, project.id, { trf_id: trf.id, trf_item_no: 2 });
    const res = await post(`/${parent.id}/split`, { count: 3 });
    expect(res.statusCode, res.body).toBe(201);
    const { items, parent: after } = res.json();
    expect(after.id).toBe(parent.id);
    expect(items).toHaveLength(3);
    expect(items.map(numberOf)).toEqual([numberOf(items[0]), numberOf(items[0]) + 1, numberOf(items[0]) + 2]);
    for (const [i, child] of items.entries()) {
      expect(child).toMatchObject({
        parent_id: parent.id,
        parent_number: parent.number,
        project_id: project.id,
        trf_id: trf.id,
        trf_item_no: 2,
        received_date: parent.received_date,
        status: 'received',
        description: `${parent.description} (part ${i + 1} of 3)`,
      });
    }
    const log = async (id: string) =>
      (await t.app.inject({ url: `${url}/${id}/custody`, headers: viewer.headers })).json().items;
    const parentLog = await log(parent.id);
    expect(parentLog.at(-1)).toMatchObject({
      action: 'split',
      notes: `Divided into ${items.map((c: { number: string }) => c.number).join(', ')}`,
    });
    expect((await log(items[1].id)).map((e: { action: string }) => e.action)).toEqual(['split_from']);
    const history = await t.app.inject({ url: `${url}/${parent.id}/history`, headers: viewer.headers });
    expect(history.json().items[0].action).toBe('split');
  });

  it('takes one description per partition, refuses a count out of range and a disposed sample', async () => {
    const project = await makeProject(t.app);
    const s = await makeSample(t.app, engineer.headers, project.id, {
      retention_until: '2000-01-01',
      received_date: '1999-12-01',
    });
    const named = await post(`/${s.id}/split`, { count: 2, descriptions: ['Left sleeve', 'Right sleeve'] });
    expect(named.json().items.map((c: { description: string }) => c.description)).toEqual([
      'Left sleeve',
      'Right sleeve',
    ]);
    const mismatch = await post(`/${s.id}/split`, { count: 3, descriptions: ['only one'] });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().errors[0].field).toBe('descriptions');
    for (const count of [0, 51]) expect((await post(`/${s.id}/split`, { count })).statusCode).toBe(422);
    for (const a of ['start_testing', 'finish_testing', 'retain', 'dispose']) {
      expect((await post(`/${s.id}/${a}`, {})).statusCode, a).toBe(200);
    }
    const disposed = await post(`/${s.id}/split`, { count: 1 });
    expect(disposed.statusCode).toBe(409);
    expect(disposed.json().detail).toContain('disposed');
  });
});

describe('labels', () => {
  it('prints one page per label, for one sample or a batch', async () => {
    const project = await makeProject(t.app);
    const a = await makeSample(t.app, engineer.headers, project.id);
    const b = await makeSample(t.app, engineer.headers, project.id);
    const one = await t.app.inject({ url: `${url}/${a.id}/label`, headers: viewer.headers });
    expect(one.statusCode).toBe(200);
    expect(one.headers['content-type']).toBe('application/pdf');
    expect(one.headers['content-disposition']).toContain(`${a.number}-label.pdf`);
    expect(one.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages(one.rawPayload)).toBe(1);
    const batch = await post('/labels', { sample_ids: [a.id, b.id, a.id] }, viewer.headers);
    expect(batch.statusCode).toBe(200);
    expect(pages(batch.rawPayload)).toBe(3);
  });

  it('404 naming the first unknown id; 422 for an empty or oversized batch', async () => {
    const project = await makeProject(t.app);
    const a = await makeSample(t.app, engineer.headers, project.id);
    const ghost = '01900000-0000-7000-8000-000000000000';
    const res = await post('/labels', { sample_ids: [a.id, ghost] }, viewer.headers);
    expect(res.statusCode).toBe(404);
    expect(res.json().errors).toEqual([{ field: 'sample_ids[1]', message: 'no such sample' }]);
    expect((await post('/labels', { sample_ids: [] }, viewer.headers)).statusCode).toBe(422);
    const many = Array.from({ length: 501 }, () => a.id);
    expect((await post('/labels', { sample_ids: many }, viewer.headers)).statusCode).toBe(422);
  });
});
