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
import { notifyError, notifySuccess } from '../../lib/notify';

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
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useSpecificationForm(spec);
  const [current, setCurrent] = useState(spec);
  const [newer, setNewer] = useState<Specification | null>(null);
  const [overwriting, setOverwriting] = useState(false);

  const saved = (updated: Specification) => {
    queryClient.setQueryData(specificationKeys.detail(updated.id), updated);
    void queryClient.invalidateQueries({ queryKey: specificationKeys.all });
    notifySuccess(`${updated.code} rev ${updated.revision} was saved.`, 'Specification saved');
    navigate(`/specifications/${updated.id}`);
  };

  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => replaceSpecification(spec.id, toReplaceInput(values, current), current.version),
    {
      onSuccess: saved,
      onError: (error) => {
        if (!isApiError(error, 412)) return false;
        // Someone saved in between: fetch their version and let the user choose.
        void queryClient
          .fetchQuery({ ...specificationQuery(spec.id), staleTime: 0 })
          .then(setNewer)
          .catch(notifyError);
        return true;
      },
    },
  );

  const mine = toReplaceInput(form.getValues(), current) as Record<string, unknown>;
  return (
    <>
      <PageHeader title={`Edit ${spec.code} rev ${spec.revision}`} subtitle={`Version ${current.version}`} />
      <SpecificationForm
        form={form}
        mode="edit"
        current={current}
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        submitLabel="Save changes"
        onCancel={() => navigate(`/specifications/${spec.id}`)}
      />
      <ConflictDialog
        opened={newer !== null}
        fields={SPECIFICATION_FIELDS}
        mine={mine}
        theirs={newer as (Specification & Record<string, unknown>) | null}
        overwriting={overwriting}
        onCancel={() => {
          if (newer) setCurrent(newer);
          setNewer(null);
        }}
        onReload={() => {
          if (!newer) return;
          form.setValues(toFormValues(newer));
          form.resetDirty();
          setCurrent(newer);
          setNewer(null);
        }}
        onOverwrite={async () => {
          if (!newer) return;
          setOverwriting(true);
          try {
            saved(
              await replaceSpecification(spec.id, toReplaceInput(form.getValues(), newer), newer.version),
            );
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
