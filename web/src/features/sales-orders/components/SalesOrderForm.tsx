import { Card, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { SectionCard } from '../../../components/detail/SectionCard';
import { FormActions } from '../../../components/forms/FormActions';
import { FormError } from '../../../components/forms/FormError';
import { RemoteSelect } from '../../../components/forms/RemoteSelect';
import { type EditableLine, emptyLine, LineGrid } from '../../../components/priced-lines/LineGrid';
import {
  type SalesOrderInput,
  salesOrderKeys,
  searchCustomers,
  searchPricedMethods,
  searchProjects,
} from '../api';

export interface SalesOrderFormValues {
  customer_id: string | null;
  project_id: string | null;
  order_date: string | null;
  tax_rate: string;
  currency: string;
  notes: string;
  lines: EditableLine[];
}

export function toInput(values: SalesOrderFormValues): SalesOrderInput {
  return {
    customer_id: values.customer_id ?? '',
    project_id: values.project_id,
    order_date: values.order_date,
    tax_rate: values.tax_rate.trim() || '0',
    currency: values.currency.trim().toUpperCase() || null,
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

export function useSalesOrderForm() {
  return useForm<SalesOrderFormValues>({
    initialValues: {
      customer_id: null,
      project_id: null,
      order_date: null,
      tax_rate: '0',
      currency: 'USD',
      notes: '',
      lines: [emptyLine()],
    },
    validate: {
      customer_id: (v) => (v ? null : 'Choose the customer'),
      lines: {
        quantity: (v) => (/^\d+(\.\d{1,4})?$/.test(v.trim()) && Number(v) > 0 ? null : 'A quantity above 0'),
      },
    },
  });
}

export function SalesOrderForm({
  form,
  onSubmit,
  pending,
  formError,
  onCancel,
}: {
  form: ReturnType<typeof useSalesOrderForm>;
  onSubmit: (event?: React.FormEvent<HTMLFormElement>) => void;
  pending: boolean;
  formError: string | null;
  onCancel: () => void;
}) {
  const values = form.getValues();
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={1200}>
        <FormError message={formError} />
        <Card withBorder padding="lg">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <RemoteSelect
              label="Customer"
              required
              source={{ queryKey: salesOrderKeys.options('customers'), search: searchCustomers }}
              value={values.customer_id}
              onChange={(v) => {
                form.setFieldValue('customer_id', v);
                form.setFieldValue('project_id', null);
              }}
              error={form.errors.customer_id}
            />
            <RemoteSelect
              label="Project"
              clearable
              disabled={!values.customer_id}
              placeholder={values.customer_id ? 'None' : 'Choose the customer first'}
              source={{
                queryKey: salesOrderKeys.options(`projects-${values.customer_id}`),
                search: (q) =>
                  values.customer_id ? searchProjects(values.customer_id, q) : Promise.resolve([]),
              }}
              value={values.project_id}
              onChange={(v) => form.setFieldValue('project_id', v)}
              error={form.errors.project_id}
            />
            <DatePickerInput
              label="Order date"
              description="Today when left empty"
              clearable
              valueFormat="YYYY-MM-DD"
              {...form.getInputProps('order_date')}
              key={form.key('order_date')}
            />
          </SimpleGrid>
        </Card>
        <SectionCard title="Lines" titleGap="sm">
          <LineGrid
            form={form as never}
            taxRate={values.tax_rate}
            currency={values.currency}
            searchMethods={searchPricedMethods}
            methodsKey={salesOrderKeys.options('methods')}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }} mt="md">
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
          </SimpleGrid>
          <Textarea
            mt="md"
            label="Notes"
            autosize
            minRows={2}
            {...form.getInputProps('notes')}
            key={form.key('notes')}
          />
        </SectionCard>
        <FormActions submitLabel="Create sales order" pending={pending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
