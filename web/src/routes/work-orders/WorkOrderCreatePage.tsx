import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/problem';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import { PageHeader } from '../../components/ui/PageHeader';
import { createWorkOrder, workOrderKeys } from '../../features/work-orders/api';
import {
  toInput,
  useWorkOrderForm,
  WorkOrderForm,
} from '../../features/work-orders/components/WorkOrderForm';
import { notifySuccess } from '../../lib/notify';

export function WorkOrderCreatePage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useWorkOrderForm();
  const idempotencyKey = useRef(crypto.randomUUID());
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => createWorkOrder(toInput(values, true), idempotencyKey.current),
    {
      // a refused create (4xx) is stored under its key: the corrected form is a new request
      onError: (error) => {
        if (isApiError(error) && error.status < 500) idempotencyKey.current = crypto.randomUUID();
        return false;
      },
      onSuccess: (wo) => {
        void queryClient.invalidateQueries({ queryKey: workOrderKeys.all });
        notifySuccess(`${wo.number} was created.`, 'Work order created');
        navigate(`/work-orders/${wo.id}`);
      },
    },
  );
  return (
    <>
      <PageHeader title="New work order" subtitle="The job on the lab floor for a project or a sales order" />
      <WorkOrderForm
        form={form}
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        submitLabel="Create work order"
        onCancel={() => navigate('/work-orders')}
        showProgress
      />
    </>
  );
}
