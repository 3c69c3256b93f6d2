import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.ts';
import { login } from '../../../../test/factories/index.ts';
import { todayIn } from '../../../modules/trfs/intake-refs.ts';
import { sampleCustody, samples, trfs } from '../../schema/index.ts';
import { loadDemoData } from '../demo.ts';
import { DEMO_PASSWORD } from './users.ts';

/** The demo's intake: requests and samples in every state, consistent with the rules, loaded once. */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoData(t.app.db, t.app.passwords);
  await loadDemoData(t.app.db, t.app.passwords);
});
afterAll(async () => t?.close());

const numbered = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(6, '0')}`);

describe('demo intake data', () => {
  it('has TRFs and samples in every state, numbered without gaps, loaded once', async () => {
    const allTrfs = await t.app.db.select().from(trfs);
    const allSamples = await t.app.db.select().from(samples);
    expect(new Set(allTrfs.map((r) => r.status))).toEqual(new Set(['submitted', 'accepted', 'returned']));
    expect(new Set(allSamples.map((s) => s.status))).toEqual(
      new Set(['received', 'in_test', 'tested', 'retained', 'disposed', 'returned']),
    );
    expect(allTrfs.map((r) => r.number).sort()).toEqual(numbered('TRF', allTrfs.length));
    expect(allSamples.map((s) => s.number).sort()).toEqual(numbered('SMP', allSamples.length));
    expect(allSamples.length).toBeGreaterThan(40);
    expect(allSamples.filter((s) => s.parent_id)).toHaveLength(2);
  });

  it('keeps the rules: TRF items exist, dates in order, notes for a bad condition, custody from receipt', async () => {
    const today = todayIn(t.config.TIMEZONE);
    const byId = new Map((await t.app.db.select().from(trfs)).map((r) => [r.id, r]));
    const custody = await t.app.db.select().from(sampleCustody);
    for (const s of await t.app.db.select().from(samples)) {
      const trf = byId.get(s.trf_id!);
      expect(trf?.project_id, s.number).toBe(s.project_id);
      expect(trf?.items.map((i) => i.item_no)).toContain(s.trf_item_no);
      expect(s.received_date <= today, s.number).toBe(true);
      if (s.retention_until) expect(s.retention_until >= s.received_date, s.number).toBe(true);
      if (s.condition !== 'ok') expect(s.condition_notes, s.number).toBeTruthy();
      const log = custody.filter((c) => c.sample_id === s.id).sort((a, b) => a.at.getTime() - b.at.getTime());
      expect(log[0]?.action, s.number).toBe(s.parent_id ? 'split_from' : 'received');
      if (s.status === 'disposed') expect(log.at(-1)?.action).toBe('disposed');
      if (s.status === 'returned') expect(log.at(-1)?.action).toBe('returned_to_customer');
    }
  });

  it('shows the portal customer its own requests, one returned with the reason', async () => {
    const portal = await login(t.app, 'portal@nordicthreads.example', DEMO_PASSWORD);
    const page = (await t.app.inject({ url: '/api/v1/trfs?limit=100', headers: portal.headers })).json();
    const customers = new Set(page.items.map((r: { customer_name: string }) => r.customer_name));
    expect([...customers]).toEqual(['Nordic Threads AB']);
    const returned = page.items.find((r: { status: string }) => r.status === 'returned');
    expect(returned.review_note).toMatch(/fibre composition/);
    expect(returned.allowed_actions).toEqual(['resubmit']);
    const mySamples = (
      await t.app.inject({ url: '/api/v1/samples?limit=100', headers: portal.headers })
    ).json();
    expect(mySamples.total).toBeGreaterThan(0);
    expect(new Set(mySamples.items.map((s: { customer_name: string }) => s.customer_name))).toEqual(
      new Set(['Nordic Threads AB']),
    );
  });
});
