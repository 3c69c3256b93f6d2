import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../api/problem';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import { PageHeader } from '../../components/ui/PageHeader';
import { createPurchaseOrder, purchaseOrderKeys } from '../../features/purchase-orders/api';
import {
  PurchaseOrderForm,
  toInput,
  usePurchaseOrderForm,
} from '../../features/purchase-orders/components/PurchaseOrderForm';
import { notifySuccess } from '../../lib/notify';

export function PurchaseOrderCreatePage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // "New purchase order" on a supplier's page opens this form with that supplier chosen
  const [params] = useSearchParams();
  const form = usePurchaseOrderForm(undefined, { supplier_id: params.get('supplier_id') });
  const idempotencyKey = useRef(crypto.randomUUID());
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => createPurchaseOrder(toInput(values), idempotencyKey.current),
    {
      // a refused create (4xx) is stored under its key: the corrected form is a new request
      onError: (error) => {
        if (isApiError(error) && error.status < 500) idempotencyKey.current = crypto.randomUUID();
        return false;
      },
      onSuccess: (po) => {
        void queryClient.invalidateQueries({ queryKey: purchaseOrderKeys.all });
        notifySuccess(
          `${po.number} was created as a draft: total ${po.total} ${po.currency}.`,
          'Purchase order created',
        );
        navigate(`/purchase-orders/${po.id}`);
      },
    },
  );
  return (
    <>
      <PageHeader title="New purchase order" subtitle="A draft until you submit it for approval" />
      <PurchaseOrderForm
        form={form}
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        submitLabel="Create purchase order"
        onCancel={() => navigate('/purchase-orders')}
        supplierLabel={params.get('supplier_name')}
      />
    </>
  );
}
