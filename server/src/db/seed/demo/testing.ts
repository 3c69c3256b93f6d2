import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { AuditContext } from '../../../lib/audit.ts';
import { insertEntity } from '../../../lib/crud.ts';
import { limitFor } from '../../../lib/verdicts.ts';
import { executionRef, planRef, resultRef } from '../../../modules/test-plans/test-plans.repo.ts';
import { type JudgingContext, resultColumns } from '../../../modules/test-results/result-values.ts';
import type { Db } from '../../client.ts';
import {
  type MethodParameter,
  methods,
  projects,
  type SpecLimit,
  samples,
  specifications,
  trfs,
  users,
} from '../../schema/index.ts';
import { later } from './intake-data.ts';
import type { DemoStep } from './step.ts';

/**
 * The bench for the demo samples (after the intake step): per project, a plan per requested
 * method (judged by the TRF item's specifications, some by guarded acceptance), an execution per
 * sample as far along as the sample is (pending while received, running while in test, completed
 * once tested), and results from the same verdict code as the API: mostly passes, some warnings,
 * failures and inconclusive bands. Finished work is approved by the manager (four eyes: the
 * engineer entered it); the newest is left for review.
 */
const ENGINEER = 'engineer@demo.labline.local';
const MANAGER = 'manager@demo.labline.local';

/** A stable number in [0, 1) per key: the demo is the same on every machine. */
const chance = (key: string) => createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;

const BASE: Record<string, number> = { N: 420, '%': 22, 'mg/kg': 6, grade: 4.5, mm: 80 };

/** A value that should pass, warn or fail against `limit` (or a plausible one with no limit). */
function valueFor(param: MethodParameter, limit: SpecLimit | undefined, outcome: number): string {
  const d = (s: string | null | undefined) => (s ? new Decimal(s) : undefined);
  if (param.kind === 'text') {
    const expected = limit?.expected_text ?? 'no change';
    if (outcome >= 0.1) return expected;
    return expected === 'absent' ? 'present' : expected === 'none' ? 'knots present' : 'slight change';
  }
  const min = d(limit?.min);
  const max = d(limit?.max);
  const base = new Decimal(BASE[param.unit ?? ''] ?? 10);
  const lo = min ?? (max ? max.mul(0.3) : base.mul(0.8));
  const top = param.unit === 'grade' ? new Decimal(5) : undefined;
  const hi = max ?? top ?? (min ? min.mul(1.6) : base.mul(1.2));
  const pick = (a: Decimal, b: Decimal, t: number) => a.plus(b.minus(a).mul(t));
  const t = (outcome * 7.3) % 1;
  let v: Decimal;
  if (outcome < 0.1 && (min || max))
    v = min ? min.minus(hi.minus(lo).mul(0.05 + t * 0.1)) : max!.plus(hi.minus(lo).mul(0.05 + t * 0.1));
  else if (outcome < 0.25 && (d(limit?.warn_min) || d(limit?.warn_max)))
    v = d(limit?.warn_min)
      ? pick(min ?? lo, d(limit?.warn_min)!, t)
      : pick(d(limit?.warn_max)!, max ?? hi, t);
  else v = pick(d(limit?.warn_min) ?? lo, d(limit?.warn_max) ?? hi, 0.2 + t * 0.6);
  if (param.unit === 'grade') v = Decimal.min(5, Decimal.max(1, v.mul(2).round().div(2)));
  return v.toFixed(param.decimals ?? 1);
}

/** Expanded uncertainty for guarded plans: about 2 % of the value, at the parameter's resolution. */
function uncertaintyFor(param: MethodParameter, value: string): string | null {
  if (param.kind === 'text') return null;
  const places = param.decimals ?? 1;
  const step = new Decimal(1).div(new Decimal(10).pow(places));
  return Decimal.max(step, new Decimal(value).abs().mul(0.02)).toFixed(places);
}

interface BenchSample {
  id: string;
  number: string;
  status: string;
  received_date: string;
  project_id: string;
  customer_id: string;
  project_status: string;
  items: { item_no: number; method_ids: string[]; specification_ids: string[] }[];
  item_no: number | null;
}

