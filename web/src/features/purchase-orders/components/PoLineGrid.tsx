import { ActionIcon, Button, Group, Kbd, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { type KeyboardEvent, useRef } from 'react';
import { focusRow, rowEnterKey } from '../../../components/forms/editableRows';
import { draftTotals, formatMoney } from '../../../lib/money';

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

interface LinesForm {
  getValues(): { lines: EditablePoLine[] };
  getInputProps(path: string): Record<string, unknown>;
  key(path: string): string;
  insertListItem(path: string, item: unknown): void;
  removeListItem(path: string, index: number): void;
}

/**
 * The purchase-order lines editor, keyboard first like the priced-lines grid (Enter: next line,
 * Ctrl+Delete: remove line), with exact live totals from lib/money.ts (half-up per line, tax once
 * per order). The server prices again on save; its figures are kept.
 */
export function PoLineGrid({
  form,
  taxRate,
  currency,
}: {
  form: LinesForm;
  taxRate: string;
  currency: string;
}) {
  const lines = form.getValues().lines;
  const container = useRef<HTMLTableSectionElement>(null);
  const totals = draftTotals(
    lines.map((l) => ({ quantity: l.quantity, unit_price: l.unit_price, discount_pct: '0' })),
    taxRate,
  );
  const addRow = () => form.insertListItem('lines', emptyPoLine());
  const removeRow = (index: number) => {
    form.removeListItem('lines', index);
    focusRow(container.current, Math.max(0, index - 1));
  };
  const keys = (index: number) => {
    const enter = rowEnterKey({ container: () => container.current, index, count: lines.length, addRow });
    return (event: KeyboardEvent<HTMLElement>) => {
      if (event.key === 'Delete' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        removeRow(index);
        return;
      }
      enter(event);
    };
  };
  const cell = (index: number, field: keyof EditablePoLine, label: string) => ({
    ...form.getInputProps(`lines.${index}.${field}`),
    'aria-label': `Line ${index + 1} ${label}`,
  });
  return (
    <>
      <Table.ScrollContainer minWidth={820}>
        <Table verticalSpacing={4} data-testid="po-line-grid">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={32}>#</Table.Th>
              <Table.Th w={130}>Item code</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th w={90}>Qty</Table.Th>
              <Table.Th w={90}>Unit</Table.Th>
              <Table.Th w={120}>Unit price</Table.Th>
              <Table.Th w={120} ta="right">
                Amount
              </Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody ref={container}>
            {lines.map((_, i) => (
              <Table.Tr key={form.key(`lines.${i}`)} data-row={i} onKeyDown={keys(i)}>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {i + 1}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <TextInput
                    data-row-start
                    key={form.key(`lines.${i}.item_code`)}
                    {...cell(i, 'item_code', 'item code')}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    key={form.key(`lines.${i}.description`)}
                    {...cell(i, 'description', 'description')}
                    placeholder="What is ordered"
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    key={form.key(`lines.${i}.quantity`)}
                    {...cell(i, 'quantity', 'quantity')}
                    inputMode="decimal"
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    key={form.key(`lines.${i}.unit`)}
                    {...cell(i, 'unit', 'unit')}
                    placeholder="pcs"
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    key={form.key(`lines.${i}.unit_price`)}
                    {...cell(i, 'unit_price', 'unit price')}
                    inputMode="decimal"
                    placeholder="0.00"
                  />
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" ff="monospace" data-testid={`po-line-total-${i}`}>
                    {totals.lines[i] ?? '…'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove line ${i + 1}`}
                    onClick={() => removeRow(i)}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between" align="flex-start" mt="sm">
        <Group gap="xs">
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => {
              addRow();
              focusRow(container.current, lines.length);
            }}
          >
            Add line
          </Button>
          <Text size="xs" c="dimmed">
            <Kbd size="xs">Enter</Kbd> next line · <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">Delete</Kbd>{' '}
            remove line
          </Text>
        </Group>
        <Table w={300} withRowBorders={false} verticalSpacing={2} data-testid="po-draft-totals">
          <Table.Tbody>
            <Table.Tr>
              <Table.Td>Subtotal</Table.Td>
              <Table.Td ta="right" ff="monospace">
                {formatMoney(totals.subtotal)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>Tax {taxRate || '0'} %</Table.Td>
              <Table.Td ta="right" ff="monospace">
                {formatMoney(totals.tax_amount)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td fw={700}>Total {currency}</Table.Td>
              <Table.Td ta="right" ff="monospace" fw={700} data-testid="po-draft-total">
                {formatMoney(totals.total)}
              </Table.Td>
            </Table.Tr>
            {!totals.complete && (
              <Table.Tr>
                <Table.Td colSpan={2}>
                  <Text size="xs" c="orange">
                    Some figures are not complete yet.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Group>
    </>
  );
}
