import { Decimal } from 'decimal.js';
import type { MethodParameter } from '../../db/schema/index.ts';
import type { DecisionRule } from '../../db/schema/testing.ts';
import type { FieldError } from '../../lib/errors.ts';
import { judge, overallVerdict, type SpecForJudging } from '../../lib/verdicts.ts';

/**
 * From what the bench typed to the stored columns of a result: the value checked against its
 * parameter (number with at most `decimals` places, or text), the unit defaulted from the method,
 * and the verdicts against every specification of the plan by the plan's decision rule. Pure:
 * the caller loads the context once (once for a whole bulk entry).
 */
export interface JudgingContext {
  methodId: string;
  methodCode: string;
  parameters: readonly MethodParameter[];
  specs: readonly SpecForJudging[];
  rule: DecisionRule;
}

export interface ResultInput {
  parameter: string;
  value: string | number;
  unit?: string | null;
  uncertainty?: string | number | null;
}

export interface ResultColumns {
  parameter: string;
  value_numeric: string | null;
  value_text: string | null;
  unit: string | null;
  uncertainty: string | null;
  decision_rule: DecisionRule;
  verdicts: ReturnType<typeof judge>;
  overall_verdict: ReturnType<typeof overallVerdict>;
}

const PLAIN_DECIMAL = /^[+-]?\d+(\.\d+)?$/;

/** A number as an exact decimal string: "12.40" stays "12.40"; a JSON number 1e-7 becomes "0.0000001". */
function decimalText(value: string | number): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    const text = String(value);
    return text.includes('e') ? new Decimal(text).toFixed() : text;
  }
  const text = value.trim();
  return PLAIN_DECIMAL.test(text) ? text.replace(/^\+/, '') : undefined;
}

const places = (text: string) => (text.includes('.') ? text.split('.')[1].length : 0);

/** The method's parameter by name (exact first, then ignoring case). */
export function findParameter(parameters: readonly MethodParameter[], name: string) {
  const wanted = name.trim();
  return (
    parameters.find((p) => p.name === wanted) ??
    parameters.find((p) => p.name.toLowerCase() === wanted.toLowerCase())
  );
}

/**
 * Checks one result and computes its columns, or names what is wrong with it (fields prefixed by
 * `prefix`, e.g. `items[3].`).
 */
export function resultColumns(
  ctx: JudgingContext,
  input: ResultInput,
  prefix = '',
): { columns?: ResultColumns; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const param = findParameter(ctx.parameters, input.parameter);
  if (!param) {
    errors.push({
      field: `${prefix}parameter`,
      message: `is not a parameter of method ${ctx.methodCode}; one of: ${ctx.parameters.map((p) => p.name).join(', ')}`,
    });
    return { errors };
  }
  const numeric = (param.kind ?? 'numeric') === 'numeric';
  let valueNumeric: string | null = null;
  let valueText: string | null = null;
  if (numeric) {
    const text = decimalText(input.value);
    if (text === undefined)
      errors.push({ field: `${prefix}value`, message: `must be a number, like 12.4 (${param.name})` });
    else if (param.decimals !== null && param.decimals !== undefined && places(text) > param.decimals)
      errors.push({
        field: `${prefix}value`,
        message: `has ${places(text)} decimal places; ${param.name} takes at most ${param.decimals}`,
      });
    else valueNumeric = text;
  } else {
    valueText = String(input.value).trim().replace(/\s+/g, ' ');
    if (!valueText) errors.push({ field: `${prefix}value`, message: 'must not be blank' });
  }
  let uncertainty: string | null = null;
  if (input.uncertainty !== null && input.uncertainty !== undefined && input.uncertainty !== '') {
    const text = decimalText(input.uncertainty);
    if (!numeric)
      errors.push({ field: `${prefix}uncertainty`, message: 'applies to numeric parameters only' });
    else if (text === undefined || new Decimal(text).isNegative())
      errors.push({ field: `${prefix}uncertainty`, message: 'must be a number ≥ 0' });
    else uncertainty = text;
  }
  if (errors.length) return { errors };
  const unit = (input.unit ?? '').trim() || param.unit || null;
  const verdicts = judge(
    {
      parameter: param.name,
      method_id: ctx.methodId,
      value_numeric: valueNumeric,
      value_text: valueText,
      unit,
      uncertainty,
    },
    ctx.specs,
    ctx.rule,
  );
  return {
    errors,
    columns: {
      parameter: param.name,
      value_numeric: valueNumeric,
      value_text: valueText,
      unit,
      uncertainty,
      decision_rule: ctx.rule,
      verdicts,
      overall_verdict: overallVerdict(verdicts),
    },
  };
}
