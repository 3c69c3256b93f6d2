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
import { makeCustomer, signedIn } from '../../../test/factories/index.ts';

/** Portal customers: only documents shown to them, on their own records, in force; others are 404. */
let t: TestApp;
let dir: string;
type H = Record<string, string>;
let manager: H;
/** A second manager: approval is four-eyes, so the uploader cannot approve. */
let reviewer: H;
let alice: H;
let bob: H;
let aliceProject: { id: string };
let bobProject: { id: string };

beforeAll(async () => {
  dir = uploadDir();
  t = await createTestApp({ UPLOAD_DIR: dir });
  manager = (await signedIn(t.app, 'manager')).headers;
  reviewer = (await signedIn(t.app, 'manager')).headers;
  const alicesCompany = await makeCustomer(t.app);
  const bobsCompany = await makeCustomer(t.app);
  alice = (await signedIn(t.app, 'customer', { customer_id: alicesCompany.id })).headers;
  bob = (await signedIn(t.app, 'customer', { customer_id: bobsCompany.id })).headers;
  aliceProject = await makeCommercialProject(t.app, { customer_id: alicesCompany.id });
  bobProject = await makeCommercialProject(t.app, { customer_id: bobsCompany.id });
});
afterAll(async () => {
  await t?.close();
  removeDir(dir);
});

const get = (url: string, h: H) =>
  t.app.inject({ method: 'GET', url: `/api/v1/documents${url}`, headers: h });
const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((d) => d.id);

describe('customer access', () => {
  it('shows a customer the visible documents of its own records, and nobody else', async () => {
    const bytes = pdfBytes();
    const shared = await makeDocument(
      t.app,
      manager,
      {
        entity_type: 'project',
        entity_id: aliceProject.id,
        customer_visible: 'true',
        title: 'Sampling plan',
      },
      { name: 'plan.pdf', content: bytes },
    );
    const internal = await makeDocument(t.app, manager, {
      entity_type: 'project',
      entity_id: aliceProject.id,
    });

    const aliceList = await get('', alice);
    expect(aliceList.statusCode).toBe(200);
    expect(ids(aliceList)).toContain(shared.id);
    expect(ids(aliceList)).not.toContain(internal.id);
    const byProject = await get(`?entity_type=project&entity_id=${aliceProject.id}`, alice);
    expect(ids(byProject)).toEqual([shared.id]);
    const download = await get(`/${shared.id}/download`, alice);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(bytes)).toBe(true);
    expect((await get(`/${internal.id}`, alice)).statusCode).toBe(404);
    expect((await get(`/${internal.id}/download`, alice)).statusCode).toBe(404);

    // another customer: not 403, simply not there
    expect(ids(await get('', bob))).not.toContain(shared.id);
    const bobGet = await get(`/${shared.id}`, bob);
    expect(bobGet.statusCode).toBe(404);
    const bobDownload = await get(`/${shared.id}/download`, bob);
    expect(bobDownload.statusCode).toBe(404);
    expect(bobDownload.body).not.toContain('Sampling plan');
    expect(ids(await get(`?entity_type=project&entity_id=${aliceProject.id}`, bob))).toEqual([]);

    // archived: gone for the customer too
    await t.app.inject({ method: 'DELETE', url: `/api/v1/documents/${shared.id}`, headers: manager });
    expect((await get(`/${shared.id}/download`, alice)).statusCode).toBe(404);
  });

  it('shows a customer only its own links of a document linked to several customers', async () => {
    const doc = await makeDocument(t.app, manager, {
      entity_type: 'project',
      entity_id: aliceProject.id,
      customer_visible: 'true',
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/documents/${doc.id}/links`,
      headers: manager,
      payload: { entity_type: 'project', entity_id: bobProject.id },
    });
    const seen = (await get(`/${doc.id}`, alice)).json();
    expect(seen.links.map((l: { entity_id: string }) => l.entity_id)).toEqual([aliceProject.id]);
  });

  it('gives a customer a controlled document only once approved, and only its current version', async () => {
    const doc = await makeDocument(t.app, manager, {
      kind: 'controlled',
      category: 'form',
      entity_type: 'project',
      entity_id: aliceProject.id,
      customer_visible: 'true',
    });
    expect((await get(`/${doc.id}`, alice)).statusCode).toBe(404);
    await t.app.inject({ method: 'POST', url: `/api/v1/documents/${doc.id}/submit`, headers: manager });
    await t.app.inject({ method: 'POST', url: `/api/v1/documents/${doc.id}/approve`, headers: reviewer });
    expect((await get(`/${doc.id}`, alice)).statusCode).toBe(200);
    await uploadVersion(t.app, manager, doc.id);
    const detail = (await get(`/${doc.id}`, alice)).json();
    expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    expect(detail.latest_file.version).toBe(1);
    expect((await get(`/${doc.id}/download`, alice)).headers['x-document-version']).toBe('1');
    expect((await get(`/${doc.id}/download?version=2`, alice)).statusCode).toBe(404);
    await t.app.inject({ method: 'POST', url: `/api/v1/documents/${doc.id}/approve`, headers: reviewer });
    const withdrawn = await t.app.inject({
      method: 'POST',
      url: `/api/v1/documents/${doc.id}/obsolete`,
      headers: manager,
    });
    expect(withdrawn.json().status).toBe('obsolete');
    // an obsolete document is no longer offered to customers
    expect((await get(`/${doc.id}/download`, alice)).statusCode).toBe(404);
  });

  it('never lets a customer upload, edit, link or read the history', async () => {
    const doc = await makeDocument(t.app, manager, {
      entity_type: 'project',
      entity_id: aliceProject.id,
      customer_visible: 'true',
    });
    expect((await uploadVersion(t.app, alice, doc.id)).statusCode).toBe(403);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/documents/${doc.id}`,
      headers: alice,
      payload: { title: 'mine' },
    });
    expect(patch.statusCode).toBe(403);
    expect((await get(`/${doc.id}/history`, alice)).statusCode).toBe(403);
  });
});
