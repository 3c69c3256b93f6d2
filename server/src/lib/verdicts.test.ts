import { describe, expect, it } from 'vitest';
import type { SpecLimit } from '../db/schema/specifications.ts';
import type { DecisionRule } from '../db/schema/testing.ts';
import { judge, limitFor, type Measurement, overallVerdict } from './verdicts.ts';

const spec = (limits: SpecLimit[], id = 'spec-1') => ({ id, limits });
const num = (value: string, uncertainty?: string, unit = 'N'): Measurement => ({
  parameter: 'Force',
  value_numeric: value,
  uncertainty: uncertainty ?? null,
  unit,
});
const range: SpecLimit = { parameter: 'Force', unit: 'N', min: '4.0', max: '12.0' };

/** The one verdict of a measurement against one limit. */
function one(m: Measurement, limit: SpecLimit, rule: DecisionRule = 'simple') {
  const verdicts = judge(m, [spec([limit])], rule);
  expect(verdicts).toHaveLength(1);
  return verdicts[0];
}

describe('simple acceptance', () => {
  it.each([
    ['3.9', 'fail'],
    ['4.0', 'pass'],
    ['4', 'pass'],
    ['8.5', 'pass'],
    ['12.0', 'pass'],
    ['12.00000000000000000001', 'fail'],
    ['12.4', 'fail'],
  ] as const)('%s N in 4.0 … 12.0 → %s (boundaries are inside)', (value, verdict) => {
    expect(one(num(value), range).verdict).toBe(verdict);
  });

  it('explains the verdict with the value, the bound and the unit', () => {
    expect(one(num('12.4'), range).reason).toBe('12.4 N > max 12.0 N');
    expect(one(num('3.5'), range).reason).toBe('3.5 N < min 4.0 N');
    expect(one(num('8'), range).reason).toBe('8 N within 4.0 … 12.0 N');
  });

  it('records the rule and the limit used', () => {
    const v = one(num('8'), range);
    expect(v).toMatchObject({ specification_id: 'spec-1', rule: 'simple', limit: range });
  });

  it('handles one-sided limits', () => {
    const minOnly: SpecLimit = { parameter: 'Force', min: '10' };
    const maxOnly: SpecLimit = { parameter: 'Force', max: '10' };
    expect(one(num('10'), minOnly).verdict).toBe('pass');
    expect(one(num('9.99'), minOnly).verdict).toBe('fail');
    expect(one(num('1000000'), minOnly).reason).toBe('1000000 N ≥ min 10 N');
    expect(one(num('10'), maxOnly).verdict).toBe('pass');
    expect(one(num('10.01'), maxOnly).verdict).toBe('fail');
    expect(one(num('-1000000'), maxOnly).verdict).toBe('pass');
  });

  it('handles negative numbers and ranges below zero', () => {
    const cold: SpecLimit = { parameter: 'Force', min: '-40', max: '-10', unit: 'N' };
    expect(one(num('-40'), cold).verdict).toBe('pass');
    expect(one(num('-40.1'), cold).verdict).toBe('fail');
    expect(one(num('-9.9'), cold).verdict).toBe('fail');
    expect(one(num('-25'), cold).verdict).toBe('pass');
  });

  it('warns inside the limits but outside the warning band', () => {
    const banded: SpecLimit = { ...range, warn_min: '5.0', warn_max: '11.0' };
    expect(one(num('11.5'), banded)).toMatchObject({
      verdict: 'warn',
      reason: '11.5 N > warning max 11.0 N',
    });
    expect(one(num('4.5'), banded)).toMatchObject({ verdict: 'warn', reason: '4.5 N < warning min 5.0 N' });
    expect(one(num('11.0'), banded).verdict).toBe('pass');
    expect(one(num('5.0'), banded).verdict).toBe('pass');
    expect(one(num('12.5'), banded).verdict).toBe('fail');
    // a warning band alone (no hard limits) still warns
    expect(one(num('3'), { parameter: 'Force', warn_min: '5' }).verdict).toBe('warn');
  });

  it('is exact where floats are not (0.1 + 0.2 style values)', () => {
    expect(one(num('0.3'), { parameter: 'Force', max: '0.3' }).verdict).toBe('pass');
    expect(one(num('0.30000000000000004'), { parameter: 'Force', max: '0.3' }).verdict).toBe('fail');
  });
});

