import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { makeCommercialProject } from '../../../test/factories/commercial.ts';
import {
  makeDocument,
  pdfBytes,
  removeDir,
  uploadDir,
  uploadVersion,
} from '../../../test/factories/documents.ts';
import { signedIn } from '../../../test/factories/index.ts';

let t: TestApp;
let dir: string;
type H = Record<string, string>;
let manager: H;
let engineer: H;
let auditor: H;
let viewer: H;

beforeAll(async () => {
  dir = uploadDir();
  t = await createTestApp({ UPLOAD_DIR: dir });
  manager = (await signedIn(t.app, 'manager')).headers;
  engineer = (await signedIn(t.app, 'engineer')).headers;
  auditor = (await signedIn(t.app, 'auditor')).headers;
  viewer = (await signedIn(t.app, 'viewer')).headers;
});
afterAll(async () => {
  await t?.close();
  removeDir(dir);
});

const get = (id: string, h: H = engineer) =>
  t.app.inject({ method: 'GET', url: `/api/v1/documents/${id}`, headers: h });
const act = (id: string, action: string, h: H, payload?: object) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/documents/${id}/${action}`,
    headers: h,
    ...(payload ? { payload } : {}),
  });

describe('versions', () => {
  it('keeps every version with its hash; the latest attachment version is current', async () => {
    const v1 = pdfBytes('one');
    const v2 = pdfBytes('two');
    const doc = await makeDocument(
      t.app,
      engineer,
      { title: 'Fibre photo' },
      { name: 'photo.pdf', content: v1 },
    );
    const res = await uploadVersion(
      t.app,
      engineer,
      doc.id,
      { name: 'photo-b.pdf', content: v2 },
      { change_note: 'sharper' },
    );
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.latest_version).toBe(2);
    expect(body.current_version).toBe(2);
    expect(body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(body.versions[0]).toMatchObject({
      change_note: 'sharper',
      filename: 'photo-b.pdf',
      is_current: true,
    });
    expect(body.versions[1].is_current).toBe(false);
    expect(body.versions[0].sha256).not.toBe(body.versions[1].sha256);
    const old = await t.app.inject({
      method: 'GET',
      url: `/api/v1/documents/${doc.id}/download?version=1`,
      headers: viewer,
    });
    expect(old.rawPayload.equals(v1)).toBe(true);
    const now = await t.app.inject({
      method: 'GET',
      url: `/api/v1/documents/${doc.id}/download`,
      headers: viewer,
    });
    expect(now.rawPayload.equals(v2)).toBe(true);
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/documents/${doc.id}/versions`,
      headers: viewer,
    });
    expect(list.json().items).toHaveLength(2);
  });

  it('honours If-Match on a new version (412 when stale) and refuses bad files with 415', async () => {
    const doc = await makeDocument(t.app, engineer);
    const stale = await uploadVersion(t.app, { ...engineer, 'if-match': '"7"' }, doc.id);
    expect(stale.statusCode).toBe(412);
    const html = await uploadVersion(t.app, engineer, doc.id, {
      name: 'x.pdf',
      content: '<html><body>x</body></html>',
    });
    expect(html.statusCode).toBe(415);
    expect((await get(doc.id)).json().latest_version).toBe(1);
  });
});

