import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem';
import { applyApiError, mapFieldErrors, toFormPath } from './apiErrors';

const values = {
  company_name: '',
  email: 'x',
  contacts: [{ name: '', email: 'bad' }],
};

describe('form error mapping', () => {
  it('turns API field names into form paths', () => {
    expect(toFormPath('email')).toBe('email');
    expect(toFormPath('contacts[0].email')).toBe('contacts.0.email');
    expect(toFormPath('body.company_name')).toBe('company_name');
  });

  it('puts errors on the fields the form has and keeps the rest for the form', () => {
    const mapped = mapFieldErrors(
      [
        { field: 'email', message: 'must be an email' },
        { field: 'contacts[0].email', message: 'must be an email' },
        { field: 'version', message: 'stale' },
        { field: 'body', message: 'body must be an object' },
      ],
      values,
    );
    expect(mapped.fields).toEqual({ email: 'must be an email', 'contacts.0.email': 'must be an email' });
    expect(mapped.general).toEqual(['version: stale', 'body must be an object']);
  });

  it('keeps the first message when a field has several', () => {
    const mapped = mapFieldErrors(
      [
        { field: 'email', message: 'first' },
        { field: 'email', message: 'second' },
      ],
      values,
    );
    expect(mapped.fields.email).toBe('first');
  });

  it('applies a 422 to a form and returns no form-level message when every error found its field', () => {
    let set: Record<string, string> = {};
    const form = { getValues: () => values, setErrors: (e: Record<string, string>) => (set = e) };
    const error = new ApiError(422, {
      status: 422,
      detail: 'Validation failed',
      errors: [{ field: 'company_name', message: 'must not be empty' }],
    });
    expect(applyApiError(form, error)).toBeNull();
    expect(set).toEqual({ company_name: 'must not be empty' });
  });

  it('returns the detail of any other error as the form-level message', () => {
    const form = { getValues: () => values, setErrors: () => {} };
    const error = new ApiError(409, { status: 409, detail: 'A customer with this e-mail exists' });
    expect(applyApiError(form, error)).toBe('A customer with this e-mail exists');
  });
});