describe('guarded acceptance (guard band = U)', () => {
  it('passes only when the whole band lies inside the limits', () => {
    expect(one(num('8', '0.5'), range, 'guarded')).toMatchObject({
      verdict: 'pass',
      rule: 'guarded',
      reason: '8 ± 0.5 (7.5 … 8.5) within 4.0 … 12.0 N',
    });
    // band edge exactly on the limit is inside
    expect(one(num('11.5', '0.5'), range, 'guarded').verdict).toBe('pass');
    expect(one(num('4.5', '0.5'), range, 'guarded').verdict).toBe('pass');
  });

  it('is inconclusive when the band straddles a limit, even if the value itself passes', () => {
    const v = one(num('11.8', '0.3'), range, 'guarded');
    expect(v.verdict).toBe('inconclusive');
    expect(v.reason).toBe('11.8 ± 0.3 (11.5 … 12.1 N) straddles max 12.0');
    expect(one(num('12.1', '0.3'), range, 'guarded').verdict).toBe('inconclusive');
    expect(one(num('3.9', '0.2'), range, 'guarded').reason).toContain('straddles min 4.0');
  });

  it('fails only when the whole band lies outside; touching the limit is not outside', () => {
    expect(one(num('12.4', '0.2'), range, 'guarded')).toMatchObject({
      verdict: 'fail',
      reason: '12.4 ± 0.2: whole band above max 12.0 N',
    });
    expect(one(num('12.4', '0.4'), range, 'guarded').verdict).toBe('inconclusive');
    expect(one(num('3.5', '0.4'), range, 'guarded').reason).toBe('3.5 ± 0.4: whole band below min 4.0 N');
    expect(one(num('3.5', '0.5'), range, 'guarded').verdict).toBe('inconclusive');
  });

  it('names both limits when the band is wider than the range', () => {
    const v = one(num('8', '5'), range, 'guarded');
    expect(v.verdict).toBe('inconclusive');
    expect(v.reason).toContain('straddles min 4.0 and max 12.0');
  });

  it('with U = 0 it agrees with simple acceptance', () => {
    for (const value of ['3.99', '4.0', '12.0', '12.01']) {
      expect(one(num(value, '0'), range, 'guarded').verdict).toBe(one(num(value), range).verdict);
    }
  });

  it('is inconclusive, saying why, without an uncertainty', () => {
    const v = one(num('8'), range, 'guarded');
    expect(v.verdict).toBe('inconclusive');
    expect(v.reason).toMatch(/needs the measurement uncertainty/);
  });

  it('handles one-sided limits and negative values', () => {
    expect(one(num('-5', '1'), { parameter: 'Force', max: '-5.5' }, 'guarded').verdict).toBe('inconclusive');
    expect(one(num('-7', '1'), { parameter: 'Force', max: '-5.5' }, 'guarded').verdict).toBe('pass');
    expect(one(num('-3', '1'), { parameter: 'Force', max: '-5.5' }, 'guarded').verdict).toBe('fail');
    expect(one(num('100', '1'), { parameter: 'Force', min: '50' }, 'guarded').verdict).toBe('pass');
  });

  it('applies the warning band to the value as in simple acceptance', () => {
    const banded: SpecLimit = { ...range, warn_max: '10.0' };
    expect(one(num('10.5', '0.5'), banded, 'guarded')).toMatchObject({
      verdict: 'warn',
      reason: '10.5 N > warning max 10.0 N',
    });
    // straddling a hard limit is worse than a warning
    expect(one(num('11.8', '0.5'), banded, 'guarded').verdict).toBe('inconclusive');
  });
});

