import { Card, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { SectionCard } from '../../../components/detail/SectionCard';
import { FormActions } from '../../../components/forms/FormActions';
import { FormError } from '../../../components/forms/FormError';
import { RemoteSelect } from '../../../components/forms/RemoteSelect';
import { type EditableLine, emptyLine, LineGrid } from '../../../components/priced-lines/LineGrid';
import { type Quote, type QuoteInput, quoteKeys, searchCustomers, searchPricedMethods } from '../api';

export interface QuoteFormValues {
  rfq_id: string | null;
  customer_id: string | null;
  title: string;
  tax_rate: string;
  currency: string;
  valid_until: string | null;
  notes: string;
  lines: EditableLine[];
}

export const QUOTE_FIELDS = [
  { key: 'title', label: 'Title' },
  { key: 'lines', label: 'Lines' },
  { key: 'tax_rate', label: 'Tax rate' },
  { key: 'currency', label: 'Currency' },
  { key: 'valid_until', label: 'Valid until' },
  { key: 'notes', label: 'Notes' },
];

export function toFormValues(quote?: Quote, start: Partial<QuoteFormValues> = {}): QuoteFormValues {
  return {
    rfq_id: quote?.rfq_id ?? null,
    customer_id: quote?.customer_id ?? null,
    title: quote?.title ?? '',
    tax_rate: quote ? quote.tax_rate.replace(/\.?0+$/, '') : '0',
    currency: quote?.currency ?? 'USD',
    valid_until: quote?.valid_until ?? null,
    notes: quote?.notes ?? '',
    lines: quote
      ? quote.lines.map((l) => ({
          method_id: l.method_id,
          description: l.description,
          quantity: l.quantity,
          unit_price: l.unit_price,
          discount_pct: l.discount_pct === '0.00' ? '' : l.discount_pct,
        }))
      : [emptyLine()],
    ...start,
  };
}

/** Form values → the API body. Figures go as the decimal strings typed; the server prices them. */
export function toInput(values: QuoteFormValues): QuoteInput {
  return {
    ...(values.rfq_id ? { rfq_id: values.rfq_id } : { customer_id: values.customer_id }),
    title: values.title.trim() || null,
    tax_rate: values.tax_rate.trim() || '0',
    currency: values.currency.trim().toUpperCase() || null,
    valid_until: values.valid_until,
    notes: values.notes.trim() || null,
    lines: values.lines.map((l) => ({
      method_id: l.method_id,
      description: l.description.trim() || undefined,
      quantity: l.quantity.trim(),
      ...(l.unit_price.trim() ? { unit_price: l.unit_price.trim() } : {}),
      ...(l.discount_pct.trim() ? { discount_pct: l.discount_pct.trim() } : {}),
    })),
  };
}

export function useQuoteForm(quote?: Quote, start?: Partial<QuoteFormValues>) {
  return useForm<QuoteFormValues>({
    initialValues: toFormValues(quote, start),
    validate: {
      customer_id: (v, values) => (values.rfq_id || v ? null : 'Choose the customer'),
      lines: {
        quantity: (v) => (/^\d+(\.\d{1,4})?$/.test(v.trim()) && Number(v) > 0 ? null : 'A quantity above 0'),
        unit_price: (v, values, path) => {
          const line = values.lines[Number(path.split('.')[1])];
          if (!v.trim()) return line?.method_id ? null : 'A price, or pick a method';
          return /^\d+(\.\d{1,4})?$/.test(v.trim()) ? null : 'A price like 19.99';
        },
      },
    },
  });
}

export type QuoteFormApi = ReturnType<typeof useQuoteForm>;

/** The quote editor: heading fields and the line grid with live totals. */
export function QuoteForm({
  form,
  fixedCustomer,
  onSubmit,
  pending,
  formError,
  submitLabel,
  onCancel,
}: {
  form: QuoteFormApi;
  /** Who the quote is for when that is settled (made from an RFQ, or being edited). */
  fixedCustomer?: string;
  onSubmit: (event?: React.FormEvent<HTMLFormElement>) => void;
  pending: boolean;
  formError: string | null;
  submitLabel: string;
  onCancel: () => void;
}) {
  const values = form.getValues();
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={1200}>
        <FormError message={formError} />
        <Card withBorder padding="lg">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {fixedCustomer ? (
              <TextInput label="For" value={fixedCustomer} readOnly variant="filled" />
            ) : (
              <RemoteSelect
                label="Customer"
                required
                source={{ queryKey: quoteKeys.options('customers'), search: searchCustomers }}
                value={values.customer_id}
                onChange={(v) => form.setFieldValue('customer_id', v)}
                error={form.errors.customer_id}
              />
            )}
            <TextInput label="Title" {...form.getInputProps('title')} key={form.key('title')} />
          </SimpleGrid>
        </Card>
        <SectionCard title="Lines" titleGap="sm">
          <LineGrid
            form={form as never}
            taxRate={values.tax_rate}
            currency={values.currency}
            searchMethods={searchPricedMethods}
            methodsKey={quoteKeys.options('methods')}
          />
        </SectionCard>
        <Card withBorder padding="lg">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label="Tax rate %"
              inputMode="decimal"
              {...form.getInputProps('tax_rate')}
              key={form.key('tax_rate')}
            />
            <TextInput
              label="Currency"
              maxLength={3}
              {...form.getInputProps('currency')}
              key={form.key('currency')}
            />
            <DatePickerInput
              label="Valid until"
              description="30 days from today when left empty"
              clearable
              valueFormat="YYYY-MM-DD"
              {...form.getInputProps('valid_until')}
              key={form.key('valid_until')}
            />
          </SimpleGrid>
          <Textarea
            mt="md"
            label="Notes (printed on the quote)"
            autosize
            minRows={2}
            {...form.getInputProps('notes')}
            key={form.key('notes')}
          />
        </Card>
        <FormActions submitLabel={submitLabel} pending={pending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
