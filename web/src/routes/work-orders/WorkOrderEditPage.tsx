import { Skeleton } from '@mantine/core';
import { useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { useRecordEdit } from '../../components/forms/useRecordEdit';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import {
  replaceWorkOrder,
  useWorkOrder,
  type WorkOrder,
  workOrderKeys,
  workOrderQuery,
} from '../../features/work-orders/api';
import {
  toFormValues,
  toInput,
  useWorkOrderForm,
  WORK_ORDER_FIELDS,
  WorkOrderForm,
} from '../../features/work-orders/components/WorkOrderForm';

export function WorkOrderEditPage() {
  const { id = '' } = useParams();
  const wo = useWorkOrder(id);
  useSetCrumb(wo.data?.number);
  if (wo.isLoading) return <Skeleton h={400} />;
  if (wo.error || !wo.data) return <QueryError error={wo.error} what="work order" />;
  return <EditForm wo={wo.data} />;
}

function EditForm({ wo }: { wo: WorkOrder }) {
  const form = useWorkOrderForm(wo);
  const edit = useRecordEdit({
    record: wo,
    form,
    replace: replaceWorkOrder,
    toInput: (values) => toInput(values),
    toFormValues,
    query: workOrderQuery,
    keys: workOrderKeys,
    fields: WORK_ORDER_FIELDS,
    detailPath: (record) => `/work-orders/${record.id}`,
    savedMessage: (updated) => `${updated.number} was saved.`,
    savedTitle: 'Work order saved',
  });
  return (
    <>
      <PageHeader title={`Edit ${wo.number}`} subtitle={`Version ${edit.base.version}`} />
      <WorkOrderForm
        form={form}
        onSubmit={edit.onSubmit}
        pending={edit.pending}
        formError={edit.formError}
        submitLabel="Save changes"
        onCancel={edit.cancel}
        initialLabels={{
          project: wo.project_number,
          sales_order: wo.sales_order_number,
          assignee: wo.assignee_name,
        }}
      />
      {edit.conflictDialog}
    </>
  );
}
