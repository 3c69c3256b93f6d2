import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import { PageHeader } from '../../components/ui/PageHeader';
import { createSalesOrder, salesOrderKeys } from '../../features/sales-orders/api';
import {
  SalesOrderForm,
  toInput,
  useSalesOrderForm,
} from '../../features/sales-orders/components/SalesOrderForm';
import { notifySuccess } from '../../lib/notify';

export function SalesOrderCreatePage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useSalesOrderForm();
  const idempotencyKey = useRef(crypto.randomUUID());
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => createSalesOrder(toInput(values), idempotencyKey.current),
    {
      onSuccess: (order) => {
        void queryClient.invalidateQueries({ queryKey: salesOrderKeys.all });
        notifySuccess(
          `${order.number} was created: total ${order.total} ${order.currency}.`,
          'Sales order created',
        );
        navigate(`/sales-orders/${order.id}`);
      },
    },
  );
  return (
    <>
      <PageHeader
        title="New sales order"
        subtitle="An order without a quote; accepted quotes make theirs by themselves"
      />
      <SalesOrderForm
        form={form}
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        onCancel={() => navigate('/sales-orders')}
      />
    </>
  );
}
