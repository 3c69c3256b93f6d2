import { ApiError, errorMessage, type FieldError } from '../../api/problem';

/** The API names fields like `contacts[0].email`; Mantine's form paths are `contacts.0.email`. */
export function toFormPath(field: string): string {
  return field
    .replace(/^(body|querystring|params|headers)\./, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '');
}

function hasPath(values: unknown, path: string): boolean {
  let current: unknown = values;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !(key in (current as object))) return false;
    current = (current as Record<string, unknown>)[key];
  }
  return true;
}

export interface MappedErrors {
  /** Errors for fields the form shows, by form path. */
  fields: Record<string, string>;
  /** Messages that belong to no field on the form: shown above it. */
  general: string[];
}

/** Splits the API's `errors[]` into field errors the form can show and the rest. */
export function mapFieldErrors(errors: FieldError[], values: unknown): MappedErrors {
  const mapped: MappedErrors = { fields: {}, general: [] };
  for (const { field, message } of errors) {
    const path = toFormPath(field);
    if (path && hasPath(values, path)) {
      if (!mapped.fields[path]) mapped.fields[path] = message;
    } else mapped.general.push(field && field !== 'body' ? `${field}: ${message}` : message);
  }
  return mapped;
}

interface FormLike {
  getValues(): unknown;
  setErrors(errors: Record<string, string>): void;
}

/**
 * Shows an API error on a form: 422 field errors next to their inputs; returns the message to show
 * above the form (null when every problem found its field).
 */
export function applyApiError(form: FormLike, error: unknown): string | null {
  if (error instanceof ApiError && error.fieldErrors.length > 0) {
    const { fields, general } = mapFieldErrors(error.fieldErrors, form.getValues());
    form.setErrors(fields);
    if (general.length) return general.join('; ');
    return Object.keys(fields).length ? null : errorMessage(error);
  }
  return errorMessage(error);
}
