import { Card, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { SectionCard } from '../../../components/detail/SectionCard';
import { FormActions } from '../../../components/forms/FormActions';
import { FormError } from '../../../components/forms/FormError';
import { RemoteSelect } from '../../../components/forms/RemoteSelect';
import { type ColumnLinesProps, LineGrid } from '../../../components/priced-lines/LineGrid';
import type { PurchaseOrder, PurchaseOrderInput } from '../api';
import { purchaseOrderKeys, searchSuppliers } from '../api';

/** A purchase-order line as the editor holds it: every figure as typed. `id` keeps a stored line. */
export interface EditablePoLine {
  id?: string;
  item_code: string;
  description: string;
  quantity: string;
  unit: string;
  unit_price: string;
}

export const emptyPoLine = (): EditablePoLine => ({
  item_code: '',
  description: '',
  quantity: '1',
  unit: '',
  unit_price: '',
});

/** The line grid of a purchase order: item code, description, quantity, unit and price, no discount. */
export const PO_LINE_GRID = {
  columns: [
    { field: 'item_code', header: 'Item code', width: 130 },
    { field: 'description', header: 'Description', placeholder: 'What is ordered' },
    { field: 'quantity', header: 'Qty', width: 90, decimal: true },
    { field: 'unit', header: 'Unit', width: 90, placeholder: 'pcs' },
    { field: 'unit_price', header: 'Unit price', width: 120, decimal: true, placeholder: '0.00' },
  ],
  newLine: emptyPoLine,
  minWidth: 820,
  testIdPrefix: 'po-',
} satisfies Omit<ColumnLinesProps<EditablePoLine>, 'form' | 'taxRate' | 'currency'>;

export interface PurchaseOrderFormValues {
  supplier_id: string | null;
  order_date: string | null;
  due_date: string | null;
  tax_rate: string;
  currency: string;
  notes: string;
  lines: EditablePoLine[];
}

export const PURCHASE_ORDER_FIELDS = [
  { key: 'supplier_id', label: 'Supplier' },
  { key: 'order_date', label: 'Order date' },
  { key: 'due_date', label: 'Due date' },
  { key: 'tax_rate', label: 'Tax rate' },
  { key: 'currency', label: 'Currency' },
  { key: 'notes', label: 'Notes' },
  { key: 'lines', label: 'Lines' },
];

export function toFormValues(po?: PurchaseOrder): PurchaseOrderFormValues {
  return {
    supplier_id: po?.supplier_id ?? null,
    order_date: po?.order_date ?? null,
    due_date: po?.due_date ?? null,
    tax_rate: po ? po.tax_rate.replace(/\.?0+$/, '') || '0' : '0',
    currency: po?.currency ?? 'USD',
    notes: po?.notes ?? '',
    lines: po
      ? po.lines.map((l) => ({
          id: l.id,
          item_code: l.item_code ?? '',
          description: l.description,
          quantity: l.quantity,
          unit: l.unit ?? '',
          unit_price: l.unit_price,
        }))
      : [emptyPoLine()],
  };
}

export function toInput(v: PurchaseOrderFormValues): PurchaseOrderInput {
  return {
    supplier_id: v.supplier_id ?? '',
    order_date: v.order_date || null,
    due_date: v.due_date || null,
    tax_rate: v.tax_rate.trim() || '0',
    currency: v.currency.trim().toUpperCase() || null,
    notes: v.notes.trim() || null,
    lines: v.lines.map((l) => ({
      ...(l.id ? { id: l.id } : {}),
      item_code: l.item_code.trim() || null,
      description: l.description.trim(),
      quantity: l.quantity.trim(),
      unit: l.unit.trim() || null,
      unit_price: l.unit_price.trim() || '0',
    })),
  };
}

const DECIMAL = /^\d+(\.\d{1,4})?$/;

export function usePurchaseOrderForm(initial?: PurchaseOrder, preset: Partial<PurchaseOrderFormValues> = {}) {
  return useForm<PurchaseOrderFormValues>({
    initialValues: { ...toFormValues(initial), ...preset },
    validate: {
      supplier_id: (v) => (v ? null : 'Choose the supplier'),
      due_date: (v, values) =>
        v && values.order_date && v < values.order_date
          ? 'The due date cannot be before the order date'
          : null,
      tax_rate: (v) => (!v.trim() || DECIMAL.test(v.trim()) ? null : 'A percentage such as 7.5'),
      lines: {
        description: (v) => (v.trim() ? null : 'Describe the item'),
        quantity: (v) => (DECIMAL.test(v.trim()) && Number(v) > 0 ? null : 'A quantity above 0'),
        unit_price: (v) => (DECIMAL.test(v.trim()) ? null : 'A price such as 19.99'),
      },
    },
  });
}

export function PurchaseOrderForm({
  form,
  onSubmit,
  pending,
  formError,
  submitLabel,
  onCancel,
  supplierLabel,
}: {
  form: ReturnType<typeof usePurchaseOrderForm>;
  onSubmit: (event?: React.FormEvent<HTMLFormElement>) => void;
  pending: boolean;
  formError: string | null;
  submitLabel: string;
  onCancel: () => void;
  /** the chosen supplier's name, when the form opens with one */
  supplierLabel?: string | null;
}) {
  const values = form.getValues();
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={1200}>
        <FormError message={formError} />
        <Card withBorder padding="lg">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <RemoteSelect
              label="Supplier"
              required
              description="Only approved or conditional suppliers can be submitted"
              source={{
                queryKey: purchaseOrderKeys.options('suppliers'),
                search: searchSuppliers,
                known:
                  values.supplier_id && supplierLabel
                    ? [{ value: values.supplier_id, label: supplierLabel }]
                    : [],
              }}
              value={values.supplier_id}
              onChange={(v) => form.setFieldValue('supplier_id', v)}
              error={form.errors.supplier_id}
            />
            <DatePickerInput
              label="Order date"
              description="Today when left empty"
              clearable
              valueFormat="YYYY-MM-DD"
              {...form.getInputProps('order_date')}
              key={form.key('order_date')}
            />
            <DatePickerInput
              label="Due date"
              clearable
              valueFormat="YYYY-MM-DD"
              {...form.getInputProps('due_date')}
              key={form.key('due_date')}
            />
          </SimpleGrid>
        </Card>
        <SectionCard title="Lines" titleGap="sm">
          <LineGrid
            {...PO_LINE_GRID}
            form={form as never}
            taxRate={values.tax_rate}
            currency={values.currency}
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
        <FormActions submitLabel={submitLabel} pending={pending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
