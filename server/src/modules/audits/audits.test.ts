import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { signedIn } from '../../../test/factories/index.ts';
import { auditBody, daysFromToday } from '../../../test/factories/quality.ts';

let t: TestApp;
let auditor: Awaited<ReturnType<typeof signedIn>>;
let manager: Awaited<ReturnType<typeof signedIn>>;
let engineer: Awaited<ReturnType<typeof signedIn>>;
let customer: Awaited<ReturnType<typeof signedIn>>;
const url = '/api/v1/audits';

beforeAll(async () => {
  t = await createTestApp();
  auditor = await signedIn(t.app, 'auditor');
  manager = await signedIn(t.app, 'manager');
  engineer = await signedIn(t.app, 'engineer');
  customer = await signedIn(t.app, 'customer');
});
afterAll(async () => t?.close());

type Headers = Record<string, string>;
const post = (path: string, headers: Headers, payload: object = {}) =>
  t.app.inject({ method: 'POST', url: path, headers, payload });

async function createAudit(overrides: Record<string, unknown> = {}, headers: Headers = auditor.headers) {
  const res = await post(url, headers, auditBody({ lead_auditor_id: auditor.user.id, ...overrides }));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function startedAudit() {
  const audit = await createAudit();
  const res = await post(`${url}/${audit.id}/start`, auditor.headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const finding = (auditId: string, overrides: Record<string, unknown> = {}) =>
  post(`${url}/${auditId}/findings`, auditor.headers, {
    kind: 'major',
    clause: 'ISO/IEC 17025 §7.8.2',
    description: 'Reports do not state the decision rule',
    evidence: 'RPT-000012, RPT-000015',
    ...overrides,
  });

describe('POST /audits', () => {
  it('numbers the audit, keeps its clauses and auditors, and plans it', async () => {
    const audit = await createAudit({ auditor_ids: [manager.user.id] });
    expect(audit).toMatchObject({
      number: expect.stringMatching(/^AUD-\d{6}$/),
      status: 'planned',
      clauses: ['ISO/IEC 17025 §7.8', 'ISO/IEC 17025 §7.7'],
      lead_auditor_id: auditor.user.id,
      lead_auditor_name: 'Test User',
      auditor_ids: [manager.user.id],
      finding_count: 0,
      allowed_actions: ['start', 'cancel'],
    });
  });

  it('refuses an end before the start and a customer as auditor (422 naming the field)', async () => {
    const dates = await post(
      url,
      auditor.headers,
      auditBody({ planned_start: daysFromToday(5), planned_end: daysFromToday(4) }),
    );
    expect(dates.statusCode).toBe(422);
    expect(dates.json().errors[0].field).toBe('planned_end');
    const who = await post(url, auditor.headers, auditBody({ auditor_ids: [customer.user.id] }));
    expect(who.statusCode).toBe(422);
    expect(who.json().errors[0].field).toBe('auditor_ids');
    const type = await post(url, auditor.headers, auditBody({ type: 'surprise' }));
    expect(type.statusCode).toBe(422);
  });

  it('lets auditors and managers create; engineers cannot; customers see nothing', async () => {
    await createAudit({}, manager.headers);
    expect((await post(url, engineer.headers, auditBody())).statusCode).toBe(403);
    expect((await t.app.inject({ url, headers: engineer.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ url, headers: customer.headers })).statusCode).toBe(403);
  });
});

describe('audit states', () => {
  it('goes planned → in_progress → completed with actual dates, and then no longer changes', async () => {
    const audit = await startedAudit();
    expect(audit).toMatchObject({ status: 'in_progress', actual_start: expect.any(String) });
    const done = await post(`${url}/${audit.id}/complete`, auditor.headers, { summary: 'Two findings' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', summary: 'Two findings', allowed_actions: [] });
    const again = await post(`${url}/${audit.id}/start`, auditor.headers);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(/completed/);
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${audit.id}`,
      headers: auditor.headers,
      payload: { title: 'Rewritten' },
    });
    expect(edit.statusCode).toBe(409);
  });

  it('cancels only with a reason', async () => {
    const audit = await createAudit();
    expect((await post(`${url}/${audit.id}/cancel`, auditor.headers, {})).statusCode).toBe(422);
    const res = await post(`${url}/${audit.id}/cancel`, auditor.headers, { reason: 'Auditee unavailable' });
    expect(res.json()).toMatchObject({ status: 'cancelled', cancel_reason: 'Auditee unavailable' });
  });

  it('filters by status and type', async () => {
    const audit = await createAudit({ type: 'external' });
    const res = await t.app.inject({
      url: `${url}?type=external&status=planned&limit=100`,
      headers: auditor.headers,
    });
    expect(res.json().items.map((a: { id: string }) => a.id)).toContain(audit.id);
  });
});

describe('findings', () => {
  it('are recorded while the audit is in progress only', async () => {
    const planned = await createAudit();
    expect((await finding(planned.id)).statusCode).toBe(409);
    const audit = await startedAudit();
    const res = await finding(audit.id);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'major', ncr_id: null, audit_id: audit.id });
    await finding(audit.id, { kind: 'observation', clause: null });
    const list = await t.app.inject({ url: `${url}/${audit.id}/findings`, headers: engineer.headers });
    expect(list.json().items).toHaveLength(2);
    const counted = await t.app.inject({ url: `${url}/${audit.id}`, headers: auditor.headers });
    expect(counted.json()).toMatchObject({ finding_count: 2, major_count: 1, observation_count: 1 });
    const badKind = await finding(audit.id, { kind: 'critical' });
    expect(badKind.statusCode).toBe(422);
    expect((await post(`${url}/${audit.id}/findings`, engineer.headers, {})).statusCode).toBe(403);
  });

  it('raise an NCR linked to the finding, once', async () => {
    const audit = await startedAudit();
    const f = (await finding(audit.id)).json();
    const res = await post(`${url}/${audit.id}/findings/${f.id}/raise-ncr`, auditor.headers, {
      owner_id: manager.user.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    const ncr = res.json();
    expect(ncr).toMatchObject({
      number: expect.stringMatching(/^NCR-\d{6}$/),
      source: 'audit_finding',
      source_entity_type: 'audit_finding',
      source_entity_id: f.id,
      severity: 'major',
      status: 'open',
      owner_id: manager.user.id,
      allowed_actions: ['investigate'],
    });
    expect(ncr.description).toContain('Reports do not state the decision rule');
    expect(res.headers.location).toBe(`/api/v1/ncrs/${ncr.id}`);
    const list = await t.app.inject({ url: `${url}/${audit.id}/findings`, headers: auditor.headers });
    expect(list.json().items[0]).toMatchObject({ ncr_id: ncr.id, ncr_number: ncr.number });
    const twice = await post(`${url}/${audit.id}/findings/${f.id}/raise-ncr`, auditor.headers);
    expect(twice.statusCode).toBe(409);
    const withdraw = await t.app.inject({
      method: 'DELETE',
      url: `${url}/${audit.id}/findings/${f.id}`,
      headers: auditor.headers,
    });
    expect(withdraw.statusCode).toBe(409);
    const viaNcrs = await t.app.inject({
      url: `/api/v1/ncrs?source_entity_id=${f.id}`,
      headers: auditor.headers,
    });
    expect(viaNcrs.json().total).toBe(1);
  });

  it('can raise an NCR after the audit completes; an engineer cannot', async () => {
    const audit = await startedAudit();
    const f = (await finding(audit.id, { kind: 'minor' })).json();
    await post(`${url}/${audit.id}/complete`, auditor.headers);
    expect((await post(`${url}/${audit.id}/findings/${f.id}/raise-ncr`, engineer.headers)).statusCode).toBe(
      403,
    );
    const res = await post(`${url}/${audit.id}/findings/${f.id}/raise-ncr`, manager.headers);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().severity).toBe('minor');
  });
});
