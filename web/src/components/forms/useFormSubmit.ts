import { useState } from 'react';
import { applyApiError } from './apiErrors';

interface FormLike<V> {
  getValues(): V;
  setErrors(errors: Record<string, string>): void;
  clearErrors(): void;
  onSubmit(handler: (values: V) => void): (event?: React.FormEvent<HTMLFormElement>) => void;
}

/**
 * Submits a Mantine form through an async action and maps a failure onto it: field errors from the
 * API's `errors[]` on their inputs, anything else as one message above the form.
 */
export function useFormSubmit<V, R>(
  form: FormLike<V>,
  action: (values: V) => Promise<R>,
  options: {
    onSuccess?: (result: R, values: V) => void;
    onError?: (error: unknown) => boolean | undefined;
  } = {},
) {
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const onSubmit = form.onSubmit(async (values) => {
    setPending(true);
    setFormError(null);
    form.clearErrors();
    try {
      const result = await action(values);
      options.onSuccess?.(result, values);
    } catch (error) {
      if (!options.onError?.(error)) setFormError(applyApiError(form, error));
    } finally {
      setPending(false);
    }
  });
  return { onSubmit, pending, formError, setFormError };
}
