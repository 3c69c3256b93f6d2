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
import { type Rfq, replaceRfq, rfqKeys, rfqQuery, useRfq } from '../../features/rfqs/api';
import {
  RFQ_FIELDS,
  RfqForm,
  toFormValues,
  toInput,
  useRfqForm,
} from '../../features/rfqs/components/RfqForm';
import { notifyError, notifySuccess } from '../../lib/notify';

export function RfqEditPage({ portal = false }: { portal?: boolean }) {
  const { id = '' } = useParams();
  const rfq = useRfq(id);
  useSetCrumb(rfq.data?.number);
  if (rfq.isLoading) return <Skeleton h={400} />;
  if (rfq.error || !rfq.data) return <QueryError error={rfq.error} what="request" />;
  return <EditForm rfq={rfq.data} portal={portal} />;
}

function EditForm({ rfq, portal }: { rfq: Rfq; portal: boolean }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useRfqForm(rfq, portal);
  const [version, setVersion] = useState(rfq.version);
  const [newer, setNewer] = useState<Rfq | null>(null);
  const detail = `${portal ? '/portal/requests' : '/rfqs'}/${rfq.id}`;

  const saved = (updated: Rfq) => {
    queryClient.setQueryData(rfqKeys.detail(updated.id), updated);
    void queryClient.invalidateQueries({ queryKey: rfqKeys.all });
    notifySuccess(`${updated.number} was saved.`);
    navigate(detail);
  };
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => replaceRfq(rfq.id, toInput(values, portal), version),
    {
      onSuccess: saved,
      onError: (error) => {
        if (!isApiError(error, 412)) return false;
        void queryClient
          .fetchQuery({ ...rfqQuery(rfq.id), staleTime: 0 })
          .then(setNewer)
          .catch(notifyError);
        return true;
      },
    },
  );

  return (
    <>
      <PageHeader title={`Edit ${rfq.number}`} subtitle={`Version ${version}`} />
      <RfqForm
        form={form}
        portal={portal}
        lockCustomer={{ id: rfq.customer_id, name: rfq.customer_name }}
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        submitLabel="Save changes"
        onCancel={() => navigate(detail)}
      />
      <ConflictDialog
        opened={newer !== null}
        fields={RFQ_FIELDS}
        mine={toInput(form.getValues(), portal) as Record<string, unknown>}
        theirs={newer as (Rfq & Record<string, unknown>) | null}
        overwriting={false}
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
          try {
            saved(await replaceRfq(rfq.id, toInput(form.getValues(), portal), newer.version));
          } catch (error) {
            notifyError(error, 'Could not overwrite');
          } finally {
            setNewer(null);
          }
        }}
      />
    </>
  );
}
