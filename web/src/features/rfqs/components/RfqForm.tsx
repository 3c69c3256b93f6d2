import { Card, NumberInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { SectionCard } from '../../../components/detail/SectionCard';
import { FormActions } from '../../../components/forms/FormActions';
import { FormError } from '../../../components/forms/FormError';
import { RemoteMultiSelect, RemoteSelect } from '../../../components/forms/RemoteSelect';
import { type Rfq, type RfqInput, resolveMethods, rfqKeys, searchCustomers, searchMethods } from '../api';

export interface RfqFormValues {
  customer_id: string | null;
  title: string;
  product_description: string;
  requested_tests: string;
  requested_method_ids: string[];
  quantity: number | string;
  received_date: string | null;
  due_date: string | null;
  notes: string;
}

export const RFQ_FIELDS = [
  { key: 'title', label: 'Title' },
  { key: 'product_description', label: 'Product' },
  { key: 'requested_tests', label: 'Requested tests' },
  { key: 'requested_method_ids', label: 'Methods' },
  { key: 'quantity', label: 'Items' },
  { key: 'received_date', label: 'Received' },
  { key: 'due_date', label: 'Due' },
  { key: 'notes', label: 'Notes' },
];

export function toFormValues(rfq?: Rfq): RfqFormValues {
  return {
    customer_id: rfq?.customer_id ?? null,
    title: rfq?.title ?? '',
    product_description: rfq?.product_description ?? '',
    requested_tests: rfq?.requested_tests ?? '',
    requested_method_ids: rfq?.requested_method_ids ?? [],
    quantity: rfq?.quantity ?? '',
    received_date: rfq?.received_date ?? null,
    due_date: rfq?.due_date ?? null,
    notes: rfq?.notes ?? '',
  };
}

const orNull = (v: string) => (v.trim() ? v.trim() : null);

/** Form values → the API body; a portal customer's company is set by the server. */
export function toInput(values: RfqFormValues, portal: boolean): RfqInput {
  return {
    ...(portal || !values.customer_id ? {} : { customer_id: values.customer_id }),
    title: values.title.trim(),
    product_description: orNull(values.product_description),
    requested_tests: orNull(values.requested_tests),
    requested_method_ids: values.requested_method_ids,
    quantity: values.quantity === '' ? null : Number(values.quantity),
    ...(portal ? {} : { received_date: values.received_date }),
    due_date: values.due_date,
    notes: orNull(values.notes),
  };
}

export function useRfqForm(initial?: Rfq, portal = false) {
  return useForm<RfqFormValues>({
    initialValues: toFormValues(initial),
    validate: {
      customer_id: (v) => (portal || v ? null : 'Choose the customer'),
      title: (v) => (v.trim() ? null : 'Give the request a title'),
      due_date: (v, values) =>
        v && values.received_date && v < values.received_date ? 'Due date is before the received date' : null,
    },
  });
}

export type RfqFormApi = ReturnType<typeof useRfqForm>;

/** The RFQ form: staff choose the customer and the received date; portal customers file their own. */
export function RfqForm({
  form,
  portal,
  lockCustomer,
  onSubmit,
  pending,
  formError,
  submitLabel,
  onCancel,
}: {
  form: RfqFormApi;
  portal: boolean;
  /** Editing: the customer is fixed once the RFQ exists. */
  lockCustomer?: { id: string; name: string };
  onSubmit: (event?: React.FormEvent<HTMLFormElement>) => void;
  pending: boolean;
  formError: string | null;
  submitLabel: string;
  onCancel: () => void;
}) {
  const values = form.getValues();
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={900}>
        <FormError message={formError} />
        <SectionCard title="Request">
          <Stack>
            {!portal && (
              <RemoteSelect
                label="Customer"
                required
                disabled={Boolean(lockCustomer)}
                source={{
                  queryKey: [...rfqKeys.all, 'customer-options'],
                  search: searchCustomers,
                  known: lockCustomer ? [{ value: lockCustomer.id, label: lockCustomer.name }] : [],
                }}
                value={values.customer_id}
                onChange={(v) => form.setFieldValue('customer_id', v)}
                error={form.errors.customer_id}
              />
            )}
            <TextInput label="Title" required {...form.getInputProps('title')} key={form.key('title')} />
            <Textarea
              label="Product"
              description="What the items are: material, construction, colours, end use"
              autosize
              minRows={2}
              {...form.getInputProps('product_description')}
              key={form.key('product_description')}
            />
            <RemoteMultiSelect
              label="Tests from the catalogue"
              source={{
                queryKey: [...rfqKeys.all, 'method-options'],
                search: searchMethods,
                resolve: resolveMethods,
              }}
              value={values.requested_method_ids}
              onChange={(v) => form.setFieldValue('requested_method_ids', v)}
              error={form.errors.requested_method_ids}
            />
            <Textarea
              label="Other tests or standards"
              description="Anything not in the catalogue, or a buyer protocol to follow"
              autosize
              minRows={2}
              {...form.getInputProps('requested_tests')}
              key={form.key('requested_tests')}
            />
          </Stack>
        </SectionCard>
        <Card withBorder padding="lg">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput
              label="Items"
              min={1}
              allowDecimal={false}
              {...form.getInputProps('quantity')}
              key={form.key('quantity')}
            />
            {!portal && (
              <DatePickerInput
                label="Received"
                description="Today when left empty"
                clearable
                valueFormat="YYYY-MM-DD"
                {...form.getInputProps('received_date')}
                key={form.key('received_date')}
              />
            )}
            <DatePickerInput
              label="Results needed by"
              clearable
              valueFormat="YYYY-MM-DD"
              {...form.getInputProps('due_date')}
              key={form.key('due_date')}
            />
          </SimpleGrid>
          <Textarea
            mt="md"
            label="Notes"
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
