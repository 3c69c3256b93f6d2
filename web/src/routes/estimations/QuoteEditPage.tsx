import { Alert, Skeleton } from '@mantine/core';
import { useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { useRecordEdit } from '../../components/forms/useRecordEdit';
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
  const form = useQuoteForm(quote);
  const edit = useRecordEdit({
    record: quote,
    form,
    replace: replaceQuote,
    toInput: toInput,
    toFormValues,
    query: quoteQuery,
    keys: quoteKeys,
    fields: QUOTE_FIELDS,
    detailPath: (record) => `/quotes/${record.id}`,
    savedMessage: (updated) =>
      `${updated.number} rev ${updated.revision} was saved: total ${updated.total} ${updated.currency}.`,
  });
  return (
    <>
      <PageHeader
        title={`Edit ${quote.number} rev ${quote.revision}`}
        subtitle={`Draft · version ${edit.base.version}`}
      />
      <QuoteForm
        form={form}
        fixedCustomer={
          quote.rfq_number ? `${quote.customer_name} · ${quote.rfq_number}` : quote.customer_name
        }
        onSubmit={edit.onSubmit}
        pending={edit.pending}
        formError={edit.formError}
        submitLabel="Save draft"
        onCancel={edit.cancel}
      />
      {edit.conflictDialog}
    </>
  );
}