async function benchSamples(tx: Db): Promise<BenchSample[]> {
  const rows = await tx
    .select({
      id: samples.id,
      number: samples.number,
      status: samples.status,
      received_date: samples.received_date,
      project_id: samples.project_id,
      customer_id: samples.customer_id,
      project_status: projects.status,
      items: trfs.items,
      item_no: samples.trf_item_no,
    })
    .from(samples)
    .innerJoin(projects, eq(projects.id, samples.project_id))
    .leftJoin(trfs, eq(trfs.id, samples.trf_id))
    .where(
      and(
        ne(samples.status, 'returned'),
        ne(projects.status, 'cancelled'),
        sql`${samples.parent_id} is null`,
      ),
    )
    .orderBy(asc(samples.number));
  return rows.map((r) => ({ ...r, items: r.items ?? [] }));
}

/**
 * The specifications a plan judges by: the TRF item's that have a limit for one of the method's
 * parameters, else the first one written for the method (so most results get a verdict).
 */
function judgingSpecs(
  asked: string[],
  methodId: string,
  catalogue: (typeof methods.$inferSelect)[],
  specs: { id: string; limits: SpecLimit[] }[],
): string[] {
  const names = new Set(catalogue.find((m) => m.id === methodId)?.parameters.map((p) => p.name));
  const covers = (spec: { limits: SpecLimit[] }) =>
    spec.limits.some((l) => names.has(l.parameter) && (!l.method_id || l.method_id === methodId));
  const fitting = asked.filter((id) => specs.some((x) => x.id === id && covers(x)));
  if (fitting.length) return fitting;
  const own = specs.find((x) => x.limits.some((l) => l.method_id === methodId));
  return own ? [own.id] : [];
}

type Stage = 'pending' | 'running' | 'done';
const stageOf = (s: BenchSample): Stage | null =>
  s.status === 'received'
    ? s.project_status === 'active'
      ? 'pending'
      : null
    : s.status === 'in_test'
      ? 'running'
      : 'done';

export const testingStep: DemoStep = {
  name: 'testing',
  async load({ tx, audit }) {
    const people = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(inArray(users.email, [ENGINEER, MANAGER]));
    const engineer = people.find((p) => p.email === ENGINEER)?.id;
    const manager = people.find((p) => p.email === MANAGER)?.id;
    if (!engineer || !manager) return 0;
    const catalogue = await tx
      .select()
      .from(methods)
      .where(eq(methods.is_active, true))
      .orderBy(asc(methods.code));
    const specs = await tx
      .select({ id: specifications.id, limits: specifications.limits })
      .from(specifications)
      .where(eq(specifications.status, 'active'));
    // plans: one per (project, method, specifications) over the samples that ask for it
    const groups = new Map<string, { samples: BenchSample[]; methodId: string; specIds: string[] }>();
    for (const s of await benchSamples(tx)) {
      if (!stageOf(s)) continue;
      const item = s.items.find((i) => i.item_no === s.item_no);
      const methodIds = (item?.method_ids.length ? item.method_ids : [catalogue[0]?.id])
        .filter(Boolean)
        .slice(0, 2);
      for (const methodId of methodIds) {
        const specIds = judgingSpecs(item?.specification_ids ?? [], methodId, catalogue, specs);
        const key = `${s.project_id}|${methodId}|${specIds.join(',')}`;
        const group = groups.get(key) ?? { samples: [], methodId, specIds };
        group.samples.push(s);
        groups.set(key, group);
      }
    }
    let created = 0;
    let n = 0;
    for (const group of groups.values()) {
      const method = catalogue.find((m) => m.id === group.methodId);
      if (!method?.parameters.length) continue;
      created += await loadPlan(tx, audit, {
        ...group,
        method,
        specs,
        engineer,
        manager,
        guarded: n++ % 3 === 2,
      });
    }
    return created;
  },
};

