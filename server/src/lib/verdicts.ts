import { Decimal as BaseDecimal } from 'decimal.js';
import type { SpecLimit } from '../db/schema/specifications.ts';
import type { DecisionRule, SpecVerdict, Verdict } from '../db/schema/testing.ts';

/**
 * The verdict engine: judges one measured value against the limits of specifications, with the
 * plan's decision rule. Pure and exact (decimal.js, never floats), so "12.0" against max "12.0" is
 * a pass on every machine.
 *
 * - simple acceptance: pass when min ≤ v ≤ max, fail otherwise.
 * - guarded acceptance (ISO/IEC 17025 §7.8.6, guard band = the expanded uncertainty U): pass only
 *   when the whole interval [v − U, v + U] lies inside [min, max]; fail when it lies wholly
 *   outside; inconclusive when it straddles a limit. No uncertainty → inconclusive.
 * - under either rule, a value that passes but lies outside the warning band
 *   [warn_min, warn_max] is a warn.
 * - text limits: pass when the value equals expected_text ignoring case and whitespace.
 * Every verdict records the rule, the limit used and a human reason ("12.4 N > max 12.0 N").
 */
export interface Measurement {
  /** The method parameter this value is for. */
  parameter: string;
  method_id?: string | null;
  /** A decimal string for numeric parameters. */
  value_numeric?: string | null;
  value_text?: string | null;
  unit?: string | null;
  /** Expanded uncertainty U, same unit as the value. */
  uncertainty?: string | null;
}

export interface SpecForJudging {
  id: string;
  limits: readonly SpecLimit[];
}

/** Enough significant digits that v ± U never rounds, whatever the magnitude. */
const Decimal = BaseDecimal.clone({ precision: 60 });
type Decimal = BaseDecimal;

const SEVERITY: Record<Verdict, number> = { pass: 0, warn: 1, inconclusive: 2, fail: 3 };

/** The worst verdict: fail > inconclusive > warn > pass; null when nothing was judged. */
export function overallVerdict(verdicts: readonly { verdict: Verdict }[]): Verdict | null {
  let worst: Verdict | null = null;
  for (const { verdict } of verdicts) if (!worst || SEVERITY[verdict] > SEVERITY[worst]) worst = verdict;
  return worst;
}

