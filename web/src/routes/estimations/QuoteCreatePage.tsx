import { Skeleton } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import type { PricedMethodOption } from '../../components/priced-lines/LineGrid';
import { emptyLine } from '../../components/priced-lines/LineGrid';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import { createQuote, getPricedMethods, quoteKeys } from '../../features/estimations/api';
import { QuoteForm, toInput, useQuoteForm } from '../../features/estimations/components/QuoteForm';
import { type Rfq, useRfq } from '../../features/rfqs/api';
import { notifySuccess } from '../../lib/notify';

/** New quote, usually for an RFQ (`?rfq=<id>`: its customer and title, one line per requested method). */
export function QuoteCreatePage() {
  const [params] = useSearchParams();
  const rfqId = params.get('rfq');
  const rfq = useRfq(rfqId ?? '');
  const requested = rfq.data?.requested_method_ids ?? [];
  const methods = useQuery({
    queryKey: [...quoteKeys.options('requested'), requested],
    queryFn: () => getPricedMethods(requested),
    enabled: requested.length > 0,
  });
  if (!rfqId) return <CreateForm />;
  if (rfq.isLoading || methods.isLoading) return <Skeleton h={400} />;
  if (rfq.error || !rfq.data) return <QueryError error={rfq.error} what="request" />;
  return <CreateForm rfq={rfq.data} methods={methods.data ?? []} />;
}

function CreateForm({ rfq, methods = [] }: { rfq?: Rfq; methods?: PricedMethodOption[] }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // The requested catalogue methods become lines, priced at their defaults.
  const lines = methods.length
    ? methods.map((m) => ({
        ...emptyLine(),
        method_id: m.value,
        description: m.description,
        unit_price: m.unit_price ?? '',
        quantity: String(rfq?.quantity ?? 1),
      }))
    : undefined;
  const form = useQuoteForm(
    undefined,
    rfq ? { rfq_id: rfq.id, title: rfq.title, ...(lines ? { lines } : {}) } : {},
  );
  const idempotencyKey = useRef(crypto.randomUUID());
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => createQuote(toInput(values), idempotencyKey.current),
    {
      onSuccess: (quote) => {
        void queryClient.invalidateQueries({ queryKey: quoteKeys.all });
        notifySuccess(`${quote.number} was saved as a draft.`, 'Quote created');
        navigate(`/quotes/${quote.id}`);
      },
    },
  );
  return (
    <>
      <PageHeader
        title="New quote"
        subtitle={rfq ? `For ${rfq.number} · ${rfq.title}` : 'A quote without an RFQ'}
      />
      <QuoteForm
        form={form}
        fixedCustomer={rfq ? `${rfq.customer_name} · ${rfq.number}` : undefined}
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        submitLabel="Create quote"
        onCancel={() => navigate(rfq ? `/rfqs/${rfq.id}` : '/quotes')}
      />
    </>
  );
}
