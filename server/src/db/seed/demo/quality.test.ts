import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.ts';
import { signedIn } from '../../../../test/factories/index.ts';
import { qualityStep } from './quality.ts';
import { runDemoStep } from './step.ts';
import { usersStep } from './users.ts';

/** The demo's quality records: every calibration state, a drafted NCR, an overdue CAPA action. */
let t: TestApp;
let headers: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  await runDemoStep(t.app.db, t.app.passwords, usersStep);
  const first = await runDemoStep(t.app.db, t.app.passwords, qualityStep);
  expect(first.created).toBeGreaterThan(10);
  const again = await runDemoStep(t.app.db, t.app.passwords, qualityStep);
  expect(again.loaded).toBe(false);
  headers = (await signedIn(t.app, 'auditor')).headers;
});
afterAll(async () => t?.close());

const get = (url: string) => t.app.inject({ url, headers }).then((r) => r.json());

describe('demo quality', () => {
  it('has instruments in every calibration state and status', async () => {
    const page = await get('/api/v1/equipment?limit=100');
    expect(page.items).toHaveLength(6);
    expect(new Set(page.items.map((e: { calibration_status: string }) => e.calibration_status))).toEqual(
      new Set(['ok', 'due_soon', 'overdue']),
    );
    expect(new Set(page.items.map((e: { status: string }) => e.status))).toEqual(
      new Set(['in_service', 'quarantined', 'out_of_service']),
    );
  });

  it('has NCRs in several states, one with an overdue action, linked to their sources', async () => {
    const all = await get('/api/v1/ncrs?limit=100');
    expect(new Set(all.items.map((n: { status: string }) => n.status))).toEqual(
      new Set(['investigating', 'action_pending', 'closed']),
    );
    const overdue = await get('/api/v1/ncrs?overdue=true');
    expect(overdue.items).toHaveLength(1);
    expect(overdue.items[0].source).toBe('audit_finding');
    const audits = await get('/api/v1/audits?limit=100');
    const completed = audits.items.find((a: { status: string }) => a.status === 'completed');
    const findings = await get(`/api/v1/audits/${completed.id}/findings`);
    expect(findings.items.some((f: { ncr_id: string | null }) => f.ncr_id === overdue.items[0].id)).toBe(
      true,
    );
  });

  it('shows the closed NCR signed at its close, as the API signs it', async () => {
    const closed = (await get('/api/v1/ncrs?status=closed')).items[0];
    const detail = await get(`/api/v1/ncrs/${closed.id}`);
    expect(detail.signatures).toEqual([
      expect.objectContaining({
        meaning: 'closed',
        user_id: detail.closed_by,
        signed_at: detail.closed_at,
        content_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
  });
});
