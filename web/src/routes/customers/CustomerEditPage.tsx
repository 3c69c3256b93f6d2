import { Skeleton } from '@mantine/core';
import { useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { useRecordEdit } from '../../components/forms/useRecordEdit';
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

export function CustomerEditPage() {
  const { id = '' } = useParams();
  const customer = useCustomer(id);
  useSetCrumb(customer.data?.company_name);
  if (customer.isLoading) return <Skeleton h={400} />;
  if (customer.error || !customer.data) return <QueryError error={customer.error} what="customer" />;
  return <EditForm customer={customer.data} />;
}

function EditForm({ customer }: { customer: Customer }) {
  const form = useCustomerForm(customer);
  const edit = useRecordEdit({
    record: customer,
    form,
    replace: replaceCustomer,
    toInput,
    toFormValues,
    query: customerQuery,
    keys: customerKeys,
    fields: CUSTOMER_FIELDS,
    detailPath: (record) => `/customers/${record.id}`,
    savedMessage: (updated) => `${updated.company_name} was saved.`,
    savedTitle: 'Customer saved',
  });
  return (
    <>
      <PageHeader title={`Edit ${customer.company_name}`} subtitle={`Version ${edit.base.version}`} />
      <CustomerForm
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
