import type { Db } from '../../db/client.ts';
import type { MethodParameter } from '../../db/schema/index.ts';
import type { Row } from '../../lib/crud.ts';
import { type FieldError, unprocessable } from '../../lib/errors.ts';
import { ineligibleEngineers } from './methods.repo.ts';

/**
 * The rules of a method beyond its schema, for create, PUT and PATCH alike: trimmed codes and
 * names, parameter names unique within the method, and authorised engineers who may really
 * perform it. Every broken rule is named at once in one 422.
 */
const blank = (v: unknown) => typeof v === 'string' && v.trim() === '';
const trimOrNull = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

function normalizeParameters(raw: MethodParameter[], errors: FieldError[]): MethodParameter[] {
  const seen = new Map<string, number>();
  return raw.map((p, i) => {
    const name = p.name.trim();
    const kind = p.kind ?? 'numeric';
    if (!name) errors.push({ field: `parameters[${i}].name`, message: 'must not be blank' });
    const key = name.toLowerCase();
    if (name && seen.has(key)) {
      errors.push({
        field: `parameters[${i}].name`,
        message: `"${name}" is already parameters[${seen.get(key)}]; names must be unique within a method`,
      });
    } else seen.set(key, i);
    if (kind === 'text' && p.decimals != null) {
      errors.push({ field: `parameters[${i}].decimals`, message: 'only numeric parameters have decimals' });
    }
    return { name, unit: trimOrNull(p.unit), decimals: p.decimals ?? null, kind };
  });
}

/**
 * Checks and normalizes the editable fields present in `fields` (all of them on create and PUT,
 * some on PATCH). `before` is the current row on an update: engineers already authorised are not
 * re-checked, so a deactivated engineer on the list does not block an unrelated edit.
 */
export async function checkMethodFields(
  tx: Db,
  fields: Record<string, unknown>,
  defaults: { currency: string },
  before?: Row,
): Promise<Record<string, unknown>> {
  const out = { ...fields };
  const errors: FieldError[] = [];
  for (const key of ['code', 'title'] as const) {
    if (key in out && out[key] != null) {
      if (blank(out[key])) errors.push({ field: key, message: 'must not be blank' });
      out[key] = String(out[key]).trim();
    }
  }
  for (const key of ['standard_reference', 'method_version', 'description'] as const) {
    if (key in out) out[key] = key === 'description' ? (out[key] ?? null) : trimOrNull(out[key]);
  }
  // PUT sends every field: an omitted currency means the configured one, like on create.
  if ('currency' in out && out.currency == null) out.currency = defaults.currency;
  if ('parameters' in out)
    out.parameters = normalizeParameters((out.parameters ?? []) as MethodParameter[], errors);
  if ('authorised_engineer_ids' in out) {
    const raw = (out.authorised_engineer_ids ?? []) as string[];
    const already = new Set((before?.authorised_engineer_ids ?? []) as string[]);
    const bad = await ineligibleEngineers(
      tx,
      [...new Set(raw)].filter((id) => !already.has(id)),
    );
    raw.forEach((id, i) => {
      if (bad.has(id)) {
        errors.push({
          field: `authorised_engineer_ids[${i}]`,
          message: `${id} is not an active user with role engineer, manager or admin`,
        });
      }
    });
    out.authorised_engineer_ids = [...new Set(raw)];
  }
  if (errors.length) throw unprocessable(errors);
  return out;
}
