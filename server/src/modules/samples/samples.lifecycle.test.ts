import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { signedIn } from '../../../test/factories/index.ts';
import { makeProject, makeSample, makeTrf, trfItems } from '../../../test/factories/intake.ts';
import { sampleCustody } from '../../db/schema/index.ts';

/** The sample state machine, its custody entries, the custody log and what it protects. */
let t: TestApp;
type Caller = Awaited<ReturnType<typeof signedIn>>;
let engineer: Caller;
let manager: Caller;
let viewer: Caller;
const url = '/api/v1/samples';

beforeAll(async () => {
  t = await createTestApp();
  engineer = await signedIn(t.app, 'engineer');
  manager = await signedIn(t.app, 'manager');
  viewer = await signedIn(t.app, 'viewer');
});
afterAll(async () => t?.close());

const act = (id: string, action: string, payload: object = {}, headers = engineer.headers) =>
  t.app.inject({ method: 'POST', url: `${url}/${id}/${action}`, payload, headers });
const custody = async (id: string) =>
  (await t.app.inject({ url: `${url}/${id}/custody`, headers: viewer.headers })).json().items as {
    action: string;
    from_party: string | null;
    to_party: string | null;
    location: string | null;
    notes: string | null;
  }[];

describe('sample actions', () => {
  it('walks received → in_test → tested → retained → disposed, one custody entry per move', async () => {
    const project = await makeProject(t.app);
    const s = await makeSample(t.app, engineer.headers, project.id, { received_date: '2025-01-05' });
    const started = await act(s.id, 'start_testing', { location: 'Bench 3' });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({ status: 'in_test', allowed_actions: ['finish_testing'] });
    const finished = await act(s.id, 'finish_testing', { storage_location: 'Shelf B2' });
    expect(finished.json()).toMatchObject({ status: 'tested', storage_location: 'Shelf B2' });
    const noDate = await act(s.id, 'retain');
    expect(noDate.statusCode).toBe(422);
    expect(noDate.json().errors[0].field).toBe('retention_until');
    const retained = await act(s.id, 'retain', {
      retention_until: '2025-06-30',
      storage_location: 'Archive R1',
    });
    expect(retained.json()).toMatchObject({
      status: 'retained',
      retention_until: '2025-06-30',
      storage_location: 'Archive R1',
      allowed_actions: ['dispose', 'return_to_customer'],
    });
    const disposed = await act(s.id, 'dispose', { notes: 'Incinerated' });
    expect(disposed.statusCode, disposed.body).toBe(200);
    expect(disposed.json()).toMatchObject({ status: 'disposed', allowed_actions: [] });
    const log = await custody(s.id);
    expect(log.map((e) => e.action)).toEqual([
      'received',
      'to_testing',
      'from_testing',
      'retained',
      'disposed',
    ]);
    expect(log[1]).toMatchObject({ from_party: 'Shelf A1', to_party: 'Test User', location: 'Bench 3' });
    expect(log[4]).toMatchObject({ from_party: 'Archive R1', notes: 'Incinerated' });
    const history = await t.app.inject({ url: `${url}/${s.id}/history`, headers: viewer.headers });
    expect(history.json().items.map((e: { action: string }) => e.action)).toEqual([
      'dispose',
      'retain',
      'finish_testing',
      'start_testing',
      'create',
    ]);
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${s.id}`,
      headers: engineer.headers,
      payload: { description: 'too late' },
    });
    expect(edit.statusCode).toBe(409);
  });

  it('returns a retained sample to its customer, named in the custody log', async () => {
    const project = await makeProject(t.app);
    const s = await makeSample(t.app, engineer.headers, project.id);
    for (const a of ['start_testing', 'finish_testing']) expect((await act(s.id, a)).statusCode).toBe(200);
    await act(s.id, 'retain', { retention_until: '2099-01-01' });
    const early = await act(s.id, 'dispose');
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('2099-01-01');
    const returned = await act(s.id, 'return_to_customer', { notes: 'DHL 1234' });
    expect(returned.json().status).toBe('returned');
    const last = (await custody(s.id)).at(-1);
    expect(last).toMatchObject({
      action: 'returned_to_customer',
      to_party: s.customer_name,
      notes: 'DHL 1234',
    });
  });

  it('answers 409 naming the state and the allowed actions; viewers may not act', async () => {
    const project = await makeProject(t.app);
    const s = await makeSample(t.app, engineer.headers, project.id);
    const res = await act(s.id, 'retain', { retention_until: '2099-01-01' });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('received');
    expect(res.json().detail).toContain('start_testing');
    expect((await act(s.id, 'start_testing', {}, viewer.headers)).statusCode).toBe(403);
    expect((await custody(s.id)).map((e) => e.action)).toEqual(['received']);
  });
});

describe('chain of custody', () => {
  it('records a handover by the caller; a location moves the sample', async () => {
    const project = await makeProject(t.app);
    const s = await makeSample(t.app, engineer.headers, project.id);
    const res = await act(s.id, 'custody', {
      action: 'transfer',
      from_party: 'Reception',
      to_party: 'Chemistry lab',
      location: 'Fridge C4',
      notes: 'Kept cold',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      action: 'transfer',
      recorded_by: engineer.user.id,
      recorded_by_name: 'Test User',
    });
    const sample = await t.app.inject({ url: `${url}/${s.id}`, headers: viewer.headers });
    expect(sample.json()).toMatchObject({ storage_location: 'Fridge C4', version: 2 });
    expect((await custody(s.id)).map((e) => e.action)).toEqual(['received', 'transfer']);
    const history = await t.app.inject({ url: `${url}/${s.id}/history`, headers: viewer.headers });
    expect(history.json().items[0]).toMatchObject({ action: 'custody' });
    expect(history.json().items[0].changes.storage_location).toEqual(['Shelf A1', 'Fridge C4']);
    const bad = await act(s.id, 'custody', { action: 'teleport' });
    expect(bad.statusCode).toBe(422);
    expect((await act(s.id, 'custody', { action: 'handover' }, viewer.headers)).statusCode).toBe(403);
  });

  it('is append-only: the database refuses UPDATE and DELETE of an entry', async () => {
    const project = await makeProject(t.app);
    const s = await makeSample(t.app, engineer.headers, project.id);
    // Drizzle wraps the driver's error; the database's own message is the cause.
    const refusal = async (query: Promise<unknown>) => {
      try {
        await query;
        return 'allowed';
      } catch (err) {
        return String((err as { cause?: Error }).cause?.message ?? err);
      }
    };
    expect(
      await refusal(
        t.app.db.execute(sql`update ${sampleCustody} set notes = 'rewritten' where sample_id = ${s.id}`),
      ),
    ).toMatch(/append-only \(UPDATE refused\)/);
    expect(
      await refusal(t.app.db.execute(sql`delete from ${sampleCustody} where sample_id = ${s.id}`)),
    ).toMatch(/append-only \(DELETE refused\)/);
    const log = await custody(s.id);
    expect(log).toHaveLength(1);
    expect(log[0].notes).toBeNull();
  });

  it('404 for an unknown sample', async () => {
    const res = await t.app.inject({
      url: `${url}/01900000-0000-7000-8000-000000000000/custody`,
      headers: viewer.headers,
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('TRFs keep the items their samples point at', () => {
  it('refuses to drop an item with samples or to move the TRF to another project', async () => {
    const project = await makeProject(t.app);
    const other = await makeProject(t.app);
    const trf = await makeTrf(t.app, manager.headers, project.id, { items: trfItems(3) });
    await makeSample(t.app, engineer.headers, project.id, { trf_id: trf.id, trf_item_no: 3 });
    const patch = (payload: object) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/trfs/${trf.id}`, headers: manager.headers, payload });
    const dropped = await patch({ items: trfItems(2) });
    expect(dropped.statusCode).toBe(409);
    expect(dropped.json().detail).toContain('3');
    expect((await patch({ project_id: other.id })).statusCode).toBe(409);
    const fine = await patch({ items: trfItems(4) });
    expect(fine.statusCode, fine.body).toBe(200);
  });
});
