import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { signedIn } from '../../../test/factories/index.ts';
import { daysFromToday, makeEquipment } from '../../../test/factories/quality.ts';
import { runReminders } from '../notifications/reminders.ts';

let t: TestApp;
let manager: Awaited<ReturnType<typeof signedIn>>;
let engineer: Awaited<ReturnType<typeof signedIn>>;
let customer: Awaited<ReturnType<typeof signedIn>>;
const url = '/api/v1/equipment';

beforeAll(async () => {
  t = await createTestApp();
  manager = await signedIn(t.app, 'manager');
  engineer = await signedIn(t.app, 'engineer');
  customer = await signedIn(t.app, 'customer');
});
afterAll(async () => t?.close());

type Headers = Record<string, string>;
const post = (path: string, headers: Headers, payload: object = {}) =>
  t.app.inject({ method: 'POST', url: path, headers, payload });
const get = (id: string) =>
  t.app.inject({ url: `${url}/${id}`, headers: manager.headers }).then((r) => r.json());

const calibration = (overrides: Record<string, unknown> = {}) => ({
  performed_on: daysFromToday(-1),
  performed_by_kind: 'provider',
  performed_by: 'Metrology Services Ltd',
  certificate_number: 'CAL-2026-0042',
  as_found: 'pass',
  as_left: 'pass',
  ...overrides,
});

describe('POST /equipment', () => {
  it('registers an instrument with a unique asset number (409 when taken, any case)', async () => {
    const res = await post(url, manager.headers, {
      asset_number: 'TT-001',
      name: 'Tensile tester',
      manufacturer: 'Instron',
      calibration_interval_days: 365,
      calibration_due_date: daysFromToday(10),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'in_service',
      calibration_status: 'due_soon',
      last_calibrated_on: null,
    });
    const dup = await post(url, manager.headers, { asset_number: 'tt-001', name: 'Another' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().detail).toMatch(/asset_number/);
  });

  it('lets managers keep the register; engineers read it; customers see nothing', async () => {
    expect(
      (await post(url, engineer.headers, { asset_number: `X-${Date.now()}`, name: 'x' })).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ url, headers: engineer.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ url, headers: customer.headers })).statusCode).toBe(403);
  });

  it('refuses a bad interval (422 naming the field)', async () => {
    const res = await post(url, manager.headers, {
      asset_number: 'BAD-1',
      name: 'x',
      calibration_interval_days: 0,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toMatch(/calibration_interval_days/);
  });
});

describe('calibration status', () => {
  it('derives ok, due_soon and overdue from the due date, and filters by it', async () => {
    const ok = await makeEquipment(t.app, { calibration_due_date: daysFromToday(31) });
    const soon = await makeEquipment(t.app, { calibration_due_date: daysFromToday(30) });
    const late = await makeEquipment(t.app, { calibration_due_date: daysFromToday(-1) });
    const never = await makeEquipment(t.app, { calibration_due_date: null });
    expect((await get(ok.id)).calibration_status).toBe('ok');
    expect((await get(soon.id)).calibration_status).toBe('due_soon');
    expect((await get(late.id)).calibration_status).toBe('overdue');
    expect((await get(never.id)).calibration_status).toBe('overdue');
    const overdue = await t.app.inject({
      url: `${url}?calibration_status=overdue&limit=100`,
      headers: manager.headers,
    });
    const ids = overdue.json().items.map((e: { id: string }) => e.id);
    expect(ids).toEqual(expect.arrayContaining([late.id, never.id]));
    expect(ids).not.toContain(ok.id);
    expect(ids).not.toContain(soon.id);
  });
});

describe('status actions', () => {
  it('quarantine (an engineer may), return to service (a manager), each with a reason', async () => {
    const item = await makeEquipment(t.app);
    expect((await post(`${url}/${item.id}/quarantine`, engineer.headers, {})).statusCode).toBe(422);
    const q = await post(`${url}/${item.id}/quarantine`, engineer.headers, { reason: 'Readings drift' });
    expect(q.statusCode, q.body).toBe(200);
    expect(q.json()).toMatchObject({ status: 'quarantined', status_reason: 'Readings drift' });
    expect(
      (await post(`${url}/${item.id}/return_to_service`, engineer.headers, { reason: 'ok' })).statusCode,
    ).toBe(403);
    const back = await post(`${url}/${item.id}/return_to_service`, manager.headers, { reason: 'Verified' });
    expect(back.json()).toMatchObject({ status: 'in_service', status_reason: 'Verified' });
    const again = await post(`${url}/${item.id}/return_to_service`, manager.headers, { reason: 'x' });
    expect(again.statusCode).toBe(409);
  });
});

