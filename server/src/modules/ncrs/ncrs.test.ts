import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { signedIn, TEST_PASSWORD } from '../../../test/factories/index.ts';
import { daysFromToday, ncrBody } from '../../../test/factories/quality.ts';
import { settleSignatureFailures } from '../../lib/signatures.ts';

let t: TestApp;
let auditor: Awaited<ReturnType<typeof signedIn>>;
let manager: Awaited<ReturnType<typeof signedIn>>;
let engineer: Awaited<ReturnType<typeof signedIn>>;
let viewer: Awaited<ReturnType<typeof signedIn>>;
let customer: Awaited<ReturnType<typeof signedIn>>;
const url = '/api/v1/ncrs';

beforeAll(async () => {
  t = await createTestApp();
  auditor = await signedIn(t.app, 'auditor');
  manager = await signedIn(t.app, 'manager');
  engineer = await signedIn(t.app, 'engineer');
  viewer = await signedIn(t.app, 'viewer');
  customer = await signedIn(t.app, 'customer');
});
afterAll(async () => t?.close());

type Headers = Record<string, string>;
const post = (path: string, headers: Headers, payload: object = {}) =>
  t.app.inject({ method: 'POST', url: path, headers, payload });
const act = (id: string, action: string, headers: Headers = auditor.headers, payload: object = {}) =>
  post(`${url}/${id}/${action}`, headers, payload);
const get = (id: string) =>
  t.app.inject({ url: `${url}/${id}`, headers: auditor.headers }).then((r) => r.json());

