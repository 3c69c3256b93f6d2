import { Alert, Skeleton } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/problem';
import { useSetCrumb } from '../../app/shell/crumbs';
import { ConflictDialog } from '../../components/dialogs/ConflictDialog';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import { type Quote, quoteKeys, quoteQuery, replaceQuote, useQuote } from '../../features/estimations/api';
import {
  QUOTE_FIELDS,
  QuoteForm,
  toFormValues,
  toInput,
  useQuoteForm,
} from '../../features/estimations/components/QuoteForm';
import { notifyError, notifySuccess } from '../../lib/notify';

export function QuoteEditPage() {
  const { id = '' } = useParams();
  const quote = useQuote(id);
  useSetCrumb(quote.data ? `${quote.data.number} rev ${quote.data.revision}` : undefined);
  if (quote.isLoading) return <Skeleton h={400} />;
  if (quote.error || !quote.data) return <QueryError error={quote.error} what="quote" />;
  if (quote.data.status !== 'draft')
    return (
      <Alert color="orange" title="Only drafts can be edited">
        This quote is {quote.data.status}. Revise it to change the offer.
      </Alert>
    );
  return <EditForm quote={quote.data} />;
}

function EditForm({ quote }: { quote: Quote }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useQuoteForm(quote);
  const [version, setVersion] = useState(quote.version);
  const [newer, setNewer] = useState<Quote | null>(null);
  const saved = (updated: Quote) => {
    queryClient.setQueryData(quoteKeys.detail(updated.id), updated);
    void queryClient.invalidateQueries({ queryKey: quoteKeys.all });
    notifySuccess(
      `${updated.number} rev ${updated.revision} was saved: total ${updated.total} ${updated.currency}.`,
    );
    navigate(`/quotes/${updated.id}`);
  };
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => replaceQuote(quote.id, toInput(values), version),
    {
      onSuccess: saved,
      onError: (error) => {
        if (!isApiError(error, 412)) return false;
        void queryClient
          .fetchQuery({ ...quoteQuery(quote.id), staleTime: 0 })
          .then(setNewer)
          .catch(notifyError);
        return true;
      },
    },
  );
  return (
    <>
      <PageHeader
        title={`Edit ${quote.number} rev ${quote.revision}`}
        subtitle={`Draft · version ${version}`}
      />
      <QuoteForm
        form={form}
        fixedCustomer={
          quote.rfq_number ? `${quote.customer_name} · ${quote.rfq_number}` : quote.customer_name
        }
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        submitLabel="Save draft"
        onCancel={() => navigate(`/quotes/${quote.id}`)}
      />
      <ConflictDialog
        opened={newer !== null}
        fields={QUOTE_FIELDS}
        mine={toInput(form.getValues()) as Record<string, unknown>}
        theirs={newer as (Quote & Record<string, unknown>) | null}
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
            saved(await replaceQuote(quote.id, toInput(form.getValues()), newer.version));
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
