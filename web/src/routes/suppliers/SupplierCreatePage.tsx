import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/problem';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import { PageHeader } from '../../components/ui/PageHeader';
import { createSupplier, supplierKeys } from '../../features/suppliers/api';
import { SupplierForm, toInput, useSupplierForm } from '../../features/suppliers/components/SupplierForm';
import { notifySuccess } from '../../lib/notify';

export function SupplierCreatePage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useSupplierForm();
  const idempotencyKey = useRef(crypto.randomUUID());
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => createSupplier(toInput(values), idempotencyKey.current),
    {
      // a refused create (4xx) is stored under its key: the corrected form is a new request
      onError: (error) => {
        if (isApiError(error) && error.status < 500) idempotencyKey.current = crypto.randomUUID();
        return false;
      },
      onSuccess: (supplier) => {
        void queryClient.invalidateQueries({ queryKey: supplierKeys.all });
        notifySuccess(`${supplier.name} was added; evaluate it before ordering.`, 'Supplier created');
        navigate(`/suppliers/${supplier.id}`);
      },
    },
  );
  return (
    <>
      <PageHeader title="New supplier" subtitle="It starts pending until evaluated" />
      <SupplierForm
        form={form}
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        submitLabel="Create supplier"
        onCancel={() => navigate('/suppliers')}
      />
    </>
  );
}
