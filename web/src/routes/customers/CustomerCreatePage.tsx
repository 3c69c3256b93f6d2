import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import { PageHeader } from '../../components/ui/PageHeader';
import { createCustomer, customerKeys } from '../../features/customers/api';
import { CustomerForm, toInput, useCustomerForm } from '../../features/customers/components/CustomerForm';
import { notifySuccess } from '../../lib/notify';

export function CustomerCreatePage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useCustomerForm();
  // One key per form: a retried submit (double click, network hiccup) cannot create two customers.
  const idempotencyKey = useRef(crypto.randomUUID());
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => createCustomer(toInput(values), idempotencyKey.current),
    {
      onSuccess: (customer) => {
        void queryClient.invalidateQueries({ queryKey: customerKeys.all });
        notifySuccess(`${customer.company_name} was created.`, 'Customer created');
        navigate(`/customers/${customer.id}`);
      },
    },
  );
  return (
    <>
      <PageHeader title="New customer" />
      <CustomerForm
        form={form}
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        submitLabel="Create customer"
        onCancel={() => navigate('/customers')}
      />
    </>
  );
}
