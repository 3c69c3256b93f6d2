import { Skeleton } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/problem';
import { useSetCrumb } from '../../app/shell/crumbs';
import { ConflictDialog } from '../../components/dialogs/ConflictDialog';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import { type Method, methodKeys, methodQuery, replaceMethod, useMethod } from '../../features/methods/api';
import { MethodForm } from '../../features/methods/components/MethodForm';
import {
  METHOD_FIELDS,
  toFormValues,
  toInput,
  useMethodForm,
} from '../../features/methods/components/methodForm';
import { notifyError, notifySuccess } from '../../lib/notify';

export function MethodEditPage() {
  const { id = '' } = useParams();
  const method = useMethod(id);
  useSetCrumb(method.data?.code);
  if (method.isLoading) return <Skeleton h={400} />;
  if (method.error || !method.data) return <QueryError error={method.error} what="method" />;
  return <EditForm method={method.data} />;
}

function EditForm({ method }: { method: Method }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useMethodForm(method);
  // The version this form edits: the If-Match of the save.
  const [version, setVersion] = useState(method.version);
  const [newer, setNewer] = useState<Method | null>(null);
  const [overwriting, setOverwriting] = useState(false);

  const saved = (updated: Method) => {
    queryClient.setQueryData(methodKeys.detail(updated.id), updated);
    void queryClient.invalidateQueries({ queryKey: methodKeys.all });
    notifySuccess(`${updated.code} was saved.`, 'Method saved');
    navigate(`/methods/${updated.id}`);
  };

  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => replaceMethod(method.id, toInput(values), version),
    {
      onSuccess: saved,
      onError: (error) => {
        if (!isApiError(error, 412)) return false;
        // Someone saved in between: fetch their version and let the user choose.
        void queryClient
          .fetchQuery({ ...methodQuery(method.id), staleTime: 0 })
          .then(setNewer)
          .catch(notifyError);
        return true;
      },
    },
  );

  const mine = toInput(form.getValues()) as Record<string, unknown>;
  return (
    <>
      <PageHeader title={`Edit ${method.code}`} subtitle={`Version ${version}`} />
      <MethodForm
        form={form}
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        submitLabel="Save changes"
        onCancel={() => navigate(`/methods/${method.id}`)}
      />
      <ConflictDialog
        opened={newer !== null}
        fields={METHOD_FIELDS}
        mine={mine}
        theirs={newer as (Method & Record<string, unknown>) | null}
        overwriting={overwriting}
        onCancel={() => {
          if (newer) setVersion(newer.version);
          setNewer(null);
        }}
        onReload={() => {
          if (!newer) return;
          form.setValues(toFormValues(newer));
          form.resetDirty();
          setVersion(newer.version);
          setNewer(null);
        }}
        onOverwrite={async () => {
          if (!newer) return;
          setOverwriting(true);
          try {
            saved(await replaceMethod(method.id, toInput(form.getValues()), newer.version));
          } catch (error) {
            notifyError(error, 'Could not overwrite');
          } finally {
            setOverwriting(false);
            setNewer(null);
          }
        }}
      />
    </>
  );
}
