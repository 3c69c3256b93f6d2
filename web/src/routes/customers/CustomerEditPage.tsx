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
  type Customer,
  customerKeys,
  customerQuery,
  replaceCustomer,
  useCustomer,
} from '../../features/customers/api';
import {
  CUSTOMER_FIELDS,
  CustomerForm,
  toFormValues,
  toInput,
  useCustomerForm,
} from '../../features/customers/components/CustomerForm';
import { notifyError, notifySuccess } from '../../lib/notify';

export function CustomerEditPage() {
  const { id = '' } = useParams();
  const customer = useCustomer(id);
  useSetCrumb(customer.data?.company_name);
  if (customer.isLoading) return <Skeleton h={400} />;
  if (customer.error || !customer.data) return <QueryError error={customer.error} what="customer" />;
  return <EditForm customer={customer.data} />;
}

function EditForm({ customer }: { customer: Customer }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useCustomerForm(customer);
  // The version this form edits: the If-Match of the save.
  const [version, setVersion] = useState(customer.version);
  const [newer, setNewer] = useState<Customer | null>(null);
  const [overwriting, setOverwriting] = useState(false);

  const saved = (updated: Customer) => {
    queryClient.setQueryData(customerKeys.detail(updated.id), updated);
    void queryClient.invalidateQueries({ queryKey: customerKeys.all });
    notifySuccess(`${updated.company_name} was saved.`, 'Customer saved');
    navigate(`/customers/${updated.id}`);
  };

  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => replaceCustomer(customer.id, toInput(values), version),
    {
      onSuccess: saved,
      onError: (error) => {
        if (!isApiError(error, 412)) return false;
        // Someone saved in between: fetch their version and let the user choose.
        void queryClient
          .fetchQuery({ ...customerQuery(customer.id), staleTime: 0 })
          .then(setNewer)
          .catch(notifyError);
        return true;
      },
    },
  );

  const mine = toInput(form.getValues()) as Record<string, unknown>;
  return (
    <>
      <PageHeader title={`Edit ${customer.company_name}`} subtitle={`Version ${version}`} />
      <CustomerForm
        form={form}
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        submitLabel="Save changes"
        onCancel={() => navigate(`/customers/${customer.id}`)}
      />
      <ConflictDialog
        opened={newer !== null}
        fields={CUSTOMER_FIELDS}
        mine={mine}
        theirs={newer as (Customer & Record<string, unknown>) | null}
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
            saved(await replaceCustomer(customer.id, toInput(form.getValues()), newer.version));
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
