import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.ts';
import { removeDir, uploadDir } from '../../../../test/factories/documents.ts';
import { login } from '../../../../test/factories/index.ts';
import { documents } from '../../schema/index.ts';
import { loadDemoData } from '../demo.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './users.ts';

/** The demo's documents: controlled documents in every state and customer-visible attachments. */
let t: TestApp;
let dir: string;
const previous = process.env.UPLOAD_DIR;

beforeAll(async () => {
  dir = uploadDir();
  process.env.UPLOAD_DIR = dir; // the demo step opens the configured folder itself
  t = await createTestApp({ UPLOAD_DIR: dir });
  await loadDemoData(t.app.db, t.app.passwords);
  await loadDemoData(t.app.db, t.app.passwords);
});
afterAll(async () => {
  await t?.close();
  if (previous === undefined) delete process.env.UPLOAD_DIR;
  else process.env.UPLOAD_DIR = previous;
  removeDir(dir);
});

describe('demo documents', () => {
  it('has controlled documents in every state and downloadable files matching their hashes', async () => {
    const all = await t.app.db.select().from(documents);
    const controlled = all.filter((d) => d.kind === 'controlled');
    expect(new Set(controlled.map((d) => d.status))).toEqual(new Set(['approved', 'in_review', 'obsolete']));
    expect(all.some((d) => d.kind === 'attachment' && d.customer_visible)).toBe(true);
    const manager = await login(t.app, DEMO_USERS.find((u) => u.role === 'manager')!.email, DEMO_PASSWORD);
    for (const doc of all) {
      const res = await t.app.inject({
        url: `/api/v1/documents/${doc.id}/download`,
        headers: manager.headers,
      });
      expect(res.statusCode).toBe(200);
      expect(createHash('sha256').update(res.rawPayload).digest('hex')).toBe(res.headers['x-content-sha256']);
    }
  });

  it('shows the portal user its own project attachments only', async () => {
    const portal = await login(t.app, DEMO_USERS.find((u) => u.role === 'customer')!.email, DEMO_PASSWORD);
    const res = await t.app.inject({ url: '/api/v1/documents', headers: portal.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.length).toBeGreaterThan(0);
    for (const doc of res.json().items) {
      expect(doc.kind).toBe('attachment');
      expect(doc.customer_visible).toBe(true);
    }
  });
});
