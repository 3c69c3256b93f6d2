import { Skeleton } from '@mantine/core';
import { useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { useRecordEdit } from '../../components/forms/useRecordEdit';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import {
  replaceSpecification,
  type Specification,
  specificationKeys,
  specificationQuery,
  useSpecification,
} from '../../features/specifications/api';
import { SpecificationForm } from '../../features/specifications/components/SpecificationForm';
import {
  SPECIFICATION_FIELDS,
  toFormValues,
  toReplaceInput,
  useSpecificationForm,
} from '../../features/specifications/components/specificationForm';

/** Corrects name, description and source of the current revision in place (PUT with If-Match). */
export function SpecificationEditPage() {
  const { id = '' } = useParams();
  const spec = useSpecification(id);
  useSetCrumb(spec.data ? `${spec.data.code} rev ${spec.data.revision}` : undefined);
  if (spec.isLoading) return <Skeleton h={400} />;
  if (spec.error || !spec.data) return <QueryError error={spec.error} what="specification" />;
  return <EditForm spec={spec.data} />;
}

function EditForm({ spec }: { spec: Specification }) {
  const form = useSpecificationForm(spec);
  const edit = useRecordEdit({
    record: spec,
    form,
    replace: replaceSpecification,
    toInput: toReplaceInput,
    toFormValues,
    query: specificationQuery,
    keys: specificationKeys,
    fields: SPECIFICATION_FIELDS,
    detailPath: (record) => `/specifications/${record.id}`,
    savedMessage: (updated) => `${updated.code} rev ${updated.revision} was saved.`,
    savedTitle: 'Specification saved',
  });
  return (
    <>
      <PageHeader
        title={`Edit ${spec.code} rev ${spec.revision}`}
        subtitle={`Version ${edit.base.version}`}
      />
      <SpecificationForm
        form={form}
        mode="edit"
        current={edit.base}
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
