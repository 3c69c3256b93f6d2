import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import { PageHeader } from '../../components/ui/PageHeader';
import { createRfq, rfqKeys } from '../../features/rfqs/api';
import { RfqForm, toInput, useRfqForm } from '../../features/rfqs/components/RfqForm';
import { notifySuccess } from '../../lib/notify';

/** New RFQ: staff file one for a customer; in the portal (`portal`) a customer files its own. */
export function RfqCreatePage({ portal = false }: { portal?: boolean }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useRfqForm(undefined, portal);
  // One key per form: a double click or a retried request cannot file two RFQs.
  const idempotencyKey = useRef(crypto.randomUUID());
  const back = portal ? '/portal/requests' : '/rfqs';
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => createRfq(toInput(values, portal), idempotencyKey.current),
    {
      onSuccess: (rfq) => {
        void queryClient.invalidateQueries({ queryKey: rfqKeys.all });
        notifySuccess(`${rfq.number} was received.`, portal ? 'Request sent' : 'RFQ created');
        navigate(`${back}/${rfq.id}`);
      },
    },
  );
  return (
    <>
      <PageHeader
        title={portal ? 'Request a quotation' : 'New RFQ'}
        subtitle={portal ? 'The laboratory reviews your request and sends you a quote' : undefined}
      />
      <RfqForm
        form={form}
        portal={portal}
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        submitLabel={portal ? 'Send request' : 'Create RFQ'}
        onCancel={() => navigate(back)}
      />
    </>
  );
}
