import { Skeleton } from '@mantine/core';
import { useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { useRecordEdit } from '../../components/forms/useRecordEdit';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import {
  replaceSupplier,
  type Supplier,
  supplierKeys,
  supplierQuery,
  useSupplier,
} from '../../features/suppliers/api';
import {
  SUPPLIER_FIELDS,
  SupplierForm,
  toFormValues,
  toInput,
  useSupplierForm,
} from '../../features/suppliers/components/SupplierForm';

export function SupplierEditPage() {
  const { id = '' } = useParams();
  const supplier = useSupplier(id);
  useSetCrumb(supplier.data?.name);
  if (supplier.isLoading) return <Skeleton h={400} />;
  if (supplier.error || !supplier.data) return <QueryError error={supplier.error} what="supplier" />;
  return <EditForm supplier={supplier.data} />;
}

function EditForm({ supplier }: { supplier: Supplier }) {
  const form = useSupplierForm(supplier);
  const edit = useRecordEdit({
    record: supplier,
    form,
    replace: replaceSupplier,
    toInput,
    toFormValues,
    query: supplierQuery,
    keys: supplierKeys,
    fields: SUPPLIER_FIELDS,
    detailPath: (record) => `/suppliers/${record.id}`,
    savedMessage: (updated) => `${updated.name} was saved.`,
    savedTitle: 'Supplier saved',
  });
  return (
    <>
      <PageHeader title={`Edit ${supplier.name}`} subtitle={`Version ${edit.base.version}`} />
      <SupplierForm
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
