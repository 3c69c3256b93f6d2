import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { signedIn } from '../../../test/factories/index.ts';
import { jobsSettled, makeApprovedBench, signature } from '../../../test/factories/reports.ts';

let t: TestApp;
let bench: Awaited<ReturnType<typeof makeApprovedBench>>;
const url = '/api/v1/reports';

beforeAll(async () => {
  t = await createTestApp();
  bench = await makeApprovedBench(t.app, { samples: 1 });
});
afterAll(async () => t?.close());

const act = (id: string, action: string, payload?: object, headers = bench.manager.headers) =>
  t.app.inject({ method: 'POST', url: `${url}/${id}/${action}`, headers, payload });
const get = (id: string) => t.app.inject({ url: `${url}/${id}`, headers: bench.manager.headers });
const download = (id: string, query = '') =>
  t.app.inject({ url: `${url}/${id}/download${query}`, headers: bench.manager.headers });
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const verify = (code: string) => t.app.inject({ url: `/api/v1/verify/${code}` });
const count = async (query: ReturnType<typeof sql>) =>
  Number(((await t.app.db.execute(query)) as unknown as { rows: { n: number }[] }).rows[0].n);

async function draft() {
  const res = await t.app.inject({
    method: 'POST',
    url,
    headers: bench.manager.headers,
    payload: { project_id: bench.project.id },
  });
  expect(res.statusCode, res.body).toBe(201);
  await jobsSettled(t.app);
  return (await get(res.json().id)).json();
}

