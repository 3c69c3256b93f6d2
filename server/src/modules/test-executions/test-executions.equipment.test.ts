import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { daysFromToday, makeEquipment } from '../../../test/factories/quality.ts';
import { type Bench, createPlan, makeBench, planExecutions } from '../../../test/factories/testing.ts';

/** Equipment gating: an execution starts only with instruments in service and in calibration. */
let t: TestApp;
let bench: Bench;
const url = '/api/v1/test-executions';

beforeAll(async () => {
  t = await createTestApp();
  bench = await makeBench(t.app, { samples: 1 });
});
afterAll(async () => t?.close());

async function executionWith(equipmentIds: string[]) {
  const plan = await createPlan(t.app, bench);
  const [execution] = await planExecutions(t.app, bench, plan.id);
  const res = await t.app.inject({
    method: 'PATCH',
    url: `${url}/${execution.id}`,
    headers: bench.manager.headers,
    payload: { equipment_ids: equipmentIds },
  });
  expect(res.statusCode, res.body).toBe(200);
  return execution;
}

const start = (id: string) =>
  t.app.inject({ method: 'POST', url: `${url}/${id}/start`, headers: bench.engineer.headers });

describe('POST /test-executions/{id}/start with equipment', () => {
  it('starts with equipment in service and in calibration (due soon is still usable)', async () => {
    const ok = await makeEquipment(t.app);
    const soon = await makeEquipment(t.app, { calibration_due_date: daysFromToday(3) });
    const noCalibrationNeeded = await makeEquipment(t.app, {
      calibration_interval_days: null,
      calibration_due_date: null,
    });
    const execution = await executionWith([ok.id, soon.id, noCalibrationNeeded.id]);
    const res = await start(execution.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('in_progress');
  });

  it.each([
    [
      'out_of_service',
      { status: 'out_of_service', status_reason: 'Load cell broken' },
      /is out of service: Load cell broken/,
    ],
    ['quarantined', { status: 'quarantined', status_reason: 'Dropped' }, /is quarantined: Dropped/],
    ['overdue calibration', { calibration_due_date: daysFromToday(-1) }, /out of calibration: it was due on/],
    ['never calibrated', { calibration_due_date: null }, /has no calibration on record/],
    ['archived', { archived_at: new Date() }, /is archived/],
  ] as const)(
    'refuses %s with a 409 naming the asset and why, and nothing changes',
    async (_label, overrides, why) => {
      const good = await makeEquipment(t.app);
      const bad = await makeEquipment(t.app, overrides as never);
      const execution = await executionWith([good.id, bad.id]);
      const res = await start(execution.id);
      expect(res.statusCode).toBe(409);
      expect(res.json().detail).toContain(bad.asset_number);
      expect(res.json().detail).not.toContain(good.asset_number);
      expect(res.json().detail).toMatch(why);
      const after = await t.app.inject({ url: `${url}/${execution.id}`, headers: bench.manager.headers });
      expect(after.json()).toMatchObject({ status: 'pending', started_at: null });
    },
  );

  it('names every unusable instrument at once', async () => {
    const a = await makeEquipment(t.app, { status: 'quarantined' });
    const b = await makeEquipment(t.app, { calibration_due_date: daysFromToday(-30) });
    const res = await start((await executionWith([a.id, b.id])).id);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain(a.asset_number);
    expect(res.json().detail).toContain(b.asset_number);
  });

  it('refuses an id that is no equipment (422 naming the field)', async () => {
    const execution = await executionWith(['01900000-0000-7000-8000-00000000e001']);
    const res = await start(execution.id);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('equipment_ids');
  });

  it('checks equipment added to a running execution too', async () => {
    const good = await makeEquipment(t.app);
    const execution = await executionWith([good.id]);
    expect((await start(execution.id)).statusCode).toBe(200);
    const bad = await makeEquipment(t.app, { status: 'out_of_service' });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${execution.id}`,
      headers: bench.engineer.headers,
      payload: { equipment_ids: [good.id, bad.id] },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain(bad.asset_number);
  });
});
