import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { signedIn } from '../../../test/factories/index.ts';
import { enterAndApprove, makeApprovedBench, signature } from '../../../test/factories/reports.ts';
import { makeProject } from '../../../test/factories/testing.ts';
import { runReminders } from '../notifications/reminders.ts';
import { sweepCertificates } from './certifications.expiry.ts';

let t: TestApp;
let bench: Awaited<ReturnType<typeof makeApprovedBench>>;
const url = '/api/v1/certifications';
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  bench = await makeApprovedBench(t.app, { samples: 1 });
});
afterAll(async () => t?.close());

const body = (overrides: object = {}) => ({
  customer_id: bench.project.customer_id,
  project_id: bench.project.id,
  product: 'Cotton twill 240 g/m²',
  standard: 'ISO 13934-1:2013',
  scope: 'Tensile properties of woven fabric, lot 7',
  specification_id: bench.spec.id,
  result_ids: bench.results.map((r) => r.id),
  expiry_date: inDays(365),
  ...overrides,
});
const create = (payload: object = body(), headers = bench.manager.headers) =>
  t.app.inject({ method: 'POST', url, headers, payload });
const act = (id: string, action: string, payload?: object, headers = bench.manager.headers) =>
  t.app.inject({ method: 'POST', url: `${url}/${id}/${action}`, headers, payload });
const count = async (q: ReturnType<typeof sql>) =>
  Number(((await t.app.db.execute(q)) as unknown as { rows: { n: number }[] }).rows[0].n);

async function issuedCert(overrides: object = {}) {
  const res = await create(body(overrides));
  expect(res.statusCode, res.body).toBe(201);
  const issued = await act(res.json().id, 'issue', signature('issued'));
  expect(issued.statusCode, issued.body).toBe(200);
  return issued.json();
}

describe('POST /certifications', () => {
  it('drafts a certificate on approved, passing results', async () => {
    const res = await create();
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      number: expect.stringMatching(/^CERT-\d{6}$/),
      status: 'draft',
      specification_code: bench.spec.code,
      days_to_expiry: 365,
      allowed_actions: ['issue'],
      signatures: [],
    });
  });

  it('names every result that is not approved or does not pass (422)', async () => {
    const failing = await enterAndApprove(t.app, bench, { elongation: '41.2' });
    const pending = await enterAndApprove(t.app, bench, {}, false);
    const elongation = failing.find((r) => r.parameter === 'Elongation')!;
    const entered = pending[0];
    const res = await create(body({ result_ids: [bench.results[0].id, elongation.id, entered.id] }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { field: 'result_ids[1]', message: expect.stringMatching(/does not pass .*fail/) },
      { field: 'result_ids[2]', message: expect.stringMatching(/is entered, not approved/) },
    ]);
    const other = await makeProject(t.app);
    const foreign = await create(body({ customer_id: other.customer_id, project_id: null }));
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors[0].message).toMatch(/not a result of this customer/);
    const past = await create(body({ expiry_date: '2020-01-01' }));
    expect(past.statusCode).toBe(422);
    expect(past.json().errors).toEqual([{ field: 'expiry_date', message: 'must be after today' }]);
  });

  it('is for managers (engineers 403)', async () => {
    expect((await create(body(), bench.engineer.headers)).statusCode).toBe(403);
  });
});