async function createNcr(overrides: Record<string, unknown> = {}, headers: Headers = auditor.headers) {
  const res = await post(url, headers, ncrBody(overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function addAction(ncrId: string, overrides: Record<string, unknown> = {}) {
  const res = await post(`${url}/${ncrId}/actions`, auditor.headers, {
    description: 'Re-train the bench on balance range checks',
    kind: 'corrective',
    owner_id: engineer.user.id,
    due_date: daysFromToday(7),
    ...overrides,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** An NCR taken to verification: investigated, root cause, one action done. */
async function inVerification() {
  const ncr = await createNcr();
  expect((await act(ncr.id, 'investigate')).statusCode).toBe(200);
  await t.app.inject({
    method: 'PATCH',
    url: `${url}/${ncr.id}`,
    headers: auditor.headers,
    payload: { root_cause: 'No range check in the SOP' },
  });
  const action = await addAction(ncr.id);
  expect((await act(ncr.id, 'plan_actions')).statusCode).toBe(200);
  const done = await post(`${url}/${ncr.id}/actions/${action.id}/complete`, engineer.headers, {
    evidence: 'Training record TR-12',
  });
  expect(done.statusCode, done.body).toBe(200);
  expect((await act(ncr.id, 'verify')).statusCode).toBe(200);
  return get(ncr.id);
}

describe('POST /ncrs', () => {
  it('numbers the NCR, opens it with a first step and offers investigate', async () => {
    const ncr = await createNcr({
      whys: [{ why: 'Why was the value wrong?', answer: 'Balance out of range' }],
    });
    expect(ncr).toMatchObject({
      number: expect.stringMatching(/^NCR-\d{6}$/),
      status: 'open',
      whys: [{ why: 'Why was the value wrong?', answer: 'Balance out of range' }],
      allowed_actions: ['investigate'],
      action_count: 0,
    });
    expect(ncr.steps).toEqual([
      expect.objectContaining({ action: 'create', to: 'open', by: auditor.user.id, by_name: 'Test User' }),
    ]);
  });

  it('checks the source link: required for a finding, of the right kind, and existing (422 naming the field)', async () => {
    const missing = await post(url, auditor.headers, ncrBody({ source: 'audit_finding' }));
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors[0].field).toBe('source_entity_id');
    const wrongKind = await post(
      url,
      auditor.headers,
      ncrBody({ source: 'equipment', source_entity_type: 'customer', source_entity_id: customer.user.id }),
    );
    expect(wrongKind.statusCode).toBe(422);
    expect(wrongKind.json().errors[0].field).toBe('source_entity_type');
    const ghost = await post(
      url,
      auditor.headers,
      ncrBody({
        source: 'failed_result',
        source_entity_type: 'test_result',
        source_entity_id: '01900000-0000-7000-8000-000000000abc',
      }),
    );
    expect(ghost.statusCode).toBe(422);
    expect(ghost.json().errors[0]).toMatchObject({ field: 'source_entity_id' });
    const bound = (await t.app.db.execute(
      sql`select customer_id from users where id = ${customer.user.id}`,
    )) as unknown as { rows: { customer_id: string }[] };
    const customerId = bound.rows[0];
    const complaint = await post(
      url,
      auditor.headers,
      ncrBody({
        source: 'customer_complaint',
        source_entity_type: 'customer',
        source_entity_id: customerId.customer_id,
      }),
    );
    expect(complaint.statusCode, complaint.body).toBe(201);
  });

  it('refuses more than 5 whys and an owner who is not staff', async () => {
    const why = { why: 'Why?', answer: 'Because' };
    const six = await post(url, auditor.headers, ncrBody({ whys: Array(6).fill(why) }));
    expect(six.statusCode).toBe(422);
    expect(six.json().errors[0].field).toMatch(/whys/);
    const owner = await post(url, auditor.headers, ncrBody({ owner_id: customer.user.id }));
    expect(owner.statusCode).toBe(422);
    expect(owner.json().errors[0].field).toBe('owner_id');
  });
});

describe('roles', () => {
  it('lets auditors and managers write; engineers and viewers read; customers get nothing', async () => {
    await createNcr({}, manager.headers);
    expect((await post(url, engineer.headers, ncrBody())).statusCode).toBe(403);
    expect((await post(url, viewer.headers, ncrBody())).statusCode).toBe(403);
    const ncr = await createNcr();
    expect((await t.app.inject({ url: `${url}/${ncr.id}`, headers: viewer.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `${url}/${ncr.id}`, headers: customer.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ url, headers: customer.headers })).statusCode).toBe(403);
    expect((await act(ncr.id, 'investigate', engineer.headers)).statusCode).toBe(403);
    const viewed = await t.app.inject({ url: `${url}/${ncr.id}`, headers: viewer.headers });
    expect(viewed.json().allowed_actions).toEqual([]);
  });

  it('lets only the owner (or an auditor/manager) complete an action', async () => {
    const ncr = await createNcr();
    const action = await addAction(ncr.id);
    const other = await signedIn(t.app, 'engineer');
    const refused = await post(`${url}/${ncr.id}/actions/${action.id}/complete`, other.headers, {
      evidence: 'done',
    });
    expect(refused.statusCode).toBe(403);
    const ok = await post(`${url}/${ncr.id}/actions/${action.id}/complete`, engineer.headers, {
      evidence: 'done',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'done', completed_by: engineer.user.id, evidence: 'done' });
  });
});

describe('the NCR state machine', () => {
  it('needs a root cause and an action before action_pending', async () => {
    const ncr = await createNcr();
    await act(ncr.id, 'investigate');
    const early = await act(ncr.id, 'plan_actions');
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toMatch(/root cause.*CAPA action/);
  });

  it('cannot move to verification while an action is open', async () => {
    const ncr = await createNcr({ root_cause: 'Worn jaws' });
    await act(ncr.id, 'investigate');
    const first = await addAction(ncr.id);
    await addAction(ncr.id, { kind: 'preventive' });
    await act(ncr.id, 'plan_actions');
    await post(`${url}/${ncr.id}/actions/${first.id}/complete`, auditor.headers, {
      evidence: 'Jaws replaced',
    });
    const res = await act(ncr.id, 'verify');
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/1 open CAPA action/);
    expect((await get(ncr.id)).status).toBe('action_pending');
  });

  it('records every transition as a step, with who and when', async () => {
    const ncr = await inVerification();
    expect(ncr.steps.map((s: { action: string; from: string; to: string }) => `${s.from}→${s.to}`)).toEqual([
      '→open',
      'open→investigating',
      'investigating→action_pending',
      'action_pending→verification',
    ]);
    for (const step of ncr.steps) expect(step).toMatchObject({ by: auditor.user.id, at: expect.any(String) });
    const history = await t.app.inject({ url: `${url}/${ncr.id}/history`, headers: auditor.headers });
    expect(history.json().items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['create', 'investigate', 'plan_actions', 'verify']),
    );
  });

  it('goes back to action_pending when the check is not effective, clearing the result', async () => {
    const ncr = await inVerification();
    const refused = await act(ncr.id, 'reopen_actions');
    expect(refused.statusCode).toBe(409);
    await t.app.inject({
      method: 'PATCH',
      url: `${url}/${ncr.id}`,
      headers: auditor.headers,
      payload: {
        effectiveness_check: 'Repeat audit found the same issue',
        effectiveness_result: 'not_effective',
      },
    });
    const back = await act(ncr.id, 'reopen_actions', auditor.headers, { note: 'Needs a preventive action' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ status: 'action_pending', effectiveness_result: null });
    expect(back.json().steps.at(-1)).toMatchObject({
      action: 'reopen_actions',
      from: 'verification',
      to: 'action_pending',
      note: 'Needs a preventive action',
    });
    expect((await addAction(ncr.id, { kind: 'preventive' })).status).toBe('open');
  });

  it('records the effectiveness result only in verification', async () => {
    const ncr = await createNcr();
    const res = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${ncr.id}`,
      headers: auditor.headers,
      payload: { effectiveness_result: 'effective' },
    });
    expect(res.statusCode).toBe(409);
  });
});

describe('POST /ncrs/{id}/close', () => {
  const effective = (id: string) =>
    t.app.inject({
      method: 'PATCH',
      url: `${url}/${id}`,
      headers: auditor.headers,
      payload: { effectiveness_check: 'No recurrence in 3 months', effectiveness_result: 'effective' },
    });

  it('needs an effective check', async () => {
    const ncr = await inVerification();
    const res = await act(ncr.id, 'close', auditor.headers, { password: TEST_PASSWORD, meaning: 'closed' });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/effective/);
  });

  it('refuses a wrong password with 403, and nothing changes', async () => {
    const ncr = await inVerification();
    await effective(ncr.id);
    const before = await get(ncr.id);
    const res = await act(ncr.id, 'close', auditor.headers, {
      password: 'not my password',
      meaning: 'closed',
    });
    await settleSignatureFailures(t.app);
    expect(res.statusCode).toBe(403);
    expect(res.json().errors).toEqual([{ field: 'password', message: expect.any(String) }]);
    const after = await get(ncr.id);
    expect(after).toMatchObject({ status: 'verification', version: before.version, signature_id: null });
    const count = (await t.app.db.execute(
      sql`select count(*)::int as n from signatures where entity_type = 'ncr' and entity_id = ${ncr.id}`,
    )) as unknown as { rows: { n: number }[] };
    expect((count.rows[0] as { n: number }).n).toBe(0);
  });

  it('closes with the closer’s signature (meaning closed) and a last step', async () => {
    const ncr = await inVerification();
    await effective(ncr.id);
    const wrongMeaning = await act(ncr.id, 'close', auditor.headers, {
      password: TEST_PASSWORD,
      meaning: 'approved',
    });
    expect(wrongMeaning.statusCode).toBe(422);
    const res = await act(ncr.id, 'close', auditor.headers, { password: TEST_PASSWORD, meaning: 'closed' });
    expect(res.statusCode, res.body).toBe(200);
    const closed = res.json();
    expect(closed).toMatchObject({
      status: 'closed',
      closed_by: auditor.user.id,
      signature_id: expect.any(String),
      allowed_actions: [],
    });
    expect(closed.steps.at(-1)).toMatchObject({ action: 'close', to: 'closed' });
    expect(closed.signatures).toEqual([
      expect.objectContaining({
        id: closed.signature_id,
        user_id: auditor.user.id,
        meaning: 'closed',
        content_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    const sig = (await t.app.db.execute(
      sql`select user_id, meaning from signatures where id = ${closed.signature_id}`,
    )) as unknown as { rows: unknown[] };
    expect(sig.rows[0]).toMatchObject({ user_id: auditor.user.id, meaning: 'closed' });
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${ncr.id}`,
      headers: auditor.headers,
      payload: { title: 'changed' },
    });
    expect(edit.statusCode).toBe(409);
  });
});

describe('overdue actions', () => {
  it('lists NCRs and actions past due, by owner', async () => {
    const owner = await signedIn(t.app, 'engineer');
    const late = await createNcr();
    const lateAction = await addAction(late.id, { owner_id: owner.user.id });
    // due dates in the past cannot be typed in the past at creation time by a test clock: move it
    await t.app.db.execute(
      sql`update ncr_actions set due_date = ${daysFromToday(-3)} where id = ${lateAction.id}`,
    );
    const onTime = await createNcr();
    await addAction(onTime.id, { owner_id: owner.user.id });
    const ncrs = await t.app.inject({ url: `${url}?overdue=true&limit=100`, headers: viewer.headers });
    const ids = ncrs.json().items.map((n: { id: string }) => n.id);
    expect(ids).toContain(late.id);
    expect(ids).not.toContain(onTime.id);
    expect(ncrs.json().items.find((n: { id: string }) => n.id === late.id).overdue_action_count).toBe(1);
    const actions = await t.app.inject({
      url: `/api/v1/ncr-actions?overdue=true&owner_id=${owner.user.id}`,
      headers: viewer.headers,
    });
    expect(actions.statusCode, actions.body).toBe(200);
    expect(actions.json().items).toEqual([
      expect.objectContaining({ id: lateAction.id, overdue: true, ncr_number: late.number }),
    ]);
    const csv = await t.app.inject({
      url: `/api/v1/ncr-actions?overdue=true&owner_id=${owner.user.id}&format=csv`,
      headers: viewer.headers,
    });
    expect(csv.body.split('\n')[1]).toContain(late.number);
  });
});

describe('GET /ncrs/people', () => {
  it('lets any staff member find owners by name, never a customer', async () => {
    const res = await t.app.inject({ url: '/api/v1/ncrs/people?limit=100', headers: auditor.headers });
    expect(res.statusCode, res.body).toBe(200);
    const ids = res.json().items.map((p: { id: string }) => p.id);
    expect(ids).toEqual(expect.arrayContaining([auditor.user.id, engineer.user.id]));
    expect(ids).not.toContain(customer.user.id);
    expect(Object.keys(res.json().items[0]).sort()).toEqual(['id', 'name', 'role']);
    expect((await t.app.inject({ url: '/api/v1/ncrs/people', headers: customer.headers })).statusCode).toBe(
      403,
    );
  });
});
