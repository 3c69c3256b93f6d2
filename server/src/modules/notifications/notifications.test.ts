import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { makeUser, signedIn } from '../../../test/factories/index.ts';
import { notifications, outbox } from '../../db/schema/index.ts';
import { notify } from '../../lib/notifications.ts';
import { AUTH_TEST_CONFIG, startSmtp } from '../auth/auth.test-support.ts';

/** In-app notifications, their e-mail through a real SMTP server, read state and preferences. */
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let t: TestApp;

beforeAll(async () => {
  smtp = await startSmtp();
  t = await createTestApp({
    ...AUTH_TEST_CONFIG,
    SMTP_URL: smtp.url,
    PUBLIC_URL: 'https://lab.example.test',
  });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const api = (headers: Record<string, string>) => ({
  get: (url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers }),
  post: (url: string, payload?: object) =>
    t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) }),
  put: (url: string, payload: object) =>
    t.app.inject({ method: 'PUT', url: `/api/v1${url}`, headers, payload }),
});

const send = (userIds: string[], extra: Partial<Parameters<typeof notify>[1]> = {}) =>
  t.app.db.transaction((tx) =>
    notify(tx, { userIds, kind: 'task_assigned', title: 'Task TSK-1 is yours', link: '/tasks/x', ...extra }),
  );

