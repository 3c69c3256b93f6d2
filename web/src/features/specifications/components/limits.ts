import type { SpecLimit } from '../api';

/**
 * A limit as the editor holds it (text as typed) and the same rules the server applies, so most
 * mistakes show on their cell before anything is sent; the server's 422 maps onto the same cells
 * (`limits[2].max` → `limits.2.max`).
 */
export interface LimitRow {
  parameter: string;
  method_id: string | null;
  unit: string;
  /** range: min/max with a warning band; text: an expected value */
  kind: 'range' | 'text';
  min: string;
  warn_min: string;
  warn_max: string;
  max: string;
  expected_text: string;
}

export const BOUNDS = ['min', 'warn_min', 'warn_max', 'max'] as const;
export type Bound = (typeof BOUNDS)[number];
export const BOUND_LABELS: Record<Bound, string> = {
  min: 'Min',
  warn_min: 'Warn below',
  warn_max: 'Warn above',
  max: 'Max',
};

export const emptyLimit = (): LimitRow => ({
  parameter: '',
  method_id: null,
  unit: '',
  kind: 'range',
  min: '',
  warn_min: '',
  warn_max: '',
  max: '',
  expected_text: '',
});

export function toRows(limits: readonly SpecLimit[]): LimitRow[] {
  return limits.map((l) => ({
    parameter: l.parameter,
    method_id: l.method_id ?? null,
    unit: l.unit ?? '',
    kind: l.expected_text != null ? 'text' : 'range',
    min: l.min ?? '',
    warn_min: l.warn_min ?? '',
    warn_max: l.warn_max ?? '',
    max: l.max ?? '',
    expected_text: l.expected_text ?? '',
  }));
}

const orNull = (v: string) => (v.trim() ? v.trim() : null);

/** Rows → the API's limits: a text row sends no bounds, a range row no expected text. */
export function toLimits(rows: readonly LimitRow[]): SpecLimit[] {
  return rows.map((r) => {
    const range = r.kind === 'range';
    return {
      parameter: r.parameter.trim(),
      method_id: r.method_id,
      unit: orNull(r.unit),
      min: range ? orNull(r.min) : null,
      warn_min: range ? orNull(r.warn_min) : null,
      warn_max: range ? orNull(r.warn_max) : null,
      max: range ? orNull(r.max) : null,
      expected_text: range ? null : orNull(r.expected_text),
    };
  });
}

const DECIMAL = /^-?\d{1,12}(\.\d{1,6})?$/;

/** Client-side rules, as form errors keyed by form path (`limits.0.max`). */
export function validateLimits(rows: readonly LimitRow[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const at = (field: string) => `limits.${i}.${field}`;
    const parameter = row.parameter.trim();
    if (!parameter) errors[at('parameter')] = 'Enter the parameter';
    const key = `${row.method_id ?? '*'}|${parameter.toLowerCase()}`;
    if (parameter && seen.has(key)) errors[at('parameter')] = 'This parameter already has a limit';
    seen.add(key);
    if (row.kind === 'text') {
      if (!row.expected_text.trim()) errors[at('expected_text')] = 'Enter the expected value';
      return;
    }
    const given: Bound[] = [];
    for (const bound of BOUNDS) {
      const value = row[bound].trim();
      if (!value) continue;
      if (!DECIMAL.test(value)) errors[at(bound)] = 'A number like 4.5 or -2';
      else given.push(bound);
    }
    if (!row.min.trim() && !row.max.trim()) {
      errors[at(given.length ? 'min' : 'max')] = given.length
        ? 'A warning band needs a min or a max'
        : 'Give a min or a max';
    }
    // min ≤ warn_min ≤ warn_max ≤ max for every pair that is given
    for (let a = 0; a < given.length; a++) {
      for (let b = a + 1; b < given.length; b++) {
        const [low, high] = [given[a], given[b]];
        if (Number(row[low]) > Number(row[high]) && !errors[at(high)]) {
          errors[at(high)] = `Must be ≥ ${BOUND_LABELS[low].toLowerCase()} (${row[low].trim()})`;
        }
      }
    }
  });
  return errors;
}

/** One line for a limit: "4.0 – 7.5 (warn outside 4.5 – 7.0)", "≥ 250", "= absent". */
export function describeLimit(l: SpecLimit): string {
  if (l.expected_text != null) return `= ${l.expected_text}`;
  const range =
    l.min != null && l.max != null ? `${l.min} – ${l.max}` : l.min != null ? `≥ ${l.min}` : `≤ ${l.max}`;
  const warn = [
    l.warn_min != null && `below ${l.warn_min}`,
    l.warn_max != null && `above ${l.warn_max}`,
  ].filter(Boolean);
  return warn.length ? `${range} (warn ${warn.join(', ')})` : range;
}
