import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { act } from '../../../test/factories/commercial.ts';
import { signedIn } from '../../../test/factories/index.ts';

let t: TestApp;
let manager: Awaited<ReturnType<typeof signedIn>>;
const url = '/api/v1/suppliers';

beforeAll(async () => {
  t = await createTestApp();
  manager = await signedIn(t.app, 'manager');
});
afterAll(async () => t?.close());

const create = (payload: object, headers = manager.headers) =>
  t.app.inject({ method: 'POST', url, payload, headers });

const supplierBody = {
  name: '  Textile Standards Ltd ',
  category: 'reference_materials',
  supplies: 'ISO 105 grey scales, multifibre strips',
  email: 'sales@textile-standards.example',
  contacts: [{ name: 'Mia Chen', email: 'mia@textile-standards.example', role: 'Account manager' }],
  approval_status: 'approved',
};

describe('POST /suppliers', () => {
  it('creates a pending supplier (the status is never taken from the body)', async () => {
    const res = await create(supplierBody);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      name: 'Textile Standards Ltd',
      approval_status: 'pending',
      contacts: [expect.objectContaining({ name: 'Mia Chen' })],
      allowed_actions: ['approve', 'approve-conditionally', 'reject'],
    });
  });

  it('refuses a blank name and a bad contact (422 naming the field)', async () => {
    const blank = await create({ name: '   ' });
    expect(blank.json().errors[0].field).toBe('name');
    const contact = await create({ name: 'X', contacts: [{ name: 'Y', email: 'not-an-email' }] });
    expect(contact.statusCode).toBe(422);
    expect(contact.json().errors[0].field).toMatch(/contacts/);
  });
});

describe('approval actions', () => {
  it('approve records the evaluation; conditional and reject need notes; re-evaluate reopens', async () => {
    const supplier = (await create({ name: 'Chem Supplies' })).json();
    const approved = await act(t.app, manager.headers, 'suppliers', supplier.id, 'approve', {
      evaluation_notes: 'ISO 9001 certificate checked',
      evaluation_date: '2026-03-01',
      next_evaluation_due: '2027-03-01',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      approval_status: 'approved',
      evaluation_notes: 'ISO 9001 certificate checked',
      evaluation_date: '2026-03-01',
      next_evaluation_due: '2027-03-01',
      evaluated_by: manager.user.id,
    });
    const noNotes = await act(t.app, manager.headers, 'suppliers', supplier.id, 'approve-conditionally', {});
    expect(noNotes.statusCode).toBe(422);
    expect(noNotes.json().errors[0].field).toBe('evaluation_notes');
    const backwards = await act(t.app, manager.headers, 'suppliers', supplier.id, 'reject', {
      evaluation_notes: 'late deliveries',
      evaluation_date: '2026-05-01',
      next_evaluation_due: '2026-04-01',
    });
    expect(backwards.json().errors[0].field).toBe('next_evaluation_due');
    const rejected = await act(t.app, manager.headers, 'suppliers', supplier.id, 'reject', {
      evaluation_notes: 'Three late deliveries in a quarter',
    });
    expect(rejected.json()).toMatchObject({ approval_status: 'rejected', allowed_actions: ['re-evaluate'] });
    const again = await act(t.app, manager.headers, 'suppliers', supplier.id, 'approve');
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('rejected');
    const reopened = await act(t.app, manager.headers, 'suppliers', supplier.id, 're-evaluate');
    expect(reopened.json().approval_status).toBe('pending');
    const history = await t.app.inject({ url: `${url}/${supplier.id}/history`, headers: manager.headers });
    expect(history.json().items.map((e: { action: string }) => e.action)).toEqual([
      're-evaluate',
      'reject',
      'approve',
      'create',
    ]);
  });

  it('filters by approval status and exports CSV', async () => {
    const s = (await create({ name: 'Filter Me Co' })).json();
    await act(t.app, manager.headers, 'suppliers', s.id, 'approve-conditionally', {
      evaluation_notes: 'Only for non-accredited work',
    });
    const list = await t.app.inject({ url: `${url}?approval_status=conditional`, headers: manager.headers });
    expect(list.json().items.map((x: { id: string }) => x.id)).toContain(s.id);
    expect(
      list.json().items.every((x: { approval_status: string }) => x.approval_status === 'conditional'),
    ).toBe(true);
    const csv = await t.app.inject({ url: `${url}?format=csv&q=Filter%20Me`, headers: manager.headers });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toContain('approval_status');
    expect(csv.body).toContain('Only for non-accredited work');
  });
});

describe('roles', () => {
  it('staff read; only managers write and decide; customers see nothing', async () => {
    const supplier = (await create({ name: 'Role Check' })).json();
    for (const role of ['engineer', 'viewer', 'auditor'] as const) {
      const user = await signedIn(t.app, role);
      expect((await t.app.inject({ url: `${url}/${supplier.id}`, headers: user.headers })).statusCode).toBe(
        200,
      );
      expect((await create({ name: 'Nope' }, user.headers)).statusCode).toBe(403);
      expect((await act(t.app, user.headers, 'suppliers', supplier.id, 'approve')).statusCode).toBe(403);
    }
    const portal = await signedIn(t.app, 'customer');
    expect((await t.app.inject({ url, headers: portal.headers })).statusCode).toBe(403);
  });
});
