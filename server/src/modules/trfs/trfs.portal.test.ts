import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { signedIn } from '../../../test/factories/index.ts';
import { makeProject, makeTrf, trfBody } from '../../../test/factories/intake.ts';

/**
 * The portal: a customer user submits and corrects its own TRFs, and another customer's TRFs and
 * projects answer exactly like records that do not exist (404), on every route.
 */
let t: TestApp;
type Caller = Awaited<ReturnType<typeof signedIn>>;
let manager: Caller;
let alice: Caller;
let bob: Caller;
let aliceProject: { id: string; number: string; customer_id: string };
let bobProject: { id: string };
const url = '/api/v1/trfs';
const NO_SUCH_ID = '01900000-0000-7000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp();
  manager = await signedIn(t.app, 'manager');
  alice = await signedIn(t.app, 'customer');
  bob = await signedIn(t.app, 'customer');
  aliceProject = await makeProject(t.app, { customer_id: alice.user.customer_id! });
  bobProject = await makeProject(t.app, { customer_id: bob.user.customer_id! });
});
afterAll(async () => t?.close());

const post = (payload: unknown, headers: Record<string, string>, path = url) =>
  t.app.inject({ method: 'POST', url: path, payload: payload as object, headers });

/** A 404 without the request id: what the caller learns. */
const shape = (res: { statusCode: number; json(): Record<string, unknown> }) => {
  const { request_id: _id, detail, ...rest } = res.json();
  return { status: res.statusCode, ...rest, detail: String(detail).replace(/[0-9a-f-]{36}/, '<id>') };
};

describe('portal customers and TRFs', () => {
  it('submits a TRF for its own project', async () => {
    const res = await post(trfBody(aliceProject.id), alice.headers);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      customer_id: alice.user.customer_id,
      status: 'submitted',
      submitted_by: alice.user.id,
      allowed_actions: [],
    });
  });

  it("cannot tell another customer's project from one that does not exist", async () => {
    const foreign = await post(trfBody(bobProject.id), alice.headers);
    const missing = await post(trfBody(NO_SUCH_ID), alice.headers);
    expect(foreign.statusCode).toBe(404);
    expect(shape(foreign)).toEqual(shape(missing));
  });

  it("never sees another customer's TRF: list, read, history, edit, actions all answer as if it were not there", async () => {
    const bobs = await makeTrf(t.app, bob.headers, bobProject.id);
    const mine = await makeTrf(t.app, alice.headers, aliceProject.id);
    const list = await t.app.inject({ url, headers: alice.headers });
    const ids = list.json().items.map((r: { id: string }) => r.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(bobs.id);
    const filtered = await t.app.inject({
      url: `${url}?customer_id=${bob.user.customer_id}`,
      headers: alice.headers,
    });
    expect(filtered.json().total).toBe(0);
    for (const [method, path, payload] of [
      ['GET', `${url}/${bobs.id}`, undefined],
      ['GET', `${url}/${bobs.id}/history`, undefined],
      ['PATCH', `${url}/${bobs.id}`, { special_instructions: 'mine now' }],
      ['POST', `${url}/${bobs.id}/resubmit`, {}],
    ] as const) {
      const res = await t.app.inject({ method, url: path, headers: alice.headers, payload });
      const ghost = await t.app.inject({
        method,
        url: path.replace(bobs.id, NO_SUCH_ID),
        headers: alice.headers,
        payload,
      });
      expect(res.statusCode, `${method} ${path}`).toBe(404);
      expect(shape(res)).toEqual(shape(ghost));
    }
  });

  it('may not review its own TRF, move it to a foreign project, or archive it', async () => {
    const mine = await makeTrf(t.app, alice.headers, aliceProject.id);
    expect((await post({}, alice.headers, `${url}/${mine.id}/accept`)).statusCode).toBe(403);
    expect((await post({ reason: 'x' }, alice.headers, `${url}/${mine.id}/return`)).statusCode).toBe(403);
    const move = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${mine.id}`,
      headers: alice.headers,
      payload: { project_id: bobProject.id },
    });
    expect(move.statusCode).toBe(404);
    const archive = await t.app.inject({
      method: 'DELETE',
      url: `${url}/${mine.id}`,
      headers: alice.headers,
    });
    expect(archive.statusCode).toBe(403);
  });

  it('reads the reason of a returned TRF, corrects it and resubmits', async () => {
    const mine = await makeTrf(t.app, alice.headers, aliceProject.id);
    await post(
      { reason: 'State the fibre composition of item 1' },
      manager.headers,
      `${url}/${mine.id}/return`,
    );
    const seen = await t.app.inject({ url: `${url}/${mine.id}`, headers: alice.headers });
    expect(seen.json()).toMatchObject({
      status: 'returned',
      review_note: 'State the fibre composition of item 1',
      allowed_actions: ['resubmit'],
    });
    const fixed = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${mine.id}`,
      headers: { ...alice.headers, 'if-match': `"${seen.json().version}"` },
      payload: { items: [{ ...trfBody(aliceProject.id).items[0], composition: '100% cotton' }] },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const resubmitted = await post({}, alice.headers, `${url}/${mine.id}/resubmit`);
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    expect(resubmitted.json().status).toBe('submitted');
  });
});