describe('text limits', () => {
  const colour: SpecLimit = { parameter: 'Appearance', expected_text: 'No  change' };
  const text = (value: string): Measurement => ({ parameter: 'appearance', value_text: value });

  it('pass on equal text ignoring case and whitespace, fail otherwise', () => {
    expect(one(text('  no CHANGE '), colour)).toMatchObject({
      verdict: 'pass',
      reason: '"  no CHANGE " = expected "No  change"',
    });
    expect(one(text('slight change'), colour)).toMatchObject({
      verdict: 'fail',
      reason: '"slight change" ≠ expected "No  change"',
    });
    // the decision rule does not matter to a text comparison
    expect(one(text('no change'), colour, 'guarded').verdict).toBe('pass');
  });

  it('a text value against a numeric limit is inconclusive', () => {
    expect(one({ parameter: 'Force', value_text: 'broke' }, range).verdict).toBe('inconclusive');
  });
});

describe('which limit applies', () => {
  it('yields no verdict for a spec without a limit for the parameter', () => {
    expect(judge(num('5'), [spec([{ parameter: 'Elongation', max: '3' }])], 'simple')).toEqual([]);
  });

  it('prefers the limit bound to the same method; a limit for another method never applies', () => {
    const s = spec([
      { parameter: 'force', max: '100' },
      { parameter: 'Force', method_id: 'm-1', max: '10' },
      { parameter: 'Force', method_id: 'm-2', max: '1' },
    ]);
    expect(limitFor(s, { ...num('5'), method_id: 'm-1' })?.max).toBe('10');
    expect(limitFor(s, { ...num('5'), method_id: 'm-3' })?.max).toBe('100');
    const onlyOther = spec([{ parameter: 'Force', method_id: 'm-2', max: '1' }]);
    expect(judge({ ...num('5'), method_id: 'm-1' }, [onlyOther], 'simple')).toEqual([]);
  });

  it('is inconclusive when the units differ, never silently comparing mm with cm', () => {
    const v = one(num('5', undefined, 'mm'), { parameter: 'Force', unit: 'cm', max: '1' });
    expect(v).toMatchObject({ verdict: 'inconclusive', reason: "unit mm differs from the limit's unit cm" });
  });
});

describe('multiple specifications and the overall verdict', () => {
  const specs = [
    spec([{ parameter: 'Force', min: '4', max: '12' }], 'buyer'),
    spec([{ parameter: 'Force', max: '10', warn_max: '9' }], 'regulation'),
    spec([{ parameter: 'Other', max: '1' }], 'unrelated'),
  ];

  it('judges against every spec with a limit, in order', () => {
    const verdicts = judge(num('9.5'), specs, 'simple');
    expect(verdicts.map((v) => [v.specification_id, v.verdict])).toEqual([
      ['buyer', 'pass'],
      ['regulation', 'warn'],
    ]);
    expect(overallVerdict(verdicts)).toBe('warn');
    expect(overallVerdict(judge(num('11'), specs, 'simple'))).toBe('fail');
    expect(overallVerdict(judge(num('5'), specs, 'simple'))).toBe('pass');
    expect(overallVerdict(judge(num('9.8', '0.5'), specs, 'guarded'))).toBe('inconclusive');
  });

  it('orders fail > inconclusive > warn > pass, and is null with nothing judged', () => {
    const of = (...vs: ('pass' | 'fail' | 'warn' | 'inconclusive')[]) =>
      overallVerdict(vs.map((verdict) => ({ verdict })));
    expect(of('pass', 'warn', 'inconclusive', 'fail')).toBe('fail');
    expect(of('fail', 'inconclusive')).toBe('fail');
    expect(of('warn', 'inconclusive', 'pass')).toBe('inconclusive');
    expect(of('pass', 'warn')).toBe('warn');
    expect(of('pass', 'pass')).toBe('pass');
    expect(of()).toBeNull();
  });
});
