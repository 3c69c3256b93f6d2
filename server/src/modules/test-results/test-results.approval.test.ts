import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { signedIn, TEST_PASSWORD } from '../../../test/factories/index.ts';
import {
  type Bench,
  createPlan,
  enterResult,
  makeBench,
  makeProject,
  makeSamples,
  planExecutions,
  startExecution,
} from '../../../test/factories/testing.ts';
import { settleSignatureFailures } from '../../lib/signatures.ts';

let t: TestApp;
let bench: Bench;
let secondManager: Awaited<ReturnType<typeof signedIn>>;
const url = '/api/v1/test-results';

beforeAll(async () => {
  t = await createTestApp();
  bench = await makeBench(t.app, { samples: 1 });
  secondManager = await signedIn(t.app, 'manager');
});
afterAll(async () => t?.close());

/** Approving is signed: the approver's password again and the meaning `approved`. */
const SIGNED = { password: TEST_PASSWORD, meaning: 'approved' };
const act = (id: string, name: string, headers: Record<string, string>, payload?: object) =>
  t.app.inject({
    method: 'POST',
    url: `${url}/${id}/${name}`,
    headers,
    payload: payload ?? (name === 'approve' ? SIGNED : undefined),
  });

/** One entered result for Elongation on a fresh running execution. */
async function entered(value: number | string = 25, headers = bench.engineer.headers, local: Bench = bench) {
  const [sample] = await makeSamples(t.app, local.project, 1);
  const plan = await createPlan(t.app, local, { sample_ids: [sample.id] });
  const [execution] = await planExecutions(t.app, local, plan.id);
  await startExecution(t.app, local, execution.id);
  const res = await enterResult(
    t.app,
    local,
    { execution_id: execution.id, parameter: 'Elongation', value },
    headers,
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function approved(value: number | string = 25) {
  const r = await entered(value);
  expect((await act(r.id, 'review', bench.engineer.headers)).statusCode).toBe(200);
  const res = await act(r.id, 'approve', bench.manager.headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('review, approve, reject', () => {
  it('goes entered → reviewed (the enterer may review) → approved by another person', async () => {
    const r = await entered();
    const reviewed = await act(r.id, 'review', bench.engineer.headers);
    expect(reviewed.statusCode).toBe(200);
    expect(reviewed.json()).toMatchObject({ status: 'reviewed', reviewed_by: bench.engineer.user.id });
    expect(reviewed.json().reviewed_at).toMatch(/Z$/);
    const byEngineer = await act(r.id, 'approve', bench.engineer.headers);
    expect(byEngineer.statusCode).toBe(403);
    const ok = await act(r.id, 'approve', bench.manager.headers);
    expect(ok.json()).toMatchObject({
      status: 'approved',
      approved_by: bench.manager.user.id,
      approved_by_name: 'Test User',
      allowed_actions: [],
    });
    const history = await t.app.inject({ url: `${url}/${r.id}/history`, headers: bench.manager.headers });
    expect(history.json().items.map((e: { action: string }) => e.action)).toEqual([
      'approve',
      'review',
      'create',
    ]);
  });

  it('approves only reviewed results: 409 naming the state and the allowed actions', async () => {
    const r = await entered();
    const res = await act(r.id, 'approve', bench.manager.headers);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe(
      'Cannot approve a test_result that is entered; allowed from entered: review, reject',
    );
  });

  it('never lets the person who entered a result approve it (four eyes), admins included', async () => {
    const admin = await signedIn(t.app, 'admin');
    const localBench = { ...bench, engineer: bench.manager };
    // a manager authorised for the method enters the result himself
    await t.app.db.execute(
      sql`update methods set authorised_engineer_ids = array_append(authorised_engineer_ids, ${bench.manager.user.id}::uuid) where id = ${bench.method.id}`,
    );
    const r = await entered(30, bench.manager.headers, localBench);
    await act(r.id, 'review', bench.manager.headers);
    const own = await act(r.id, 'approve', bench.manager.headers);
    expect(own.statusCode).toBe(403);
    expect(own.json().detail).toMatch(/Four-eyes rule/);
    const adminEntered = await entered(31, admin.headers);
    await act(adminEntered.id, 'review', admin.headers);
    expect((await act(adminEntered.id, 'approve', admin.headers)).statusCode).toBe(403);
    expect((await act(r.id, 'approve', secondManager.headers)).statusCode).toBe(200);
  });

  it('rejects with a reason; the parameter then takes a new result', async () => {
    const r = await entered(45);
    expect((await act(r.id, 'reject', bench.manager.headers, {})).statusCode).toBe(422);
    const res = await act(r.id, 'reject', bench.manager.headers, { reason: 'specimen slipped in the jaws' });
    expect(res.json()).toMatchObject({
      status: 'rejected',
      rejection_reason: 'specimen slipped in the jaws',
    });
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${r.id}`,
      headers: bench.engineer.headers,
      payload: { value: 20 },
    });
    expect(edit.statusCode).toBe(409);
    const again = await enterResult(t.app, bench, {
      execution_id: r.execution_id,
      parameter: 'Elongation',
      value: 21,
    });
    expect(again.statusCode, again.body).toBe(201);
  });
});

describe('approved results are locked; corrections supersede them', () => {
  it('answers 409 to a PATCH of an approved result, pointing at /correct', async () => {
    const r = await approved();
    const res = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${r.id}`,
      headers: bench.manager.headers,
      payload: { value: 26 },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain(`/api/v1/test-results/${r.id}/correct`);
  });

  it('creates a new result that supersedes the old; both stay visible; it goes through approval again', async () => {
    const old = await approved(41);
    expect(old.overall_verdict).toBe('fail');
    const res = await t.app.inject({
      method: 'POST',
      url: `${url}/${old.id}/correct`,
      headers: bench.engineer.headers,
      payload: { value: '39.0', reason: 'transcription error: 39.0 on the sheet' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const fresh = res.json();
    expect(res.headers.location).toBe(`${url}/${fresh.id}`);
    expect(fresh).toMatchObject({
      supersedes_id: old.id,
      correction_reason: 'transcription error: 39.0 on the sheet',
      status: 'entered',
      value: '39.0',
      overall_verdict: 'pass',
      parameter: 'Elongation',
      allowed_actions: ['review', 'reject'],
    });
    const before = (await t.app.inject({ url: `${url}/${old.id}`, headers: bench.manager.headers })).json();
    expect(before).toMatchObject({
      status: 'approved',
      superseded_by_id: fresh.id,
      superseded: true,
      value: '41',
    });
    const twice = await t.app.inject({
      method: 'POST',
      url: `${url}/${old.id}/correct`,
      headers: bench.engineer.headers,
      payload: { value: '38.0', reason: 'again' },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toContain(`superseded by ${fresh.id}`);
    const chain = await t.app.inject({
      url: `${url}?execution_id=${old.execution_id}`,
      headers: bench.manager.headers,
    });
    expect(chain.json().total).toBe(2);
    await act(fresh.id, 'review', bench.engineer.headers);
    expect((await act(fresh.id, 'approve', bench.engineer.headers)).statusCode).toBe(403);
    expect((await act(fresh.id, 'approve', bench.manager.headers)).statusCode).toBe(200);
  });

  it('corrects only approved results', async () => {
    const r = await entered();
    const res = await t.app.inject({
      method: 'POST',
      url: `${url}/${r.id}/correct`,
      headers: bench.engineer.headers,
      payload: { value: 20, reason: 'x' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('edit it with PATCH');
  });
});

describe('customer scoping', () => {
  it('shows a customer only APPROVED results of its own projects; another customer’s are 404', async () => {
    const approvedOne = await approved(22);
    const enteredOne = await entered(23);
    const portal = await signedIn(t.app, 'customer', { customer_id: bench.project.customer_id });
    const list = await t.app.inject({
      url: `${url}?project_id=${bench.project.id}&limit=100`,
      headers: portal.headers,
    });
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((r: { id: string }) => r.id);
    expect(ids).toContain(approvedOne.id);
    expect(ids).not.toContain(enteredOne.id);
    expect(list.json().items.every((r: { status: string }) => r.status === 'approved')).toBe(true);
    expect(
      (await t.app.inject({ url: `${url}/${approvedOne.id}`, headers: portal.headers })).statusCode,
    ).toBe(200);
    expect((await t.app.inject({ url: `${url}/${enteredOne.id}`, headers: portal.headers })).statusCode).toBe(
      404,
    );

    const otherProject = await makeProject(t.app);
    const stranger = await signedIn(t.app, 'customer', { customer_id: otherProject.customer_id });
    expect(
      (await t.app.inject({ url: `${url}/${approvedOne.id}`, headers: stranger.headers })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ url, headers: stranger.headers })).json().total).toBe(0);
    const write = await enterResult(
      t.app,
      bench,
      { execution_id: approvedOne.execution_id, parameter: 'Elongation', value: 1 },
      portal.headers,
    );
    expect(write.statusCode).toBe(403);
    expect((await act(approvedOne.id, 'approve', portal.headers)).statusCode).toBe(403);
  });
});

describe('approval e-signature', () => {
  const count = async (q: ReturnType<typeof sql>) =>
    Number(((await t.app.db.execute(q)) as unknown as { rows: { n: number | string }[] }).rows[0].n);

  it('stores who signed, the meaning and a hash of what was approved, with the approval', async () => {
    const r = await approved(26);
    const rows = (await t.app.db.execute(
      sql`select user_id, user_name, meaning, content_sha256 from signatures where entity_type = 'test_result' and entity_id = ${r.id}`,
    )) as unknown as { rows: Record<string, string>[] };
    expect(rows.rows).toEqual([
      {
        user_id: bench.manager.user.id,
        user_name: 'Test User',
        meaning: 'approved',
        content_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
    // … and shows it on the result
    const shown = await t.app.inject({ url: `${url}/${r.id}`, headers: bench.manager.headers });
    expect(shown.json().signatures).toEqual([
      expect.objectContaining({
        user_id: bench.manager.user.id,
        meaning: 'approved',
        content_sha256: rows.rows[0].content_sha256,
      }),
    ]);
  });

  it('refuses a wrong password with 403 signature-refused, and nothing changes', async () => {
    const r = await entered(27);
    const reviewed = (await act(r.id, 'review', bench.engineer.headers)).json();
    const events = await count(sql`select count(*) as n from audit_events where entity_id = ${r.id}`);
    const res = await act(r.id, 'approve', bench.manager.headers, {
      password: 'not my password',
      meaning: 'approved',
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().type).toMatch(/signature-refused$/);
    expect(res.json().errors).toEqual([{ field: 'password', message: expect.any(String) }]);
    const after = await t.app.inject({ url: `${url}/${r.id}`, headers: bench.manager.headers });
    expect(after.json()).toMatchObject({ status: 'reviewed', version: reviewed.version, approved_by: null });
    expect(await count(sql`select count(*) as n from signatures where entity_id = ${r.id}`)).toBe(0);
    expect(await count(sql`select count(*) as n from audit_events where entity_id = ${r.id}`)).toBe(events);
  });

  it('asks for the password and the meaning `approved` (422 naming the field)', async () => {
    const r = await entered(28);
    await act(r.id, 'review', bench.engineer.headers);
    const none = await act(r.id, 'approve', bench.manager.headers, {});
    expect(none.statusCode).toBe(422);
    expect(none.json().errors.map((e: { field: string }) => e.field)).toContain('password');
    const wrongMeaning = await act(r.id, 'approve', bench.manager.headers, {
      password: TEST_PASSWORD,
      meaning: 'issued',
    });
    expect(wrongMeaning.statusCode).toBe(422);
    expect(wrongMeaning.json().errors).toEqual([{ field: 'meaning', message: expect.any(String) }]);
  });

  it('counts failed signatures toward the account lockout', async () => {
    const signer = await signedIn(t.app, 'manager');
    const r = await entered(29);
    await act(r.id, 'review', bench.engineer.headers);
    for (let i = 0; i < t.app.config.LOCKOUT_THRESHOLD; i++) {
      const res = await act(r.id, 'approve', signer.headers, { password: `wrong-${i}`, meaning: 'approved' });
      expect(res.statusCode).toBe(403);
      await settleSignatureFailures(t.app);
    }
    // locked now: even the right password is refused, and a login gets 423
    const locked = await act(r.id, 'approve', signer.headers);
    expect(locked.statusCode).toBe(403);
    expect(locked.json().errors[0].message).toMatch(/locked/);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: signer.user.email, password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(423);
  });
});
