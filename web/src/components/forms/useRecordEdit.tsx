import { type FetchQueryOptions, type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/problem';
import { notifyError, notifySuccess } from '../../lib/notify';
import { ConflictDialog, type ConflictField } from '../dialogs/ConflictDialog';
import { useFormSubmit } from './useFormSubmit';

interface Versioned {
  id: string;
  version: number;
  updated_at: string;
}

interface EditableForm<V> {
  getValues(): V;
  setValues(values: Partial<V>): void;
  resetDirty(): void;
  setErrors(errors: Record<string, string>): void;
  clearErrors(): void;
  onSubmit(handler: (values: V) => void): (event?: React.FormEvent<HTMLFormElement>) => void;
}

export interface RecordEditOptions<T extends Versioned, V> {
  record: T;
  form: EditableForm<V>;
  /** PUT with If-Match: sends `input` as the new state of the record at `version`. */
  replace: (id: string, input: never, version: number) => Promise<T>;
  /** The form's values as the PUT body; `base` is the version being edited (some bodies carry parts of it). */
  toInput: (values: V, base: T) => unknown;
  toFormValues: (record: T) => V;
  /** The detail query, fetched fresh when a save meets a 412. */
  query: (id: string) => { queryKey: QueryKey };
  keys: { detail: (id: string) => QueryKey; all: QueryKey };
  /** The fields the conflict dialog compares. */
  fields: ConflictField[];
  /** The record's detail page: where a save or a cancel leads. */
  detailPath: (record: T) => string;
  /** What the notification says after a save. */
  savedMessage: (updated: T) => string;
  savedTitle?: string;
}

/**
 * The edit page's whole save cycle, one shape for every resource: the form edits one version of the
 * record (the If-Match of the save); a 412 means someone saved in between, so their version is
 * fetched and the user chooses in the conflict dialog to reload (drop their edits) or overwrite
 * (resend against the newer version). `base` is the version being edited; render `conflictDialog`
 * and wire the form's cancel button to `cancel`.
 */
export function useRecordEdit<T extends Versioned, V>(options: RecordEditOptions<T, V>) {
  const { record, form } = options;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [base, setBase] = useState(record);
  const [newer, setNewer] = useState<T | null>(null);
  const [overwriting, setOverwriting] = useState(false);

  const send = (values: V, against: T) =>
    options.replace(record.id, options.toInput(values, against) as never, against.version);

  const onSaved = (updated: T) => {
    queryClient.setQueryData(options.keys.detail(updated.id), updated);
    void queryClient.invalidateQueries({ queryKey: options.keys.all });
    notifySuccess(options.savedMessage(updated), options.savedTitle);
    navigate(options.detailPath(updated));
  };

  const submit = useFormSubmit(form, (values) => send(values, base), {
    onSuccess: onSaved,
    onError: (error) => {
      if (!isApiError(error, 412)) return false;
      void queryClient
        .fetchQuery({ ...(options.query(record.id) as FetchQueryOptions<T>), staleTime: 0 })
        .then(setNewer)
        .catch(notifyError);
      return true;
    },
  });

  const conflictDialog = (
    <ConflictDialog
      opened={newer !== null}
      fields={options.fields}
      mine={options.toInput(form.getValues(), base) as Record<string, unknown>}
      theirs={newer as (T & Record<string, unknown>) | null}
      overwriting={overwriting}
      onCancel={() => {
        // Keep the user's edits, but a later save must not overwrite the newer version unseen.
        if (newer) setBase(newer);
        setNewer(null);
      }}
      onReload={() => {
        if (!newer) return;
        form.setValues(options.toFormValues(newer));
        form.resetDirty();
        setBase(newer);
        setNewer(null);
      }}
      onOverwrite={async () => {
        if (!newer) return;
        setOverwriting(true);
        try {
          onSaved(await send(form.getValues(), newer));
        } catch (error) {
          notifyError(error, 'Could not overwrite');
        } finally {
          setOverwriting(false);
          setNewer(null);
        }
      }}
    />
  );

  const cancel = () => navigate(options.detailPath(record));
  return { ...submit, base, cancel, conflictDialog };
}
