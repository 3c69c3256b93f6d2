import { Skeleton } from '@mantine/core';
import { useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { useRecordEdit } from '../../components/forms/useRecordEdit';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import {
  type PurchaseOrder,
  purchaseOrderKeys,
  purchaseOrderQuery,
  replacePurchaseOrder,
  usePurchaseOrder,
} from '../../features/purchase-orders/api';
import {
  PURCHASE_ORDER_FIELDS,
  PurchaseOrderForm,
  toFormValues,
  toInput,
  usePurchaseOrderForm,
} from '../../features/purchase-orders/components/PurchaseOrderForm';

export function PurchaseOrderEditPage() {
  const { id = '' } = useParams();
  const po = usePurchaseOrder(id);
  useSetCrumb(po.data?.number);
  if (po.isLoading) return <Skeleton h={400} />;
  if (po.error || !po.data) return <QueryError error={po.error} what="purchase order" />;
  return <EditForm po={po.data} />;
}

function EditForm({ po }: { po: PurchaseOrder }) {
  const form = usePurchaseOrderForm(po);
  const edit = useRecordEdit({
    record: po,
    form,
    replace: replacePurchaseOrder,
    toInput,
    toFormValues,
    query: purchaseOrderQuery,
    keys: purchaseOrderKeys,
    fields: PURCHASE_ORDER_FIELDS,
    detailPath: (record) => `/purchase-orders/${record.id}`,
    savedMessage: (updated) => `${updated.number} was saved: total ${updated.total} ${updated.currency}.`,
    savedTitle: 'Purchase order saved',
  });
  return (
    <>
      <PageHeader title={`Edit ${po.number}`} subtitle={`Draft · version ${edit.base.version}`} />
      <PurchaseOrderForm
        form={form}
        onSubmit={edit.onSubmit}
        pending={edit.pending}
        formError={edit.formError}
        submitLabel="Save changes"
        onCancel={edit.cancel}
        supplierLabel={po.supplier_name}
      />
      {edit.conflictDialog}
    </>
  );
}
