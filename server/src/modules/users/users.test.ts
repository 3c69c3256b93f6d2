import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { login, makeCustomer, makeUser, signedIn, uniq } from '../../../test/factories/index.ts';
import { customers, outbox, users, userTokens } from '../../db/schema/index.ts';
import { hashToken } from '../../lib/tokens.ts';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedIn>>;
const url = '/api/v1/users';
const PUBLIC_URL = 'https://lab.example.test';
const SECRET_KEYS = [
  'password_hash',
  'password',
  'failed_login_count',
  'locked_until',
  'password_changed_at',
];

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL, AUTH_RATE_LIMIT: 10_000, MAX_EVENT_LOOP_DELAY_MS: 0 });
  admin = await signedIn(t.app, 'admin');
});
afterAll(async () => t?.close());

type Headers = Record<string, string>;
const call = (method: string, path: string, headers: Headers, payload?: unknown) =>
  t.app.inject({ method: method as 'GET', url: path, headers, payload: payload as object });
const create = (payload: unknown, headers: Headers = admin.headers) => call('POST', url, headers, payload);
const patch = (id: string, payload: unknown, headers: Headers = admin.headers) =>
  call('PATCH', `${url}/${id}`, headers, payload);
const newEmail = (what = 'u') => `${what}-${uniq()}@example.test`;

