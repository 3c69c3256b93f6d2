import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { signedIn } from '../../../test/factories/index.ts';
import { makeProject, makeSample, sampleBody } from '../../../test/factories/intake.ts';
import { closePdfWorkers } from '../../pdf/pool.ts';

/** Portal customers read their own samples (with custody and labels) and never learn of others'. */
let t: TestApp;
type Caller = Awaited<ReturnType<typeof signedIn>>;
let engineer: Caller;
let alice: Caller;
let bob: Caller;
let alicesSample: { id: string; number: string };
let bobsSample: { id: string; number: string };
const url = '/api/v1/samples';
const NO_SUCH_ID = '01900000-0000-7000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp();
  engineer = await signedIn(t.app, 'engineer');
  alice = await signedIn(t.app, 'customer');
  bob = await signedIn(t.app, 'customer');
  const aliceProject = await makeProject(t.app, { customer_id: alice.user.customer_id! });
  const bobProject = await makeProject(t.app, { customer_id: bob.user.customer_id! });
  alicesSample = await makeSample(t.app, engineer.headers, aliceProject.id);
  bobsSample = await makeSample(t.app, engineer.headers, bobProject.id);
});
afterAll(async () => {
  await closePdfWorkers();
  await t?.close();
});

/** What a caller learns from an answer: status and body without the request id and the id asked for. */
const learned = (res: { statusCode: number; body: string }) =>
  `${res.statusCode} ${res.body.replace(/"request_id":"[^"]*"/, '').replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>')}`;

describe('portal customers and samples', () => {
  it('lists and reads only their own samples, with custody and label', async () => {
    const list = await t.app.inject({ url, headers: alice.headers });
    expect(list.json().items.map((s: { id: string }) => s.id)).toEqual([alicesSample.id]);
    const filtered = await t.app.inject({
      url: `${url}?customer_id=${bob.user.customer_id}`,
      headers: alice.headers,
    });
    expect(filtered.json().total).toBe(0);
    const own = await t.app.inject({ url: `${url}/${alicesSample.id}`, headers: alice.headers });
    expect(own.statusCode).toBe(200);
    expect(own.json().allowed_actions).toEqual([]);
    const custody = await t.app.inject({ url: `${url}/${alicesSample.id}/custody`, headers: alice.headers });
    expect(custody.json().items).toHaveLength(1);
    const label = await t.app.inject({ url: `${url}/${alicesSample.id}/label`, headers: alice.headers });
    expect(label.statusCode).toBe(200);
  });

  it("answers for another customer's sample exactly as for one that does not exist", async () => {
    for (const path of ['', '/custody', '/history', '/label']) {
      const theirs = await t.app.inject({ url: `${url}/${bobsSample.id}${path}`, headers: alice.headers });
      const ghost = await t.app.inject({ url: `${url}/${NO_SUCH_ID}${path}`, headers: alice.headers });
      expect(theirs.statusCode, path).toBe(404);
      expect(learned(theirs)).toBe(learned(ghost));
    }
    const batch = (id: string) =>
      t.app.inject({
        method: 'POST',
        url: `${url}/labels`,
        headers: alice.headers,
        payload: { sample_ids: [alicesSample.id, id] },
      });
    const theirs = await batch(bobsSample.id);
    expect(theirs.statusCode).toBe(404);
    expect(learned(theirs)).toBe(learned(await batch(NO_SUCH_ID)));
  });

  it('may not register, edit, move or split samples', async () => {
    const project = await makeProject(t.app, { customer_id: alice.user.customer_id! });
    const calls = [
      { method: 'POST', url, payload: sampleBody(project.id) },
      {
        method: 'POST',
        url: `${url}/bulk`,
        payload: { project_id: project.id, items: [{ description: 'x' }] },
      },
      { method: 'PATCH', url: `${url}/${alicesSample.id}`, payload: { description: 'mine' } },
      { method: 'POST', url: `${url}/${alicesSample.id}/start_testing`, payload: {} },
      { method: 'POST', url: `${url}/${alicesSample.id}/custody`, payload: { action: 'handover' } },
      { method: 'POST', url: `${url}/${alicesSample.id}/split`, payload: { count: 2 } },
    ] as const;
    for (const call of calls) {
      const res = await t.app.inject({ ...call, headers: alice.headers });
      expect(res.statusCode, `${call.method} ${call.url}`).toBe(403);
    }
  });
});