describe('notify()', () => {
  it('writes one in-app row per recipient and mails those who want mail, after commit', async () => {
    const a = await makeUser(t.app, { role: 'engineer' });
    const b = await makeUser(t.app, { role: 'manager' });
    await send([a.id, b.id, a.id], { body: 'Please calibrate the balance' });
    const rows = await t.app.db
      .select()
      .from(notifications)
      .where(eq(notifications.title, 'Task TSK-1 is yours'));
    expect(rows.map((r) => r.user_id).sort()).toEqual([a.id, b.id].sort());
    await t.app.mailer.deliver();
    const mail = await smtp.next(a.email, /Subject: \[Labline\] Task TSK-1 is yours/);
    expect(mail.text).toContain('Please calibrate the balance');
    expect(mail.text).toContain('https://lab.example.test/tasks/x');
  });

  it('treats a repeated dedupe key as a no-op per user', async () => {
    const a = await makeUser(t.app, { role: 'engineer' });
    await send([a.id], { dedupeKey: 'due:1' });
    await send([a.id], { dedupeKey: 'due:1' });
    await send([a.id], { dedupeKey: 'due:2' });
    const rows = await t.app.db.select().from(notifications).where(eq(notifications.user_id, a.id));
    expect(rows).toHaveLength(2);
    expect(await t.app.db.select().from(outbox).where(eq(outbox.to, a.email))).toHaveLength(2);
  });

  it('leaves nothing behind when the transaction rolls back', async () => {
    const a = await makeUser(t.app, { role: 'engineer' });
    await expect(
      t.app.db.transaction(async (tx) => {
        await notify(tx, { userIds: [a.id], kind: 'task_due', title: 'rolled back' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await t.app.db.select().from(notifications).where(eq(notifications.user_id, a.id))).toEqual([]);
    expect(await t.app.db.select().from(outbox).where(eq(outbox.to, a.email))).toEqual([]);
  });

  it('sends no mail for a kind the user turned off, but still notifies in-app', async () => {
    const me = await signedIn(t.app, 'engineer');
    const res = await api(me.headers).put('/users/me/notification-preferences', {
      items: [{ kind: 'task_due', email: false }],
    });
    expect(res.statusCode).toBe(200);
    await t.app.db.transaction((tx) =>
      notify(tx, { userIds: [me.user.id], kind: 'task_due', title: 'due soon' }),
    );
    expect(await t.app.db.select().from(outbox).where(eq(outbox.to, me.user.email))).toEqual([]);
    const unread = await api(me.headers).get('/notifications/unread-count');
    expect(unread.json()).toEqual({ unread: 1 });
  });
});

describe('GET /notifications, read state', () => {
  it('lists only your own, filters unread, marks read one and all', async () => {
    const me = await signedIn(t.app, 'viewer');
    const other = await signedIn(t.app, 'viewer');
    await send([me.user.id], { title: 'first' });
    await send([me.user.id], { title: 'second' });
    await send([other.user.id], { title: 'not yours' });
    const mine = api(me.headers);
    const list = await mine.get('/notifications');
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; title: string; read_at: string | null }[];
    expect(items.map((i) => i.title)).toEqual(['second', 'first']);
    expect((await mine.get('/notifications/unread-count')).json()).toEqual({ unread: 2 });

    const read = await mine.post(`/notifications/${items[1].id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().read_at).not.toBeNull();
    expect(
      (await mine.get('/notifications?unread=true')).json().items.map((i: { title: string }) => i.title),
    ).toEqual(['second']);
    expect((await mine.get('/notifications/unread-count')).json()).toEqual({ unread: 1 });

    // someone else's notification is invisible: 404, and it stays unread
    const [theirs] = await t.app.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.user_id, other.user.id), eq(notifications.title, 'not yours')));
    expect((await mine.post(`/notifications/${theirs.id}/read`)).statusCode).toBe(404);
    expect((await api(other.headers).get('/notifications/unread-count')).json()).toEqual({ unread: 1 });

    expect((await mine.post('/notifications/read-all')).json()).toEqual({ updated: 1 });
    // dismissing: out of the list, still there with archived=true; someone else's is 404
    const dismiss = (id: string, headers = me.headers) =>
      t.app.inject({ method: 'DELETE', url: `/api/v1/notifications/${id}`, headers });
    expect((await dismiss(items[0].id)).statusCode).toBe(204);
    expect((await dismiss(theirs.id)).statusCode).toBe(404);
    expect((await mine.get('/notifications')).json().items.map((i: { title: string }) => i.title)).toEqual([
      'first',
    ]);
    expect(
      (await mine.get('/notifications?archived=true')).json().items.map((i: { title: string }) => i.title),
    ).toEqual(['second']);
    expect((await mine.get('/notifications/unread-count')).json()).toEqual({ unread: 0 });
    expect((await api(other.headers).get('/notifications/unread-count')).json()).toEqual({ unread: 1 });
  });

  it('validates the list query', async () => {
    const me = await signedIn(t.app, 'customer');
    const res = await api(me.headers).get('/notifications?limit=0');
    expect(res.statusCode).toBe(422);
    expect((await api(me.headers).get('/notifications?kind=nope')).statusCode).toBe(422);
  });
});

describe('/users/me/notification-preferences', () => {
  it('starts with e-mail on for every kind and keeps what you set', async () => {
    const me = await signedIn(t.app, 'auditor');
    const prefs = api(me.headers);
    const start = (await prefs.get('/users/me/notification-preferences')).json().items as {
      kind: string;
      email: boolean;
    }[];
    expect(start).toHaveLength(7);
    expect(start.every((p) => p.email)).toBe(true);
    const res = await prefs.put('/users/me/notification-preferences', {
      items: [
        { kind: 'quote_accepted', email: false },
        { kind: 'task_assigned', email: false },
      ],
    });
    expect(res.statusCode).toBe(200);
    const after = (await prefs.get('/users/me/notification-preferences')).json().items as {
      kind: string;
      email: boolean;
    }[];
    expect(
      after
        .filter((p) => !p.email)
        .map((p) => p.kind)
        .sort(),
    ).toEqual(['quote_accepted', 'task_assigned']);
    // another user's preferences are untouched
    const other = await signedIn(t.app, 'auditor');
    const theirs = (await api(other.headers).get('/users/me/notification-preferences')).json().items;
    expect(theirs.every((p: { email: boolean }) => p.email)).toBe(true);
  });

  it('refuses an unknown kind or a kind listed twice, naming the item', async () => {
    const me = await signedIn(t.app, 'engineer');
    const bad = await api(me.headers).put('/users/me/notification-preferences', {
      items: [{ kind: 'weather', email: true }],
    });
    expect(bad.statusCode).toBe(422);
    const twice = await api(me.headers).put('/users/me/notification-preferences', {
      items: [
        { kind: 'task_due', email: true },
        { kind: 'task_due', email: false },
      ],
    });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().errors).toEqual([{ field: 'items[1].kind', message: 'task_due is listed twice' }]);
  });
});
