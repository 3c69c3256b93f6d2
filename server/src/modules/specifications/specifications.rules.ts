import type { Db } from '../../db/client.ts';
import type { SpecLimit } from '../../db/schema/index.ts';
import { type FieldError, unprocessable } from '../../lib/errors.ts';
import { Decimal } from '../../lib/money.ts';
import { methodsByIds } from '../methods/methods.repo.ts';

/**
 * The rules of a limit set beyond its schema. Each limit is either numeric (a min and/or max,
 * optionally a warning band inside: min ≤ warn_min ≤ warn_max ≤ max) or an expected text value;
 * a limit tied to a method names one of its parameters, of the matching kind and unit; a parameter
 * (of one method, or of any) has one limit. Every broken rule is named as `limits[i].field` at once.
 */
const BOUNDS = ['min', 'warn_min', 'warn_max', 'max'] as const;
type Bound = (typeof BOUNDS)[number];

const trimOrNull = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

function checkNumbers(limit: SpecLimit, i: number, errors: FieldError[]) {
  const given = BOUNDS.filter((b) => limit[b] != null);
  const hasText = limit.expected_text != null;
  const hasRange = limit.min != null || limit.max != null;
  if (hasText && given.length) {
    errors.push({
      field: `limits[${i}].expected_text`,
      message: 'a limit is either numeric (min/max) or an expected text, not both',
    });
  } else if (!hasText && !hasRange) {
    errors.push({
      field: given.length ? `limits[${i}].min` : `limits[${i}].max`,
      message: given.length
        ? 'a warning band needs a min or max to warn inside'
        : 'give a min, a max or an expected_text',
    });
  }
  // Every given bound must not exceed any given bound after it in the order min ≤ warn_min ≤ warn_max ≤ max.
  for (let a = 0; a < given.length; a++) {
    for (let b = a + 1; b < given.length; b++) {
      const low: Bound = given[a];
      const high: Bound = given[b];
      if (new Decimal(limit[low]!).greaterThan(limit[high]!)) {
        errors.push({ field: `limits[${i}].${high}`, message: `must be ≥ ${low} (${limit[low]})` });
      }
    }
  }
}

/** Checks and normalizes a limit set; fills a method-bound limit's unit from the method when omitted. */
export async function checkLimits(tx: Db, raw: readonly SpecLimit[]): Promise<SpecLimit[]> {
  const errors: FieldError[] = [];
  const methodIds = [...new Set(raw.map((l) => l.method_id).filter((id): id is string => !!id))];
  const methods = await methodsByIds(tx, methodIds);
  const seen = new Map<string, number>();
  const limits = raw.map((l, i): SpecLimit => {
    const limit: SpecLimit = {
      parameter: l.parameter.trim(),
      method_id: l.method_id ?? null,
      unit: trimOrNull(l.unit),
      min: l.min ?? null,
      max: l.max ?? null,
      warn_min: l.warn_min ?? null,
      warn_max: l.warn_max ?? null,
      expected_text: l.expected_text == null ? null : l.expected_text.trim(),
    };
    if (!limit.parameter) errors.push({ field: `limits[${i}].parameter`, message: 'must not be blank' });
    if (limit.expected_text === '')
      errors.push({ field: `limits[${i}].expected_text`, message: 'must not be blank' });
    checkNumbers(limit, i, errors);

    const key = `${limit.method_id ?? '*'}|${limit.parameter.toLowerCase()}`;
    if (seen.has(key)) {
      errors.push({
        field: `limits[${i}].parameter`,
        message: `"${limit.parameter}" already has a limit (limits[${seen.get(key)}])${limit.method_id ? ' for this method' : ''}`,
      });
    } else seen.set(key, i);

    if (limit.method_id) {
      const method = methods.get(limit.method_id);
      if (!method || method.archived_at) {
        errors.push({
          field: `limits[${i}].method_id`,
          message: `no method ${limit.method_id} (or it is archived)`,
        });
        return limit;
      }
      const param = method.parameters.find((p) => p.name.toLowerCase() === limit.parameter.toLowerCase());
      if (!param) {
        const names = method.parameters.map((p) => p.name).join(', ') || 'none';
        errors.push({
          field: `limits[${i}].parameter`,
          message: `is not a parameter of method ${method.code} (its parameters: ${names})`,
        });
        return limit;
      }
      limit.parameter = param.name;
      const kind = param.kind ?? 'numeric';
      if (kind === 'text' && limit.expected_text == null && (limit.min != null || limit.max != null)) {
        errors.push({
          field: `limits[${i}].min`,
          message: `${param.name} is a text parameter: give an expected_text`,
        });
      }
      if (kind === 'numeric' && limit.expected_text != null) {
        errors.push({
          field: `limits[${i}].expected_text`,
          message: `${param.name} is a numeric parameter: give a min and/or max`,
        });
      }
      if (limit.unit == null) limit.unit = param.unit ?? null;
      else if (limit.unit !== (param.unit ?? null)) {
        errors.push({
          field: `limits[${i}].unit`,
          message: param.unit
            ? `must be the method's unit for ${param.name} (${param.unit}), or be left out`
            : `must be left out: ${param.name} has no unit in method ${method.code}`,
        });
      }
    }
    return limit;
  });
  if (errors.length) throw unprocessable(errors);
  return limits;
}
