import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import { PageHeader } from '../../components/ui/PageHeader';
import { createSpecification, specificationKeys } from '../../features/specifications/api';
import { SpecificationForm } from '../../features/specifications/components/SpecificationForm';
import { toInput, useSpecificationForm } from '../../features/specifications/components/specificationForm';
import { notifySuccess } from '../../lib/notify';

export function SpecificationCreatePage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useSpecificationForm();
  // One key per form: a retried submit cannot create two specifications.
  const idempotencyKey = useRef(crypto.randomUUID());
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => createSpecification(toInput(values), idempotencyKey.current),
    {
      onSuccess: (spec) => {
        void queryClient.invalidateQueries({ queryKey: specificationKeys.all });
        notifySuccess(`${spec.code} revision 1 was created.`, 'Specification created');
        navigate(`/specifications/${spec.id}`);
      },
    },
  );
  return (
    <>
      <PageHeader title="New specification" />
      <SpecificationForm
        form={form}
        mode="create"
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        submitLabel="Create specification"
        onCancel={() => navigate('/specifications')}
      />
    </>
  );
}