describe('calibration records', () => {
  it('records a calibration: next due defaults to date + interval and moves the due date', async () => {
    const item = await makeEquipment(t.app, {
      calibration_interval_days: 180,
      calibration_due_date: daysFromToday(-5),
    });
    const on = daysFromToday(-2);
    const res = await post(
      `${url}/${item.id}/calibrations`,
      manager.headers,
      calibration({ performed_on: on }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const expectedDue = new Date(`${on}T00:00:00Z`);
    expectedDue.setUTCDate(expectedDue.getUTCDate() + 180);
    expect(res.json()).toMatchObject({
      next_due_date: expectedDue.toISOString().slice(0, 10),
      ncr_id: null,
      impact: { results: [], ncr_id: null },
    });
    expect(await get(item.id)).toMatchObject({
      calibration_due_date: expectedDue.toISOString().slice(0, 10),
      calibration_status: 'ok',
      last_calibrated_on: on,
    });
    const list = await t.app.inject({ url: `${url}/${item.id}/calibrations`, headers: engineer.headers });
    expect(list.json().items).toHaveLength(1);
  });

  it('refuses a future date, a next due before the date and an unknown certificate (422); engineers cannot record', async () => {
    const item = await makeEquipment(t.app);
    const future = await post(
      `${url}/${item.id}/calibrations`,
      manager.headers,
      calibration({ performed_on: daysFromToday(2) }),
    );
    expect(future.statusCode).toBe(422);
    expect(future.json().errors[0].field).toBe('performed_on');
    const due = await post(
      `${url}/${item.id}/calibrations`,
      manager.headers,
      calibration({ next_due_date: daysFromToday(-3) }),
    );
    expect(due.statusCode).toBe(422);
    expect(due.json().errors[0].field).toBe('next_due_date');
    expect((await post(`${url}/${item.id}/calibrations`, engineer.headers, calibration())).statusCode).toBe(
      403,
    );
    const doc = await post(
      `${url}/${item.id}/calibrations`,
      manager.headers,
      calibration({ certificate_document_id: '01900000-0000-7000-8000-00000000d0c1' }),
    );
    expect(doc.statusCode).toBe(422);
    expect(doc.json().errors[0].field).toBe('certificate_document_id');
  });

  it('keeps the due date to the calibration records once there are some (422 naming the field)', async () => {
    const item = await makeEquipment(t.app);
    const early = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${item.id}`,
      headers: manager.headers,
      payload: { calibration_due_date: daysFromToday(50) },
    });
    expect(early.statusCode, early.body).toBe(200);
    await post(`${url}/${item.id}/calibrations`, manager.headers, calibration());
    const late = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${item.id}`,
      headers: manager.headers,
      payload: { calibration_due_date: daysFromToday(900), location: 'Lab 3' },
    });
    expect(late.statusCode).toBe(422);
    expect(late.json().errors[0].field).toBe('calibration_due_date');
  });

  it('replays a retried calibration (Idempotency-Key) without recording it twice', async () => {
    const item = await makeEquipment(t.app);
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `${url}/${item.id}/calibrations`,
        headers: { ...manager.headers, 'idempotency-key': `cal-${item.id}` },
        payload: calibration({ as_found: 'fail', as_left: 'adjusted' }),
      });
    const first = await send();
    const retry = await send();
    expect(first.statusCode, first.body).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.body).toBe(first.body);
    const list = await t.app.inject({ url: `${url}/${item.id}/calibrations`, headers: manager.headers });
    expect(list.json().items).toHaveLength(1);
    const drafted = await t.app.inject({
      url: `/api/v1/ncrs?source_entity_id=${item.id}`,
      headers: manager.headers,
    });
    expect(drafted.json().total).toBe(1);
  });

  it('takes the instrument out of service when it fails as left', async () => {
    const item = await makeEquipment(t.app);
    const res = await post(
      `${url}/${item.id}/calibrations`,
      manager.headers,
      calibration({ as_left: 'fail' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(await get(item.id)).toMatchObject({ status: 'out_of_service' });
  });
});

describe('maintenance log', () => {
  it('appends entries (engineers may) and lists them newest first', async () => {
    const item = await makeEquipment(t.app);
    const a = await post(`${url}/${item.id}/maintenance`, engineer.headers, {
      performed_on: daysFromToday(-3),
      kind: 'cleaning',
      description: 'Cleaned the grips',
      performed_by: 'A. Engineer',
    });
    expect(a.statusCode, a.body).toBe(201);
    await post(`${url}/${item.id}/maintenance`, manager.headers, {
      performed_on: daysFromToday(-1),
      kind: 'repair',
      description: 'Replaced the load cell cable',
      performed_by: 'Service Co',
    });
    const list = await t.app.inject({ url: `${url}/${item.id}/maintenance`, headers: engineer.headers });
    expect(list.json().items.map((m: { kind: string }) => m.kind)).toEqual(['repair', 'cleaning']);
    const bad = await post(`${url}/${item.id}/maintenance`, engineer.headers, { performed_on: 'yesterday' });
    expect(bad.statusCode).toBe(422);
  });
});

describe('calibration reminders', () => {
  it('tells managers once about calibrations due within 30 days and again when overdue', async () => {
    const soon = await makeEquipment(t.app, { calibration_due_date: daysFromToday(5) });
    const count = async () => {
      const res = (await t.app.db.execute(
        sql`select count(*)::int as n from notifications where user_id = ${manager.user.id}
            and kind = 'calibration_due' and entity_id = ${soon.id}`,
      )) as unknown as { rows: { n: number }[] };
      return res.rows[0].n;
    };
    await runReminders(t.app, new Date());
    await runReminders(t.app, new Date());
    expect(await count()).toBe(1);
    await runReminders(t.app, new Date(Date.now() + 10 * 86_400_000));
    expect(await count()).toBe(2);
  });
});
