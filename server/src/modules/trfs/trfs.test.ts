import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { signedIn } from '../../../test/factories/index.ts';
import {
  makeMethod,
  makeProject,
  makeSpecification,
  makeTrf,
  trfBody,
  trfItems,
} from '../../../test/factories/intake.ts';

let t: TestApp;
type Caller = Awaited<ReturnType<typeof signedIn>>;
let manager: Caller;
let engineer: Caller;
let viewer: Caller;
const url = '/api/v1/trfs';

beforeAll(async () => {
  t = await createTestApp();
  manager = await signedIn(t.app, 'manager');
  engineer = await signedIn(t.app, 'engineer');
  viewer = await signedIn(t.app, 'viewer');
});
afterAll(async () => t?.close());

const post = (payload: unknown, headers: Record<string, string>, path = url) =>
  t.app.inject({ method: 'POST', url: path, payload: payload as object, headers });
const fields = (res: { json(): { errors?: { field: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.field);

describe('POST /trfs', () => {
  it('files a submitted TRF under the project, its customer taken from the project', async () => {
    const project = await makeProject(t.app);
    const method = await makeMethod(t.app);
    const spec = await makeSpecification(t.app);
    const res = await post(
      trfBody(project.id, {
        items: [
          { ...trfItems(1)[0], item_no: 2, method_ids: [method.id, method.id] },
          { ...trfItems(1)[0], item_no: 1, specification_ids: [spec.id] },
        ],
        customer_id: '00000000-0000-0000-0000-000000000000',
        status: 'accepted',
      }),
      manager.headers,
    );
    expect(res.statusCode, res.body).toBe(201);
    const trf = res.json();
    expect(trf.number).toMatch(/^TRF-\d{6}$/);
    expect(trf.customer_id).toBe(project.customer_id);
    expect(trf.project_number).toBe(project.number);
    expect(trf.customer_name).toMatch(/^Customer /);
    expect(trf.status).toBe('submitted');
    expect(trf.submitted_by).toBe(manager.user.id);
    expect(trf.signature_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(trf.sample_count).toBe(0);
    expect(trf.items.map((i: { item_no: number }) => i.item_no)).toEqual([1, 2]);
    expect(trf.items[1].method_ids).toEqual([method.id]);
    expect(trf.allowed_actions).toEqual(['accept', 'return']);
  });

  it('refuses to submit without the declaration and a signature, or with a future signature date', async () => {
    const project = await makeProject(t.app);
    const res = await post(
      trfBody(project.id, {
        declaration_accepted: false,
        signature_name: null,
        signature_date: '2999-01-01',
      }),
      manager.headers,
    );
    expect(res.statusCode).toBe(422);
    expect(fields(res)).toEqual(
      expect.arrayContaining(['declaration_accepted', 'signature_name', 'signature_date']),
    );
    const list = await t.app.inject({ url: `${url}?project_id=${project.id}`, headers: manager.headers });
    expect(list.json().total).toBe(0);
  });

  it('names every bad item: numbering, unknown or inactive methods, missing or superseded specs', async () => {
    const project = await makeProject(t.app);
    const inactive = await makeMethod(t.app, { is_active: false });
    const old = await makeSpecification(t.app, { status: 'superseded' });
    const res = await post(
      trfBody(project.id, {
        items: [
          { ...trfItems(1)[0], item_no: 1, method_ids: [inactive.id] },
          { ...trfItems(1)[0], item_no: 1, specification_ids: [old.id] },
          { ...trfItems(1)[0], item_no: 7, specification_ids: ['01900000-0000-7000-8000-000000000000'] },
        ],
      }),
      manager.headers,
    );
    expect(res.statusCode).toBe(422);
    expect(fields(res)).toEqual(
      expect.arrayContaining([
        'items[0].method_ids',
        'items[1].item_no',
        'items[1].specification_ids',
        'items[2].item_no',
        'items[2].specification_ids',
      ]),
    );
    const empty = await post(trfBody(project.id, { items: [] }), manager.headers);
    expect(empty.statusCode).toBe(422);
    expect(fields(empty)).toContain('items');
    const badShape = await post(
      trfBody(project.id, { items: [{ item_no: 1, description: '', quantity: -1 }] }),
      manager.headers,
    );
    expect(fields(badShape)).toEqual(expect.arrayContaining(['items[0].description', 'items[0].quantity']));
  });

  it('answers 404 naming project_id for an unknown project, 409 for an archived or closed one', async () => {
    const missing = await post(trfBody('01900000-0000-7000-8000-000000000000'), manager.headers);
    expect(missing.statusCode).toBe(404);
    expect(fields(missing)).toEqual(['project_id']);
    const archived = await makeProject(t.app, { archived_at: new Date() });
    expect((await post(trfBody(archived.id), manager.headers)).statusCode).toBe(409);
    const cancelled = await makeProject(t.app, { status: 'cancelled' });
    const res = await post(trfBody(cancelled.id), manager.headers);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('cancelled');
  });

  it('lets only lab staff and customers file TRFs', async () => {
    const project = await makeProject(t.app);
    expect((await post(trfBody(project.id), viewer.headers)).statusCode).toBe(403);
    expect((await post(trfBody(project.id), engineer.headers)).statusCode).toBe(201);
  });

  it('numbers 30 parallel creates without a gap or a duplicate', async () => {
    const project = await makeProject(t.app);
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => post(trfBody(project.id), manager.headers)),
    );
    expect(answers.map((r) => r.statusCode)).toEqual(Array(30).fill(201));
    const numbers = answers.map((r) => Number(r.json().number.slice(4))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(30);
    expect(numbers[29] - numbers[0]).toBe(29);
  });
});

describe('review: accept, return, resubmit', () => {
  it('accepts once; a second accept is 409 naming the state and what is allowed', async () => {
    const project = await makeProject(t.app);
    const trf = await makeTrf(t.app, manager.headers, project.id);
    const accepted = await post({ note: 'All clear' }, engineer.headers, `${url}/${trf.id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: 'accepted',
      reviewed_by: engineer.user.id,
      review_note: 'All clear',
    });
    expect(accepted.json().allowed_actions).toEqual([]);
    const again = await post({}, engineer.headers, `${url}/${trf.id}/accept`);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('accepted');
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${trf.id}`,
      headers: manager.headers,
      payload: { special_instructions: 'too late' },
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().detail).toContain('accepted');
  });

  it('accepts without a body too', async () => {
    const project = await makeProject(t.app);
    const trf = await makeTrf(t.app, manager.headers, project.id);
    const res = await t.app.inject({
      method: 'POST',
      url: `${url}/${trf.id}/accept`,
      headers: manager.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().review_note).toBeNull();
  });

  it('returns with a required reason; viewers may not review', async () => {
    const project = await makeProject(t.app);
    const trf = await makeTrf(t.app, manager.headers, project.id);
    expect((await post({}, manager.headers, `${url}/${trf.id}/return`)).statusCode).toBe(422);
    expect((await post({ reason: 'x' }, viewer.headers, `${url}/${trf.id}/return`)).statusCode).toBe(403);
    const res = await post(
      { reason: 'Composition missing for item 1' },
      manager.headers,
      `${url}/${trf.id}/return`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'returned', review_note: 'Composition missing for item 1' });
    expect(res.json().allowed_actions).toEqual(['resubmit']);
  });

  it('a returned TRF is corrected and resubmitted, only with the declaration accepted', async () => {
    const project = await makeProject(t.app);
    const trf = await makeTrf(t.app, manager.headers, project.id);
    await post({ reason: 'Please sign again' }, manager.headers, `${url}/${trf.id}/return`);
    const unsigned = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${trf.id}`,
      headers: manager.headers,
      payload: { declaration_accepted: false },
    });
    expect(unsigned.statusCode, unsigned.body).toBe(200);
    const refused = await post({}, manager.headers, `${url}/${trf.id}/resubmit`);
    expect(refused.statusCode).toBe(422);
    expect(fields(refused)).toEqual(['declaration_accepted']);
    await t.app.inject({
      method: 'PATCH',
      url: `${url}/${trf.id}`,
      headers: manager.headers,
      payload: { declaration_accepted: true, items: trfItems(2) },
    });
    const res = await post({}, manager.headers, `${url}/${trf.id}/resubmit`);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('submitted');
    expect(res.json().items).toHaveLength(2);
    const history = await t.app.inject({ url: `${url}/${trf.id}/history`, headers: manager.headers });
    expect(history.json().items.map((e: { action: string }) => e.action)).toEqual([
      'resubmit',
      'update',
      'update',
      'return',
      'create',
    ]);
  });

  it('keeps a submitted TRF submittable: clearing the declaration is 422', async () => {
    const project = await makeProject(t.app);
    const trf = await makeTrf(t.app, manager.headers, project.id);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${trf.id}`,
      headers: manager.headers,
      payload: { declaration_accepted: false },
    });
    expect(res.statusCode).toBe(422);
    expect(fields(res)).toEqual(['declaration_accepted']);
  });

  it('PUT replaces the editable fields and honours If-Match', async () => {
    const project = await makeProject(t.app);
    const trf = await makeTrf(t.app, manager.headers, project.id);
    const body = trfBody(project.id, { special_instructions: undefined, items: trfItems(3) });
    const res = await t.app.inject({
      method: 'PUT',
      url: `${url}/${trf.id}`,
      headers: { ...manager.headers, 'if-match': '"1"' },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ special_instructions: null, version: 2 });
    expect(res.json().items).toHaveLength(3);
    const stale = await t.app.inject({
      method: 'PUT',
      url: `${url}/${trf.id}`,
      headers: { ...manager.headers, 'if-match': '"1"' },
      payload: body,
    });
    expect(stale.statusCode).toBe(412);
  });
});

describe('GET /trfs', () => {
  it('filters by project, customer and status', async () => {
    const a = await makeProject(t.app);
    const b = await makeProject(t.app);
    const first = await makeTrf(t.app, manager.headers, a.id);
    await makeTrf(t.app, manager.headers, a.id);
    await makeTrf(t.app, manager.headers, b.id);
    await post({}, manager.headers, `${url}/${first.id}/accept`);
    const byProject = await t.app.inject({ url: `${url}?project_id=${a.id}`, headers: viewer.headers });
    expect(byProject.json().total).toBe(2);
    const byCustomer = await t.app.inject({
      url: `${url}?customer_id=${b.customer_id}`,
      headers: viewer.headers,
    });
    expect(byCustomer.json().total).toBe(1);
    const accepted = await t.app.inject({
      url: `${url}?project_id=${a.id}&status=accepted`,
      headers: viewer.headers,
    });
    expect(accepted.json().items.map((r: { id: string }) => r.id)).toEqual([first.id]);
    expect(accepted.json().items[0].project_number).toBe(a.number);
    const bad = await t.app.inject({ url: `${url}?status=lost`, headers: viewer.headers });
    expect(bad.statusCode).toBe(422);
  });

  it('exports CSV with the project number', async () => {
    const project = await makeProject(t.app);
    const trf = await makeTrf(t.app, manager.headers, project.id);
    const res = await t.app.inject({
      url: `${url}?project_id=${project.id}&format=csv`,
      headers: viewer.headers,
    });
    expect(res.statusCode).toBe(200);
    const lines = res.body.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(trf.number);
    expect(lines[1]).toContain(project.number);
  });
});
