import { Skeleton } from '@mantine/core';
import { useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { useRecordEdit } from '../../components/forms/useRecordEdit';
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

export function MethodEditPage() {
  const { id = '' } = useParams();
  const method = useMethod(id);
  useSetCrumb(method.data?.code);
  if (method.isLoading) return <Skeleton h={400} />;
  if (method.error || !method.data) return <QueryError error={method.error} what="method" />;
  return <EditForm method={method.data} />;
}

function EditForm({ method }: { method: Method }) {
  const form = useMethodForm(method);
  const edit = useRecordEdit({
    record: method,
    form,
    replace: replaceMethod,
    toInput: toInput,
    toFormValues,
    query: methodQuery,
    keys: methodKeys,
    fields: METHOD_FIELDS,
    detailPath: (record) => `/methods/${record.id}`,
    savedMessage: (updated) => `${updated.code} was saved.`,
    savedTitle: 'Method saved',
  });
  return (
    <>
      <PageHeader title={`Edit ${method.code}`} subtitle={`Version ${edit.base.version}`} />
      <MethodForm
        form={form}
        onSubmit={edit.onSubmit}
        pending={edit.pending}
        formError={edit.formError}
        submitLabel="Save changes"
        onCancel={edit.cancel}
      />
      {edit.conflictDialog}
    </>
  );
}
