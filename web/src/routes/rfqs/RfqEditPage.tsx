import { Skeleton } from '@mantine/core';
import { useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { useRecordEdit } from '../../components/forms/useRecordEdit';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import { type Rfq, replaceRfq, rfqKeys, rfqQuery, useRfq } from '../../features/rfqs/api';
import {
  RFQ_FIELDS,
  RfqForm,
  toFormValues,
  toInput,
  useRfqForm,
} from '../../features/rfqs/components/RfqForm';

export function RfqEditPage({ portal = false }: { portal?: boolean }) {
  const { id = '' } = useParams();
  const rfq = useRfq(id);
  useSetCrumb(rfq.data?.number);
  if (rfq.isLoading) return <Skeleton h={400} />;
  if (rfq.error || !rfq.data) return <QueryError error={rfq.error} what="request" />;
  return <EditForm rfq={rfq.data} portal={portal} />;
}

function EditForm({ rfq, portal }: { rfq: Rfq; portal: boolean }) {
  const form = useRfqForm(rfq, portal);
  const edit = useRecordEdit({
    record: rfq,
    form,
    replace: replaceRfq,
    toInput: (values) => toInput(values, portal),
    toFormValues,
    query: rfqQuery,
    keys: rfqKeys,
    fields: RFQ_FIELDS,
    detailPath: (record) => `${portal ? '/portal/requests' : '/rfqs'}/${record.id}`,
    savedMessage: (updated) => `${updated.number} was saved.`,
  });
  return (
    <>
      <PageHeader title={`Edit ${rfq.number}`} subtitle={`Version ${edit.base.version}`} />
      <RfqForm
        form={form}
        portal={portal}
        lockCustomer={{ id: rfq.customer_id, name: rfq.customer_name }}
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
