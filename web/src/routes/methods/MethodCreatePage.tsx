import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import { PageHeader } from '../../components/ui/PageHeader';
import { createMethod, methodKeys } from '../../features/methods/api';
import { MethodForm } from '../../features/methods/components/MethodForm';
import { toInput, useMethodForm } from '../../features/methods/components/methodForm';
import { notifySuccess } from '../../lib/notify';

export function MethodCreatePage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useMethodForm();
  // One key per form: a retried submit (double click, network hiccup) cannot create two methods.
  const idempotencyKey = useRef(crypto.randomUUID());
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => createMethod(toInput(values), idempotencyKey.current),
    {
      onSuccess: (method) => {
        void queryClient.invalidateQueries({ queryKey: methodKeys.all });
        notifySuccess(`${method.code} was added to the catalogue.`, 'Method created');
        navigate(`/methods/${method.id}`);
      },
    },
  );
  return (
    <>
      <PageHeader title="New method" />
      <MethodForm
        form={form}
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        submitLabel="Create method"
        onCancel={() => navigate('/methods')}
      />
    </>
  );
}