async function issued() {
  const report = await draft();
  const res = await act(report.id, 'issue', signature('issued'));
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('POST /reports/{id}/issue', () => {
  it('issues with an e-signature: final PDF without the draft mark, SHA-256 fixed, signature shown', async () => {
    const report = await draft();
    const res = await act(report.id, 'issue', signature('issued'));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      status: 'issued',
      issued_by: bench.manager.user.id,
      issue_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      allowed_actions: ['amend', 'revoke'],
      signatures: [
        {
          user_id: bench.manager.user.id,
          user_name: 'Test User',
          meaning: 'issued',
          content_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        },
      ],
    });
    expect(body.pdf_sha256).not.toBe(report.pdf_sha256);
    const pdf = await download(report.id);
    expect(pdf.headers['content-disposition']).toBe(`inline; filename="${report.number}-rev1.pdf"`);
    expect(sha(pdf.rawPayload)).toBe(body.pdf_sha256);
    const { text } = await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true });
    expect(text).not.toContain('DRAFT');
    expect(text.replace(/\s+/g, ' ')).toMatch(/Test User, electronically signed \(issued\)/);
    expect(text).toContain(body.issue_date);
    expect(text).not.toContain('not issued');
    // an issued report never changes
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${report.id}`,
      headers: bench.manager.headers,
      payload: { title: 'changed' },
    });
    expect(patch.statusCode).toBe(409);
    expect((await act(report.id, 'issue', signature('issued'))).statusCode).toBe(409);
  });

  it('refuses a wrong password with 403 signature-refused and changes nothing', async () => {
    const report = await draft();
    const events = await count(
      sql`select count(*)::int as n from audit_events where entity_id = ${report.id}`,
    );
    const res = await act(report.id, 'issue', signature('issued', 'wrong password'));
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toMatch(/signature-refused$/);
    expect(res.json().errors).toEqual([{ field: 'password', message: 'the password is not correct' }]);
    const after = (await get(report.id)).json();
    expect(after).toMatchObject({ status: 'draft', version: report.version, pdf_sha256: report.pdf_sha256 });
    expect(await count(sql`select count(*)::int as n from signatures where entity_id = ${report.id}`)).toBe(
      0,
    );
    expect(await count(sql`select count(*)::int as n from audit_events where entity_id = ${report.id}`)).toBe(
      events,
    );
  });

  it('is for managers only, with the meaning `issued`', async () => {
    const report = await draft();
    expect((await act(report.id, 'issue', signature('issued'), bench.engineer.headers)).statusCode).toBe(403);
    const meaning = await act(report.id, 'issue', signature('approved'));
    expect(meaning.statusCode).toBe(422);
    expect(meaning.json().errors[0].field).toBe('meaning');
  });
});

describe('amendments', () => {
  it('makes version n+1 that supersedes the old one when issued; the old stays downloadable, marked', async () => {
    const first = await issued();
    const amend = await act(first.id, 'amend', {
      reason: 'Customer asked for the lot number',
      what_changed: 'Title names lot 7',
      title: 'Lot 7',
    });
    expect(amend.statusCode, amend.body).toBe(201);
    expect(amend.json()).toMatchObject({
      number: first.number,
      revision: 2,
      identification: `${first.number} rev 2`,
      status: 'queued',
      supersedes_id: first.id,
    });
    // one amendment at a time
    const twice = await act(first.id, 'amend', { reason: 'again', what_changed: 'again' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toContain(`${first.number} rev 2`);
    await jobsSettled(t.app);
    const second = (await act(amend.json().id, 'issue', signature('issued'))).json();
    expect(second.status).toBe('issued');

    const old = (await get(first.id)).json();
    expect(old).toMatchObject({ status: 'superseded', superseded_by_id: second.id, allowed_actions: [] });
    const stamped = await download(first.id);
    expect(stamped.statusCode).toBe(200);
    expect(stamped.headers['x-report-status']).toBe('superseded');
    expect(stamped.headers['content-disposition']).toContain('-SUPERSEDED.pdf');
    const { text } = await extractText(new Uint8Array(stamped.rawPayload), { mergePages: true });
    expect(text).toContain('SUPERSEDED');
    const original = await download(first.id, '?original=true');
    expect(sha(original.rawPayload)).toBe(first.pdf_sha256);

    const newText = (
      await extractText(new Uint8Array((await download(second.id)).rawPayload), { mergePages: true })
    ).text.replace(/\s+/g, ' ');
    expect(newText).toContain(`This report replaces ${first.number}`);
    expect(newText).toContain('What changed: Title names lot 7');
  });

  it('only amends issued reports', async () => {
    const report = await draft();
    const res = await act(report.id, 'amend', { reason: 'typo', what_changed: 'typo' });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe(
      'Cannot amend a report that is draft; allowed from draft: issue, regenerate',
    );
  });
});

describe('GET /verify/{code}', () => {
  it('says valid, superseded or revoked, with the PDF hash, and nothing else', async () => {
    const first = await issued();
    const valid = await verify(first.verify_code);
    expect(valid.statusCode).toBe(200);
    expect(valid.json()).toEqual({
      kind: 'report',
      number: first.number,
      customer_name: first.customer_name,
      issue_date: first.issue_date,
      status: 'valid',
      pdf_sha256: first.pdf_sha256,
    });
    await act(first.id, 'amend', { reason: 'correction', what_changed: 'value' });
    await jobsSettled(t.app);
    const { items } = (
      await t.app.inject({ url: `${url}?q=${first.number}&status=draft`, headers: bench.manager.headers })
    ).json();
    const second = (await act(items[0].id, 'issue', signature('issued'))).json();
    expect((await verify(first.verify_code)).json().status).toBe('superseded');
    expect((await verify(second.verify_code)).json()).toMatchObject({
      status: 'valid',
      number: `${first.number} rev 2`,
    });

    const revoked = await act(second.id, 'revoke', { reason: 'issued to the wrong customer' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect((await verify(second.verify_code)).json().status).toBe('revoked');
  });

  it('knows nothing of drafts and unknown codes (404), without a login', async () => {
    const report = await draft();
    expect((await verify(report.verify_code)).statusCode).toBe(404);
    expect((await verify('AAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
    expect((await verify('x')).statusCode).toBe(404);
  });

  it('lets a customer download its own issued report', async () => {
    const report = await issued();
    const own = await signedIn(t.app, 'customer', { customer_id: bench.project.customer_id });
    const res = await t.app.inject({
      url: `${url}/${report.id}/download?download=true`,
      headers: own.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(sha(res.rawPayload)).toBe(report.pdf_sha256);
  });
});