const norm = (s: string | null | undefined) => (s ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
const present = (s: string | null | undefined): s is string => s !== null && s !== undefined && s !== '';

/**
 * The limit of a specification for this parameter: one bound to the same method wins over a
 * general one (no method_id); a limit for another method never applies. Undefined = no verdict.
 */
export function limitFor(spec: SpecForJudging, m: Measurement): SpecLimit | undefined {
  const same = spec.limits.filter((l) => norm(l.parameter) === norm(m.parameter));
  return (
    same.find((l) => present(l.method_id) && l.method_id === m.method_id) ??
    same.find((l) => !present(l.method_id))
  );
}

/** "12.4 N": the number as written, with the unit when there is one. */
const withUnit = (n: string, unit: string | null | undefined) => (present(unit) ? `${n} ${unit}` : n);

interface Bounds {
  min?: Decimal;
  max?: Decimal;
  warnMin?: Decimal;
  warnMax?: Decimal;
}

function boundsOf(limit: SpecLimit): Bounds {
  const d = (s: string | null | undefined) => (present(s) ? new Decimal(s) : undefined);
  return { min: d(limit.min), max: d(limit.max), warnMin: d(limit.warn_min), warnMax: d(limit.warn_max) };
}

type Judged = Pick<SpecVerdict, 'verdict' | 'reason'>;

/** Inside the limits: a warn when v is outside the warning band, else a pass. */
function warnOrPass(v: Decimal, b: Bounds, limit: SpecLimit, shown: string, unit: string | null | undefined) {
  if (b.warnMin && v.lt(b.warnMin))
    return { verdict: 'warn', reason: `${shown} < warning min ${withUnit(limit.warn_min!, unit)}` } as Judged;
  if (b.warnMax && v.gt(b.warnMax))
    return { verdict: 'warn', reason: `${shown} > warning max ${withUnit(limit.warn_max!, unit)}` } as Judged;
  return undefined;
}

/** How a value sits inside the limit: "within 4.0 … 12.0 N", "≥ min 4.0 N", "≤ max 12.0 N". */
function insideText(limit: SpecLimit, unit: string | null | undefined): string {
  if (present(limit.min) && present(limit.max))
    return `within ${withUnit(`${limit.min} … ${limit.max}`, unit)}`;
  if (present(limit.min)) return `≥ min ${withUnit(limit.min, unit)}`;
  if (present(limit.max)) return `≤ max ${withUnit(limit.max, unit)}`;
  return 'with no bound set by the limit';
}

function judgeSimple(
  v: Decimal,
  shown: string,
  limit: SpecLimit,
  b: Bounds,
  unit: string | null | undefined,
): Judged {
  if (b.min && v.lt(b.min))
    return { verdict: 'fail', reason: `${shown} < min ${withUnit(limit.min!, unit)}` };
  if (b.max && v.gt(b.max))
    return { verdict: 'fail', reason: `${shown} > max ${withUnit(limit.max!, unit)}` };
  return (
    warnOrPass(v, b, limit, shown, unit) ?? { verdict: 'pass', reason: `${shown} ${insideText(limit, unit)}` }
  );
}

function judgeGuarded(
  v: Decimal,
  u: Decimal,
  shown: string,
  limit: SpecLimit,
  b: Bounds,
  unit: string | null | undefined,
): Judged {
  const lo = v.minus(u);
  const hi = v.plus(u);
  const band = `${shown} ± ${u.toFixed()}`;
  // Wholly outside: the interval does not reach the limit at all (touching it is not outside).
  if (b.min && hi.lt(b.min))
    return { verdict: 'fail', reason: `${band}: whole band below min ${withUnit(limit.min!, unit)}` };
  if (b.max && lo.gt(b.max))
    return { verdict: 'fail', reason: `${band}: whole band above max ${withUnit(limit.max!, unit)}` };
  const straddled = [
    b.min && lo.lt(b.min) ? `min ${limit.min}` : '',
    b.max && hi.gt(b.max) ? `max ${limit.max}` : '',
  ].filter(Boolean);
  if (straddled.length) {
    return {
      verdict: 'inconclusive',
      reason: `${band} (${lo.toFixed()} … ${withUnit(hi.toFixed(), unit)}) straddles ${straddled.join(' and ')}`,
    };
  }
  return (
    warnOrPass(v, b, limit, withUnit(shown, unit), unit) ?? {
      verdict: 'pass',
      reason: `${band} (${lo.toFixed()} … ${hi.toFixed()}) ${insideText(limit, unit)}`,
    }
  );
}

function judgeOne(m: Measurement, limit: SpecLimit, rule: DecisionRule): Judged {
  const unit = m.unit ?? limit.unit;
  if (present(limit.expected_text)) {
    const actual = present(m.value_text) ? m.value_text : (m.value_numeric ?? '');
    return norm(actual) === norm(limit.expected_text)
      ? { verdict: 'pass', reason: `"${actual}" = expected "${limit.expected_text}"` }
      : { verdict: 'fail', reason: `"${actual}" ≠ expected "${limit.expected_text}"` };
  }
  if (!present(m.value_numeric)) {
    return {
      verdict: 'inconclusive',
      reason: `text value "${m.value_text ?? ''}" cannot be judged against a numeric limit`,
    };
  }
  if (present(limit.unit) && present(m.unit) && norm(limit.unit) !== norm(m.unit)) {
    return { verdict: 'inconclusive', reason: `unit ${m.unit} differs from the limit's unit ${limit.unit}` };
  }
  let b: Bounds;
  try {
    b = boundsOf(limit);
  } catch {
    return { verdict: 'inconclusive', reason: 'the limit has a bound that is not a number' };
  }
  const v = new Decimal(m.value_numeric);
  const shown = withUnit(m.value_numeric, unit);
  if (rule === 'simple') return judgeSimple(v, shown, limit, b, unit);
  if (!present(m.uncertainty)) {
    return {
      verdict: 'inconclusive',
      reason: 'guarded acceptance needs the measurement uncertainty, and none was given',
    };
  }
  return judgeGuarded(v, new Decimal(m.uncertainty), m.value_numeric, limit, b, unit);
}

/** One verdict per specification that has a limit for the parameter, in the specifications' order. */
export function judge(m: Measurement, specs: readonly SpecForJudging[], rule: DecisionRule): SpecVerdict[] {
  const verdicts: SpecVerdict[] = [];
  for (const spec of specs) {
    const limit = limitFor(spec, m);
    if (!limit) continue;
    verdicts.push({ specification_id: spec.id, rule, limit: { ...limit }, ...judgeOne(m, limit, rule) });
  }
  return verdicts;
}
