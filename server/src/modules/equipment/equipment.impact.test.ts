import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { daysFromToday, makeEquipment } from '../../../test/factories/quality.ts';
import {
  type Bench,
  createPlan,
  enterResult,
  makeBench,
  planExecutions,
  startExecution,
} from '../../../test/factories/testing.ts';

/**
 * A failed calibration lists exactly the results measured with the instrument since its last
 * good calibration (results before it, after the failed one, or with other instruments stay out)
 * and drafts an NCR about them, in the same transaction.
 */
let t: TestApp;
let bench: Bench;
const url = '/api/v1/equipment';

beforeAll(async () => {
  t = await createTestApp();
  bench = await makeBench(t.app, { samples: 1 });
});
afterAll(async () => t?.close());

/** Results for every parameter of a fresh execution run with these instruments. */
async function measureWith(equipmentIds: string[]) {
  const plan = await createPlan(t.app, bench);
  const [execution] = await planExecutions(t.app, bench, plan.id);
  await t.app.inject({
    method: 'PATCH',
    url: `/api/v1/test-executions/${execution.id}`,
    headers: bench.manager.headers,
    payload: { equipment_ids: equipmentIds },
  });
  await startExecution(t.app, bench, execution.id);
  const ids: string[] = [];
  for (const [parameter, value] of [
    ['Breaking force', '312.5'],
    ['Elongation', '21.0'],
    ['Appearance', 'no change'],
  ]) {
    const res = await enterResult(t.app, bench, { execution_id: execution.id, parameter, value });
    expect(res.statusCode, res.body).toBe(201);
    ids.push(res.json().id);
  }
  return ids;
}

/** Dates a result as measured `days` from today (noon UTC, clear of day boundaries). */
const measuredOn = (id: string, days: number) =>
  t.app.db.execute(
    sql`update test_results set created_at = ${`${daysFromToday(days)}T12:00:00Z`}::timestamptz where id = ${id}`,
  );

const record = (equipmentId: string, body: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url: `${url}/${equipmentId}/calibrations`,
    headers: bench.manager.headers,
    payload: {
      performed_by_kind: 'lab',
      performed_by: 'In-house metrology',
      as_left: 'pass',
      ...body,
    },
  });

describe('a failed calibration', () => {
  it('lists exactly the results since the last good calibration and drafts a linked NCR', async () => {
    const tester = await makeEquipment(t.app);
    const other = await makeEquipment(t.app);
    // history: good at -100 (as left pass), a failed-as-left one at -60 does not count as good
    expect(
      (await record(tester.id, { performed_on: daysFromToday(-100), as_found: 'pass' })).statusCode,
    ).toBe(201);
    const [before, between, after] = await measureWith([tester.id]);
    const [otherInstrument] = await measureWith([other.id]);
    const [onGoodDay, onFailDay] = await measureWith([tester.id, other.id]);
    await measuredOn(before, -101);
    await measuredOn(onGoodDay, -100);
    await measuredOn(between, -50);
    await measuredOn(otherInstrument, -50);
    await measuredOn(onFailDay, -10);
    await measuredOn(after, -5);

    const res = await record(tester.id, {
      performed_on: daysFromToday(-10),
      as_found: 'fail',
      as_left: 'adjusted',
      notes: 'Load cell 2.1 % high at 500 N',
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    const impacted = body.impact.results.map((r: { id: string }) => r.id);
    expect(impacted.sort()).toEqual([onGoodDay, between, onFailDay].sort());
    expect(body.impacted_result_ids.sort()).toEqual([onGoodDay, between, onFailDay].sort());
    expect(body.impact).toMatchObject({ since: daysFromToday(-100), until: daysFromToday(-10) });
    expect(body.impact.results[0]).toMatchObject({
      sample_number: bench.samples[0].number,
      parameter: expect.any(String),
    });

    expect(body.ncr_id).toEqual(expect.any(String));
    const ncr = await t.app.inject({ url: `/api/v1/ncrs/${body.ncr_id}`, headers: bench.manager.headers });
    expect(ncr.json()).toMatchObject({
      number: body.ncr_number,
      source: 'equipment',
      source_entity_type: 'equipment',
      source_entity_id: tester.id,
      status: 'open',
      severity: 'major',
    });
    expect(ncr.json().impacted_result_ids.sort()).toEqual(impacted.sort());
    expect(ncr.json().description).toContain(tester.asset_number);
    expect(ncr.json().description).toContain(bench.samples[0].number);

    const again = await t.app.inject({
      url: `${url}/${tester.id}/calibrations/${body.id}/impact`,
      headers: bench.engineer.headers,
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ since: daysFromToday(-100), ncr_number: body.ncr_number });
    expect(
      again
        .json()
        .results.map((r: { id: string }) => r.id)
        .sort(),
    ).toEqual(impacted.sort());
  });

  it('with no good calibration before, lists every result ever measured with it', async () => {
    const tester = await makeEquipment(t.app);
    const [a, b] = await measureWith([tester.id]);
    await measuredOn(a, -400);
    await measuredOn(b, -3);
    const res = await record(tester.id, {
      performed_on: daysFromToday(-1),
      as_found: 'fail',
      as_left: 'pass',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().impact.since).toBeNull();
    expect(res.json().impact.results.map((r: { id: string }) => r.id)).toEqual(
      expect.arrayContaining([a, b]),
    );
  });

  it('drafts nothing when it passes as found', async () => {
    const tester = await makeEquipment(t.app);
    await measureWith([tester.id]);
    const res = await record(tester.id, { performed_on: daysFromToday(-1), as_found: 'pass' });
    expect(res.json()).toMatchObject({ ncr_id: null, impacted_result_ids: [], impact: { results: [] } });
  });

  it('refuses an unknown as-left value (422) and records nothing', async () => {
    const tester = await makeEquipment(t.app);
    const bad = await record(tester.id, {
      performed_on: daysFromToday(-1),
      as_found: 'fail',
      as_left: 'bogus',
    });
    expect(bad.statusCode).toBe(422);
    const list = await t.app.inject({
      url: `${url}/${tester.id}/calibrations`,
      headers: bench.manager.headers,
    });
    expect(list.json().items).toEqual([]);
  });
});