describe('POST /users', () => {
  it('creates with 201, Location and ETag, and never shows secrets', async () => {
    const email = newEmail('Created');
    const res = await create({
      email,
      full_name: 'Ada Engineer',
      role: 'engineer',
      password: 'a long enough password',
      id: '00000000-0000-0000-0000-000000000000',
      password_hash: 'x',
      is_active: false,
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(res.headers.location).toBe(`${url}/${body.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(body).toMatchObject({
      email: email.toLowerCase(),
      role: 'engineer',
      customer_id: null,
      is_active: true,
    });
    expect(body.id).not.toBe('00000000-0000-0000-0000-000000000000');
    for (const key of SECRET_KEYS) expect(body).not.toHaveProperty(key);
    // the password given works
    await expect(login(t.app, email, 'a long enough password')).resolves.toHaveProperty('access_token');
  });

  it('without a password, mails a one-time invitation link and stores only its hash', async () => {
    const email = newEmail('invited');
    const res = await create({ email, full_name: 'Ivy Invited', role: 'viewer' });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    const [mail] = await t.app.db.select().from(outbox).where(eq(outbox.to, email));
    expect(mail.subject).toContain('Labline');
    const token = new RegExp(`${PUBLIC_URL}/reset-password\\?token=([A-Za-z0-9_-]+)`).exec(mail.text)?.[1];
    expect(token).toBeTruthy();
    const [stored] = await t.app.db
      .select()
      .from(userTokens)
      .where(and(eq(userTokens.user_id, id), eq(userTokens.purpose, 'reset_password')));
    expect(stored.token_hash).toBe(hashToken(token!));
    expect(stored.used_at).toBeNull();
    expect(stored.expires_at.getTime()).toBeGreaterThan(Date.now());
    expect(mail.text).not.toContain(stored.token_hash);

    // the link is the ordinary reset flow: choosing a password verifies the address and signs in
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/reset-password',
      payload: { token, new_password: 'my own long password' },
    });
    expect(reset.statusCode).toBe(200);
    await expect(login(t.app, email, 'my own long password')).resolves.toHaveProperty('access_token');
  });

  it('sends no mail when a password is given', async () => {
    const email = newEmail('nomail');
    await create({ email, full_name: 'No Mail', role: 'viewer', password: 'another long password' });
    expect(await t.app.db.select().from(outbox).where(eq(outbox.to, email))).toHaveLength(0);
  });

  it('binds a customer user to an existing, non-archived customer (422 naming customer_id otherwise)', async () => {
    const customer = await makeCustomer(t.app);
    const ok = await create({
      email: newEmail('portal'),
      full_name: 'Portal',
      role: 'customer',
      customer_id: customer.id,
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().customer_id).toBe(customer.id);

    const archived = await makeCustomer(t.app, { archived_at: new Date() });
    for (const customer_id of [undefined, null, archived.id, '01900000-0000-7000-8000-000000000000']) {
      const email = newEmail('bad-portal');
      const res = await create({ email, full_name: 'Portal', role: 'customer', customer_id });
      expect(res.statusCode, String(customer_id)).toBe(422);
      expect(res.json().errors[0].field).toBe('customer_id');
      expect(await t.app.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
    }
  });

  it('clears a customer_id sent for a staff role', async () => {
    const customer = await makeCustomer(t.app);
    const res = await create({
      email: newEmail('staff'),
      full_name: 'Staff',
      role: 'manager',
      customer_id: customer.id,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().customer_id).toBeNull();
  });

  it('names bad fields, refuses a duplicate e-mail and a short password', async () => {
    const bad = await create({ email: 'nope', full_name: '', role: 'wizard', password: 'short' });
    expect(bad.statusCode).toBe(422);
    const fields = bad.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'full_name', 'role', 'password']));

    const email = newEmail('dup');
    expect((await create({ email, full_name: 'One', role: 'viewer' })).statusCode).toBe(201);
    const dup = await create({ email: email.toUpperCase(), full_name: 'Two', role: 'viewer' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().detail).toContain('email');
  });

  it('is for admins only: managers may read but not create', async () => {
    const manager = await signedIn(t.app, 'manager');
    const res = await create({ email: newEmail(), full_name: 'X', role: 'viewer' }, manager.headers);
    expect(res.statusCode).toBe(403);
    expect((await call('GET', url, manager.headers)).statusCode).toBe(200);
    const viewer = await signedIn(t.app, 'viewer');
    expect((await call('GET', url, viewer.headers)).statusCode).toBe(403);
    expect((await call('GET', `${url}/${viewer.user.id}`, viewer.headers)).statusCode).toBe(403);
  });
});

describe('GET /users', () => {
  it('searches, filters and sorts, with no secret in any item', async () => {
    const tag = uniq();
    const customer = await makeCustomer(t.app);
    const made = [];
    for (const [i, role] of (['viewer', 'engineer', 'customer', 'viewer'] as const).entries()) {
      const res = await create({
        email: `${tag}-${i}@example.test`,
        full_name: `Person ${String.fromCharCode(68 - i)} ${tag}`,
        role,
        customer_id: role === 'customer' ? customer.id : undefined,
        password: 'a long enough password',
      });
      made.push(res.json());
    }
    await patch(made[3].id, { is_active: false });
    await t.app.db
      .update(users)
      .set({ last_login_at: new Date('2026-01-02T00:00:00Z') })
      .where(eq(users.id, made[1].id));

    const get = async (qs: string) => {
      const res = await call('GET', `${url}?${qs}`, admin.headers);
      expect(res.statusCode, qs).toBe(200);
      return res.json();
    };
    const all = await get(`q=${tag.toUpperCase()}`);
    expect(all.total).toBe(4);
    for (const item of all.items) for (const key of SECRET_KEYS) expect(item).not.toHaveProperty(key);
    expect(all.items.map((u: { email: string }) => u.email)).toEqual(made.map((u) => u.email)); // default: email

    expect((await get(`q=${tag}&role=viewer`)).total).toBe(2);
    expect((await get(`q=${tag}&is_active=false`)).items.map((u: { id: string }) => u.id)).toEqual([
      made[3].id,
    ]);
    expect((await get(`customer_id=${customer.id}`)).items.map((u: { id: string }) => u.id)).toEqual([
      made[2].id,
    ]);
    const byName = await get(`q=${tag}&sort=full_name`);
    expect(byName.items.map((u: { id: string }) => u.id)).toEqual([...made].reverse().map((u) => u.id));

    // last_login_at is nullable: it sorts (NULLs after values ascending) and pages by skip, not cursor
    const byLogin = await get(`q=${tag}&sort=last_login_at&limit=2`);
    expect(byLogin.items[0].id).toBe(made[1].id);
    expect(byLogin.next_cursor).toBeUndefined();
    expect((await get(`q=${tag}&sort=-last_login_at&skip=3`)).items).toHaveLength(1);
  });

  it('refuses unknown sorts, bad filters and a cursor on a nullable sort with 422', async () => {
    for (const qs of [
      'sort=password_hash',
      'role=wizard',
      'customer_id=nope',
      'sort=last_login_at&cursor=abc',
      'limit=101',
    ]) {
      expect((await call('GET', `${url}?${qs}`, admin.headers)).statusCode, qs).toBe(422);
    }
  });

  it('exports CSV without secrets', async () => {
    const tag = uniq();
    await create({ email: `${tag}@example.test`, full_name: `Csv ${tag}`, role: 'viewer' });
    const res = await call('GET', `${url}?q=${tag}`, { ...admin.headers, accept: 'text/csv' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('email');
    expect(lines[0]).not.toContain('password');
  });
});

describe('GET /users/{id}', () => {
  it('answers with an ETag, 404 for an unknown id and 422 for a garbage one', async () => {
    const user = await makeUser(t.app);
    const res = await call('GET', `${url}/${user.id}`, admin.headers);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    for (const key of SECRET_KEYS) expect(res.json()).not.toHaveProperty(key);
    expect((await call('GET', `${url}/01900000-0000-7000-8000-000000000000`, admin.headers)).statusCode).toBe(
      404,
    );
    expect((await call('GET', `${url}/not-a-uuid`, admin.headers)).statusCode).toBe(422);
  });
});

describe('PATCH and PUT /users/{id}', () => {
  it('changes the role with If-Match, audits it as [old, new], and 412 when stale', async () => {
    const user = await makeUser(t.app, { role: 'viewer' });
    const ok = await call(
      'PATCH',
      `${url}/${user.id}`,
      { ...admin.headers, 'if-match': '"1"' },
      { role: 'engineer' },
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    expect(ok.json().role).toBe('engineer');
    const stale = await call(
      'PATCH',
      `${url}/${user.id}`,
      { ...admin.headers, 'if-match': '"1"' },
      { role: 'auditor' },
    );
    expect(stale.statusCode).toBe(412);
    expect((await patch(user.id, { role: 'auditor', version: 1 })).statusCode).toBe(412);

    const history = (await call('GET', `${url}/${user.id}/history`, admin.headers)).json();
    expect(history.items[0]).toMatchObject({ action: 'update', actor_id: admin.user.id });
    expect(history.items[0].changes.role).toEqual(['viewer', 'engineer']);
  });

  it("refuses the user's existing access token at once after a role change", async () => {
    const manager = await signedIn(t.app, 'manager');
    expect((await call('GET', url, manager.headers)).statusCode).toBe(200);
    expect((await patch(manager.user.id, { role: 'viewer' })).statusCode).toBe(200);
    expect((await call('GET', url, manager.headers)).statusCode).toBe(401);
    expect((await call('GET', '/api/v1/customers', manager.headers)).statusCode).toBe(401);
    // signing in again gives the new role
    const again = await login(t.app, manager.user.email);
    expect((await call('GET', url, again.headers)).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/customers', again.headers)).statusCode).toBe(200);
  });

  it('deactivation answers 401 at once, ends every session and blocks sign-in', async () => {
    const engineer = await signedIn(t.app, 'engineer');
    const second = await login(t.app, engineer.user.email);
    expect((await call('GET', '/api/v1/customers', engineer.headers)).statusCode).toBe(200);
    const res = await patch(engineer.user.id, { is_active: false });
    expect(res.statusCode).toBe(200);
    expect(res.json().is_active).toBe(false);
    expect((await call('GET', '/api/v1/customers', engineer.headers)).statusCode).toBe(401);
    expect((await call('GET', '/api/v1/customers', second.headers)).statusCode).toBe(401);
    const sessions = await call('GET', `${url}/${engineer.user.id}/sessions`, admin.headers);
    expect(sessions.json().items).toEqual([]);
    await expect(login(t.app, engineer.user.email)).rejects.toThrow();
    // reactivated, the user can sign in again
    expect((await patch(engineer.user.id, { is_active: true })).statusCode).toBe(200);
    await expect(login(t.app, engineer.user.email)).resolves.toHaveProperty('access_token');
  });

  it('keeps sessions on a name change', async () => {
    const viewer = await signedIn(t.app, 'viewer');
    expect((await patch(viewer.user.id, { full_name: 'Renamed Viewer' })).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/customers', viewer.headers)).statusCode).toBe(200);
  });

  it('enforces the customer binding on role and customer changes', async () => {
    const customer = await makeCustomer(t.app);
    const other = await makeCustomer(t.app);
    const user = await makeUser(t.app, { role: 'viewer' });
    const missing = await patch(user.id, { role: 'customer' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors[0].field).toBe('customer_id');
    const bound = await patch(user.id, { role: 'customer', customer_id: customer.id });
    expect(bound.json()).toMatchObject({ role: 'customer', customer_id: customer.id });
    expect((await patch(user.id, { customer_id: null })).statusCode).toBe(422);
    await t.app.db.update(customers).set({ archived_at: new Date() }).where(eq(customers.id, other.id));
    const toArchived = await patch(user.id, { customer_id: other.id });
    expect(toArchived.statusCode).toBe(422);
    expect(toArchived.json().errors[0].field).toBe('customer_id');
    const unbound = await patch(user.id, { role: 'engineer' });
    expect(unbound.json()).toMatchObject({ role: 'engineer', customer_id: null });
    const history = (await call('GET', `${url}/${user.id}/history`, admin.headers)).json();
    expect(history.items[0].changes).toMatchObject({
      role: ['customer', 'engineer'],
      customer_id: [customer.id, null],
    });
  });

  it('PUT accepts back what GET returned and replaces the editable fields', async () => {
    const user = await makeUser(t.app, { role: 'auditor' });
    const got = (await call('GET', `${url}/${user.id}`, admin.headers)).json();
    const res = await call('PUT', `${url}/${user.id}`, admin.headers, {
      ...got,
      full_name: 'Put Name',
      email: 'changed@example.test',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      full_name: 'Put Name',
      email: user.email,
      role: 'auditor',
      version: 2,
    });
    const stale = await call('PUT', `${url}/${user.id}`, admin.headers, { ...got, full_name: 'Lost' });
    expect(stale.statusCode).toBe(412);
    const incomplete = await call('PUT', `${url}/${user.id}`, admin.headers, { full_name: 'Only a name' });
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json().errors.map((e: { field: string }) => e.field)).toContain('role');
  });

  it('refuses to edit an archived user (409) and an unknown one (404)', async () => {
    const user = await makeUser(t.app);
    expect((await call('DELETE', `${url}/${user.id}`, admin.headers)).statusCode).toBe(204);
    expect((await patch(user.id, { full_name: 'x' })).statusCode).toBe(409);
    expect((await patch('01900000-0000-7000-8000-000000000000', { full_name: 'x' })).statusCode).toBe(404);
  });
});

describe('DELETE /users/{id} and restore', () => {
  it('archives (ending sessions), hides from the list, restores, and keeps the history', async () => {
    const viewer = await signedIn(t.app, 'viewer');
    const id = viewer.user.id;
    expect((await call('DELETE', `${url}/${id}`, { ...admin.headers, 'if-match': '"2"' })).statusCode).toBe(
      412,
    );
    expect((await call('DELETE', `${url}/${id}`, admin.headers)).statusCode).toBe(204);
    expect((await call('GET', '/api/v1/customers', viewer.headers)).statusCode).toBe(401);
    expect(
      (await call('GET', `${url}?q=${encodeURIComponent(viewer.user.email)}`, admin.headers)).json().total,
    ).toBe(0);
    expect(
      (
        await call('GET', `${url}?archived=true&q=${encodeURIComponent(viewer.user.email)}`, admin.headers)
      ).json().total,
    ).toBe(1);
    expect((await call('DELETE', `${url}/${id}`, admin.headers)).statusCode).toBe(409);
    await expect(login(t.app, viewer.user.email)).rejects.toThrow();

    const restored = await call('POST', `${url}/${id}/restore`, admin.headers);
    expect(restored.statusCode).toBe(200);
    expect(restored.json().archived_at).toBeNull();
    await expect(login(t.app, viewer.user.email)).resolves.toHaveProperty('access_token');
    const history = (await call('GET', `${url}/${id}/history`, admin.headers)).json();
    expect(history.items.map((e: { action: string }) => e.action).slice(0, 2)).toEqual([
      'restore',
      'archive',
    ]);
  });
});

describe('/users/{id}/sessions', () => {
  it('lists live sessions and ends them all at once (admin only)', async () => {
    const engineer = await signedIn(t.app, 'engineer');
    const second = await login(t.app, engineer.user.email);
    const list = await call('GET', `${url}/${engineer.user.id}/sessions`, admin.headers);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(2);
    expect(list.json().items[0]).toHaveProperty('created_at');
    expect(list.json().items[0]).not.toHaveProperty('token_hash');

    const manager = await signedIn(t.app, 'manager');
    expect((await call('GET', `${url}/${engineer.user.id}/sessions`, manager.headers)).statusCode).toBe(403);
    expect((await call('DELETE', `${url}/${engineer.user.id}/sessions`, manager.headers)).statusCode).toBe(
      403,
    );

    expect((await call('DELETE', `${url}/${engineer.user.id}/sessions`, admin.headers)).statusCode).toBe(204);
    expect((await call('GET', '/api/v1/customers', engineer.headers)).statusCode).toBe(401);
    expect((await call('GET', '/api/v1/customers', second.headers)).statusCode).toBe(401);
    expect((await call('GET', `${url}/${engineer.user.id}/sessions`, admin.headers)).json().items).toEqual(
      [],
    );
    const history = (await call('GET', `${url}/${engineer.user.id}/history`, admin.headers)).json();
    expect(history.items[0]).toMatchObject({
      action: 'revoke_sessions',
      changes: { sessions_ended: [null, 2] },
    });
    // the account itself is untouched: signing in works
    await expect(login(t.app, engineer.user.email)).resolves.toHaveProperty('access_token');
    expect(
      (await call('DELETE', `${url}/01900000-0000-7000-8000-000000000000/sessions`, admin.headers))
        .statusCode,
    ).toBe(404);
  });
});

describe('the last active administrator', () => {
  let solo: TestApp;
  beforeAll(async () => {
    solo = await createTestApp({ AUTH_RATE_LIMIT: 10_000, MAX_EVENT_LOOP_DELAY_MS: 0 });
  });
  afterAll(async () => solo?.close());

  it('cannot be demoted, deactivated or archived; with a second admin they can', async () => {
    const only = await signedIn(solo.app, 'admin');
    const self = `${url}/${only.user.id}`;
    const send = (method: string, path: string, payload?: unknown) =>
      solo.app.inject({
        method: method as 'GET',
        url: path,
        headers: only.headers,
        payload: payload as object,
      });
    for (const [method, payload] of [
      ['PATCH', { role: 'manager' }],
      ['PATCH', { is_active: false }],
      ['PUT', { full_name: 'Me', role: 'viewer' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await send(method, self, payload);
      expect(res.statusCode, `${method} ${JSON.stringify(payload)}`).toBe(409);
      expect(res.json().detail).toContain('last active administrator');
    }
    // an inactive admin does not count
    await makeUser(solo.app, { role: 'admin' }).then((u) =>
      solo.app.db.update(users).set({ is_active: false }).where(eq(users.id, u.id)),
    );
    expect((await send('PATCH', self, { role: 'manager' })).statusCode).toBe(409);
    // a name change is fine
    expect((await send('PATCH', self, { full_name: 'Still Admin' })).statusCode).toBe(200);

    const second = await send('POST', url, {
      email: newEmail('second-admin'),
      full_name: 'Second',
      role: 'admin',
      password: 'a long enough password',
    });
    expect(second.statusCode).toBe(201);
    const demoted = await send('PATCH', self, { role: 'manager' });
    expect(demoted.statusCode).toBe(200);
    // the demotion ended this admin's own session
    expect((await send('GET', url)).statusCode).toBe(401);
  });
});