async function loadPlan(
  tx: Db,
  audit: AuditContext,
  p: {
    samples: BenchSample[];
    specIds: string[];
    method: typeof methods.$inferSelect;
    specs: { id: string; limits: SpecLimit[] }[];
    engineer: string;
    manager: string;
    guarded: boolean;
  },
) {
  const first = p.samples[0];
  const stages = p.samples.map(stageOf);
  const received = new Date(`${first.received_date}T09:00:00Z`);
  const status = stages.every((s) => s === 'pending')
    ? 'planned'
    : stages.every((s) => s === 'done') && first.project_status === 'completed'
      ? 'completed'
      : 'in_progress';
  const plan = await insertEntity(tx, planRef, audit, {
    project_id: first.project_id,
    customer_id: first.customer_id,
    method_id: p.method.id,
    name: `${p.method.title.split(':')[0]}`,
    sample_ids: p.samples.map((s) => s.id),
    specification_ids: p.specIds,
    decision_rule: p.guarded ? 'guarded' : 'simple',
    engineer_id: p.engineer,
    due_date: later(received, 14).toISOString().slice(0, 10),
    priority: chance(first.number + p.method.code) < 0.2 ? 'high' : 'normal',
    status,
    created_at: later(received, 1),
  });
  const ctx: JudgingContext = {
    methodId: p.method.id,
    methodCode: p.method.code,
    parameters: p.method.parameters,
    specs: p.specIds.map((id) => p.specs.find((s) => s.id === id)!),
    rule: p.guarded ? 'guarded' : 'simple',
  };
  let created = 1;
  for (const [i, sample] of p.samples.entries()) {
    const stage = stages[i]!;
    const start = later(new Date(`${sample.received_date}T09:00:00Z`), 2);
    const execution = await insertEntity(tx, executionRef, audit, {
      plan_id: plan.id,
      sample_id: sample.id,
      project_id: sample.project_id,
      customer_id: sample.customer_id,
      method_id: p.method.id,
      engineer_id: p.engineer,
      status: stage === 'pending' ? 'pending' : stage === 'running' ? 'in_progress' : 'completed',
      started_at: stage === 'pending' ? null : start,
      completed_at: stage === 'done' ? later(start, 2) : null,
      temperature_c: stage === 'pending' ? null : (20 + chance(sample.number) * 2).toFixed(1),
      humidity_pct: stage === 'pending' ? null : (62 + chance(`${sample.number}h`) * 6).toFixed(1),
      created_at: later(received, 1),
    });
    created++;
    if (stage === 'pending') continue;
    // the newest finished sample of an open project waits in the review queue
    const awaiting =
      stage === 'running' || (sample.project_status !== 'completed' && i === p.samples.length - 1);
    const params =
      stage === 'running'
        ? p.method.parameters.slice(0, Math.ceil(p.method.parameters.length / 2))
        : p.method.parameters;
    for (const param of params) {
      const limit = ctx.specs
        .map((s) => limitFor(s, { parameter: param.name, method_id: p.method.id }))
        .find(Boolean);
      const value = valueFor(param, limit, chance(`${sample.number}|${p.method.code}|${param.name}`));
      const { columns } = resultColumns(ctx, {
        parameter: param.name,
        value,
        uncertainty: p.guarded ? uncertaintyFor(param, value) : null,
      });
      if (!columns) continue;
      const entered = later(start, 1);
      await insertEntity(tx, resultRef, audit, {
        ...columns,
        execution_id: execution.id,
        plan_id: plan.id,
        sample_id: sample.id,
        project_id: sample.project_id,
        customer_id: sample.customer_id,
        method_id: p.method.id,
        entered_by: p.engineer,
        status: awaiting ? 'entered' : 'approved',
        reviewed_by: awaiting ? null : p.engineer,
        reviewed_at: awaiting ? null : later(start, 2),
        approved_by: awaiting ? null : p.manager,
        approved_at: awaiting ? null : later(start, 3),
        created_at: entered,
      });
      created++;
    }
  }
  return created;
}
