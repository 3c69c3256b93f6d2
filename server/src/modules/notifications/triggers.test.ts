import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { act, makeSentQuote } from '../../../test/factories/commercial.ts';
import { signedIn } from '../../../test/factories/index.ts';
import {
  createPlan,
  enterResult,
  makeBench,
  makeSamples,
  planExecutions,
  startExecution,
} from '../../../test/factories/testing.ts';
import { notifications } from '../../db/schema/index.ts';

/** The notify() calls in other areas: a result waiting for approval, a quote accepted. */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const about = (entityId: string) =>
  t.app.db.select().from(notifications).where(eq(notifications.entity_id, entityId));

describe('result_review', () => {
  it('tells every manager but the one who entered it when a result is reviewed', async () => {
    const bench = await makeBench(t.app, { samples: 1 });
    const otherManager = await signedIn(t.app, 'manager');
    const [sample] = await makeSamples(t.app, bench.project, 1);
    const plan = await createPlan(t.app, bench, { sample_ids: [sample.id] });
    const [execution] = await planExecutions(t.app, bench, plan.id);
    await startExecution(t.app, bench, execution.id);
    const entered = await enterResult(t.app, bench, {
      execution_id: execution.id,
      parameter: 'Elongation',
      value: 25,
    });
    expect(entered.statusCode, entered.body).toBe(201);
    const result = entered.json();
    expect(await about(result.id)).toEqual([]);
    const reviewed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/test-results/${result.id}/review`,
      headers: bench.engineer.headers,
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    const rows = await about(result.id);
    const recipients = rows.map((r) => r.user_id);
    expect(recipients).toContain(bench.manager.user.id);
    expect(recipients).toContain(otherManager.user.id);
    expect(recipients).not.toContain(bench.engineer.user.id);
    expect(rows[0]).toMatchObject({
      kind: 'result_review',
      link: '/test-results/review',
      entity_type: 'test_result',
    });
  });
});

describe('quote_accepted', () => {
  it('tells the managers and the quote’s creator, in the accept transaction', async () => {
    const manager = await signedIn(t.app, 'manager');
    const { quote } = await makeSentQuote(t.app, manager.headers);
    const res = await act(t.app, manager.headers, 'estimations', quote.id, 'accept');
    expect(res.statusCode, res.body).toBe(200);
    const rows = await t.app.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.entity_id, quote.id), eq(notifications.kind, 'quote_accepted')));
    expect(rows.map((r) => r.user_id)).toContain(manager.user.id);
    expect(rows[0].title).toContain(quote.number);
    expect(rows[0].link).toBe(`/quotes/${quote.id}`);
  });
});