describe('issue and states', () => {
  it('issues with an e-signature; the PDF carries the number, QR link and signatory; its SHA-256 is fixed', async () => {
    const cert = await issuedCert();
    expect(cert).toMatchObject({
      status: 'issued',
      issued_by: bench.manager.user.id,
      allowed_actions: ['suspend', 'revoke'],
      signatures: [expect.objectContaining({ meaning: 'issued', user_id: bench.manager.user.id })],
    });
    const pdf = await t.app.inject({ url: `${url}/${cert.id}/download`, headers: bench.manager.headers });
    expect(createHash('sha256').update(pdf.rawPayload).digest('hex')).toBe(cert.pdf_sha256);
    const { text } = await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true });
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(cert.number);
    expect(flat).toContain('CERTIFICATE OF CONFORMITY');
    // the URL may wrap onto a second line of the PDF: compare without whitespace
    expect(flat.replace(/\s/g, '')).toContain(`/verify/${cert.verify_code}`);
    expect(flat).toContain('page 1 of 1');
    expect(flat).toContain('electronically signed (issued)');
  });

  it('refuses a wrong password (403) and leaves the draft as it was', async () => {
    const draft = (await create()).json();
    const res = await act(draft.id, 'issue', signature('issued', 'nope'));
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toMatch(/signature-refused$/);
    const after = (await t.app.inject({ url: `${url}/${draft.id}`, headers: bench.manager.headers })).json();
    expect(after).toMatchObject({ status: 'draft', version: draft.version, pdf_sha256: null });
    expect(await count(sql`select count(*)::int as n from signatures where entity_id = ${draft.id}`)).toBe(0);
  });

  it('suspends, reinstates and revokes; verification follows', async () => {
    const cert = await issuedCert();
    const verify = async () => (await t.app.inject({ url: `/api/v1/verify/${cert.verify_code}` })).json();
    expect(await verify()).toMatchObject({ kind: 'certificate', status: 'valid', number: cert.number });
    expect((await act(cert.id, 'suspend', {})).statusCode).toBe(422);
    const suspended = await act(cert.id, 'suspend', { reason: 'Factory audit pending' });
    expect(suspended.json()).toMatchObject({ status: 'suspended', allowed_actions: ['reinstate', 'revoke'] });
    expect((await verify()).status).toBe('suspended');
    const back = await act(cert.id, 'reinstate');
    expect(back.json().status).toBe('issued');
    expect((await verify()).status).toBe('valid');
    expect((await act(cert.id, 'revoke', { reason: 'Product changed' })).json().status).toBe('revoked');
    expect((await verify()).status).toBe('revoked');
    const again = await act(cert.id, 'reinstate');
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe(
      'Cannot reinstate a certification that is revoked; allowed from revoked: none',
    );
  });

  it('edits drafts only', async () => {
    const cert = await issuedCert();
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${cert.id}`,
      headers: bench.manager.headers,
      payload: { scope: 'wider' },
    });
    expect(patch.statusCode).toBe(409);
  });
});

describe('expiry sweep and reminders', () => {
  it('expires certificates past their date and reminds 30 days before, once', async () => {
    const soon = await issuedCert({ expiry_date: inDays(20) });
    const later = await issuedCert({ expiry_date: inDays(200) });
    const customerUser = await signedIn(t.app, 'customer', { customer_id: bench.project.customer_id });
    const notified = (id: string) =>
      count(
        sql`select count(*)::int as n from notifications where kind = 'certificate_expiring' and entity_id = ${id}`,
      );

    const ran = await runReminders(t.app, new Date());
    expect(ran).toContain('certificates-expiry');
    expect(await notified(soon.id)).toBeGreaterThanOrEqual(2); // managers and the customer's users
    expect(await notified(later.id)).toBe(0);
    const mine = await count(
      sql`select count(*)::int as n from notifications where user_id = ${customerUser.user.id} and entity_id = ${soon.id}`,
    );
    expect(mine).toBe(1);
    const before = await notified(soon.id);
    await sweepCertificates(t.app, new Date());
    expect(await notified(soon.id)).toBe(before); // idempotent

    const inAMonth = new Date(Date.now() + 21 * 86_400_000);
    const result = await sweepCertificates(t.app, inAMonth);
    expect(result.expired).toBeGreaterThanOrEqual(1);
    const expired = (await t.app.inject({ url: `${url}/${soon.id}`, headers: bench.manager.headers })).json();
    expect(expired).toMatchObject({ status: 'expired', allowed_actions: [] });
    expect((await t.app.inject({ url: `/api/v1/verify/${soon.verify_code}` })).json().status).toBe('expired');
    const history = await t.app.inject({ url: `${url}/${soon.id}/history`, headers: bench.manager.headers });
    expect(history.json().items[0]).toMatchObject({ action: 'expire', actor_id: null });
  });
});

describe('customer isolation', () => {
  it('lets a customer read and download only its own issued certificates', async () => {
    const draft = (await create()).json();
    const cert = await issuedCert();
    const own = await signedIn(t.app, 'customer', { customer_id: bench.project.customer_id });
    const list = (await t.app.inject({ url, headers: own.headers })).json();
    const ids = list.items.map((c: { id: string }) => c.id);
    expect(ids).toContain(cert.id);
    expect(ids).not.toContain(draft.id);
    expect(
      (await t.app.inject({ url: `${url}/${draft.id}/download`, headers: own.headers })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ url: `${url}/${cert.id}/download`, headers: own.headers })).statusCode).toBe(
      200,
    );
    const stranger = await signedIn(t.app, 'customer', {
      customer_id: (await makeProject(t.app)).customer_id,
    });
    expect((await t.app.inject({ url: `${url}/${cert.id}`, headers: stranger.headers })).statusCode).toBe(
      404,
    );
    expect(
      (await t.app.inject({ url: `${url}/${cert.id}/download`, headers: stranger.headers })).statusCode,
    ).toBe(404);
  });
});