describe('controlled documents: approval', () => {
  it('goes draft → in_review → approved with an effective date; only the approved version is current', async () => {
    const doc = await makeDocument(t.app, engineer, {
      kind: 'controlled',
      category: 'sop',
      title: 'SOP-12 Sample receipt',
    });
    expect(doc).toMatchObject({ status: 'draft', current_version: null, category: 'sop' });
    expect(doc.allowed_actions).toEqual(['submit']);
    expect((await act(doc.id, 'approve', manager)).statusCode).toBe(409);
    const submitted = await act(doc.id, 'submit', engineer);
    expect(submitted.json().status).toBe('in_review');
    expect((await act(doc.id, 'approve', engineer)).statusCode).toBe(403);
    const approved = await act(doc.id, 'approve', manager, { effective_date: '2026-12-01' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      current_version: 1,
      effective_date: '2026-12-01',
    });

    // a new version starts a new review; version 1 stays current until it is approved
    const v2 = await uploadVersion(t.app, engineer, doc.id, undefined, { change_note: 'new courier step' });
    expect(v2.json()).toMatchObject({ status: 'in_review', current_version: 1, latest_version: 2 });
    const current = await t.app.inject({
      method: 'GET',
      url: `/api/v1/documents/${doc.id}/download`,
      headers: viewer,
    });
    expect(current.headers['x-document-version']).toBe('1');
    const again = await act(doc.id, 'approve', manager);
    expect(again.json()).toMatchObject({ status: 'approved', current_version: 2 });
    expect(again.json().effective_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const obsolete = await act(doc.id, 'obsolete', manager);
    expect(obsolete.json().status).toBe('obsolete');
    const refused = await uploadVersion(t.app, engineer, doc.id);
    expect(refused.statusCode).toBe(409);
  });

  it('lets a reviewer send it back to draft with a reason, which approval clears', async () => {
    const doc = await makeDocument(t.app, engineer, { kind: 'controlled', category: 'form' });
    await act(doc.id, 'submit', engineer);
    const noReason = await act(doc.id, 'reject', manager, {});
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    expect((await get(doc.id)).json().status).toBe('in_review');
    const back = await act(doc.id, 'reject', manager, { reason: '  Section 4 lacks the courier step ' });
    expect(back.json()).toMatchObject({ status: 'draft', review_note: 'Section 4 lacks the courier step' });
    await act(doc.id, 'submit', engineer);
    const approved = await act(doc.id, 'approve', manager);
    expect(approved.json()).toMatchObject({ status: 'approved', review_note: null });
  });

  it('is four-eyes: the uploader of the version under review cannot approve it; an admin may', async () => {
    const author = (await signedIn(t.app, 'manager')).headers;
    const doc = await makeDocument(t.app, author, { kind: 'controlled', category: 'policy' });
    await act(doc.id, 'submit', author);
    const own = await act(doc.id, 'approve', author);
    expect(own.statusCode).toBe(403);
    expect(own.json().detail).toContain('another manager must approve it (four-eyes rule)');
    expect((await get(doc.id)).json()).toMatchObject({ status: 'in_review', current_version: null });
    // a version uploaded by someone else is theirs to review
    expect((await uploadVersion(t.app, engineer, doc.id)).statusCode).toBe(201);
    expect((await act(doc.id, 'approve', author)).json()).toMatchObject({
      status: 'approved',
      current_version: 2,
    });
    // the admin's override, on a document the admin wrote
    const admin = (await signedIn(t.app, 'admin')).headers;
    const own2 = await makeDocument(t.app, admin, { kind: 'controlled', category: 'policy' });
    await act(own2.id, 'submit', admin);
    expect((await act(own2.id, 'approve', admin)).json().status).toBe('approved');
  });

  it('records upload, new version, approval, link, unlink and archive in the history', async () => {
    const project = await makeCommercialProject(t.app);
    const doc = await makeDocument(t.app, manager, { kind: 'controlled', category: 'method' });
    await uploadVersion(t.app, engineer, doc.id);
    await act(doc.id, 'submit', manager);
    expect((await act(doc.id, 'approve', manager)).statusCode).toBe(200);
    const link = await t.app.inject({
      method: 'POST',
      url: `/api/v1/documents/${doc.id}/links`,
      headers: engineer,
      payload: { entity_type: 'project', entity_id: project.id },
    });
    expect(link.statusCode).toBe(201);
    const dup = await t.app.inject({
      method: 'POST',
      url: `/api/v1/documents/${doc.id}/links`,
      headers: engineer,
      payload: { entity_type: 'project', entity_id: project.id },
    });
    expect(dup.statusCode).toBe(409);
    const unlink = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/documents/${doc.id}/links/${link.json().id}`,
      headers: engineer,
    });
    expect(unlink.statusCode).toBe(204);
    const archive = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/documents/${doc.id}`,
      headers: manager,
    });
    expect(archive.statusCode).toBe(204);
    const history = await t.app.inject({
      method: 'GET',
      url: `/api/v1/documents/${doc.id}/history`,
      headers: auditor,
    });
    const actions = history.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'create',
        'upload',
        'new_version',
        'submit',
        'approve',
        'link',
        'unlink',
        'archive',
      ]),
    );
    expect((await uploadVersion(t.app, manager, doc.id)).statusCode).toBe(409);
  });
});

describe('editing and listing', () => {
  it('patches title and visibility with If-Match, and filters the list by kind, category and status', async () => {
    const doc = await makeDocument(t.app, engineer, {
      kind: 'controlled',
      category: 'policy',
      title: 'Impartiality policy',
    });
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/documents/${doc.id}`,
      headers: { ...engineer, 'if-match': '"9"' },
      payload: { title: 'x' },
    });
    expect(stale.statusCode).toBe(412);
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/documents/${doc.id}`,
      headers: { ...engineer, 'if-match': `"${doc.version}"` },
      payload: { title: 'Impartiality policy (2026)', customer_visible: true },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe(`"${doc.version + 1}"`);
    const badCategory = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/documents/${doc.id}`,
      headers: engineer,
      payload: { category: null },
    });
    expect(badCategory.statusCode).toBe(422);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/documents?kind=controlled&category=policy&status=draft',
      headers: viewer,
    });
    expect(list.json().items.map((d: { id: string }) => d.id)).toContain(doc.id);
    expect(list.json().items[0].latest_file).toMatchObject({ version: 1, content_type: 'application/pdf' });
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/documents?category=novel',
      headers: viewer,
    });
    expect(bad.statusCode).toBe(422);
    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/v1/documents?format=csv&kind=controlled',
      headers: viewer,
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Impartiality policy (2026)');
  });
});

describe('roles', () => {
  it('lets staff read, managers and engineers upload, only managers approve and archive', async () => {
    const doc = await makeDocument(t.app, engineer, { kind: 'controlled', category: 'manual' });
    expect((await get(doc.id, viewer)).statusCode).toBe(200);
    expect((await get(doc.id, auditor)).statusCode).toBe(200);
    expect((await uploadVersion(t.app, viewer, doc.id)).statusCode).toBe(403);
    expect((await uploadVersion(t.app, auditor, doc.id)).statusCode).toBe(403);
    expect((await uploadVersion(t.app, manager, doc.id)).statusCode).toBe(201);
    await act(doc.id, 'submit', engineer);
    expect((await act(doc.id, 'approve', auditor)).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/documents/${doc.id}`, headers: engineer }))
        .statusCode,
    ).toBe(403);
    const history = await t.app.inject({
      method: 'GET',
      url: `/api/v1/documents/${doc.id}/history`,
      headers: viewer,
    });
    expect(history.statusCode).toBe(200);
  });
});
