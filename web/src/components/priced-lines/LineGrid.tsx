import { ActionIcon, Button, Group, Kbd, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { type KeyboardEvent, useRef } from 'react';
import { draftTotals, formatMoney } from '../../lib/money';
import { focusRow, rowEnterKey } from '../forms/editableRows';
import { type RemoteOption, RemoteSelect } from '../forms/RemoteSelect';

/** A line as the editor holds it: every figure as the text the user typed. */
export interface EditableLine {
  method_id: string | null;
  description: string;
  quantity: string;
  unit_price: string;
  discount_pct: string;
}

/** A catalogue method as a line picks it: its text and default price fill the line. */
export interface PricedMethodOption extends RemoteOption {
  description: string;
  unit_price: string | null;
}

export const emptyLine = (): EditableLine => ({
  method_id: null,
  description: '',
  quantity: '1',
  unit_price: '',
  discount_pct: '',
});

/** The few form methods the grid needs (a Mantine form whose values have `lines`). */
interface LinesForm {
  getValues(): { lines: EditableLine[] };
  getInputProps(path: string): Record<string, unknown>;
  key(path: string): string;
  setFieldValue(path: string, value: unknown): void;
  insertListItem(path: string, item: unknown): void;
  removeListItem(path: string, index: number): void;
  errors: Record<string, unknown>;
}

/**
 * The priced-lines editor of a quote or an order, keyboard first: Enter moves to the next line
 * (adding one at the end), Ctrl+Delete removes the line the cursor is in. Picking a catalogue
 * method fills the description and the default price. Totals update as you type, computed exactly
 * (lib/money.ts); the server prices the lines again on save and its figures are the ones kept.
 */
export function LineGrid({
  form,
  taxRate,
  currency,
  searchMethods,
  methodsKey,
}: {
  form: LinesForm;
  taxRate: string;
  currency: string;
  searchMethods: (q: string) => Promise<PricedMethodOption[]>;
  methodsKey: readonly unknown[];
}) {
  const lines = form.getValues().lines;
  const container = useRef<HTMLTableSectionElement>(null);
  const picked = useRef(new Map<string, PricedMethodOption>());
  const totals = draftTotals(lines, taxRate);
  const addRow = () => form.insertListItem('lines', emptyLine());
  const removeRow = (index: number) => {
    form.removeListItem('lines', index);
    focusRow(container.current, Math.max(0, index - 1));
  };
  const search = async (q: string) => {
    const found = await searchMethods(q);
    for (const option of found) picked.current.set(option.value, option);
    return found;
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
  const cell = (index: number, field: keyof EditableLine) => ({
    ...form.getInputProps(`lines.${index}.${field}`),
    'aria-label': `Line ${index + 1} ${field.replace('_', ' ')}`,
  });

  return (
    <>
      <Table.ScrollContainer minWidth={860}>
        <Table verticalSpacing={4} data-testid="line-grid">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={32}>#</Table.Th>
              <Table.Th w={220}>Method</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th w={90}>Qty</Table.Th>
              <Table.Th w={120}>Unit price</Table.Th>
              <Table.Th w={90}>Disc. %</Table.Th>
              <Table.Th w={120} ta="right">
                Amount
              </Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody ref={container}>
            {lines.map((line, i) => (
              <Table.Tr key={form.key(`lines.${i}`)} data-row={i} onKeyDown={keys(i)}>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {i + 1}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RemoteSelect
                    data-row-start
                    aria-label={`Line ${i + 1} method`}
                    placeholder="Free line"
                    clearable
                    source={{
                      queryKey: methodsKey,
                      search,
                      known: line.method_id
                        ? [{ value: line.method_id, label: line.description || 'Method' }]
                        : [],
                    }}
                    value={line.method_id}
                    onChange={(id) => {
                      form.setFieldValue(`lines.${i}.method_id`, id);
                      const method = id ? picked.current.get(id) : undefined;
                      if (!method) return;
                      form.setFieldValue(`lines.${i}.description`, method.description);
                      if (method.unit_price) form.setFieldValue(`lines.${i}.unit_price`, method.unit_price);
                    }}
                    error={form.errors[`lines.${i}.method_id`] as string | undefined}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    key={form.key(`lines.${i}.description`)}
                    {...cell(i, 'description')}
                    placeholder="What is done"
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    key={form.key(`lines.${i}.quantity`)}
                    {...cell(i, 'quantity')}
                    inputMode="decimal"
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    key={form.key(`lines.${i}.unit_price`)}
                    {...cell(i, 'unit_price')}
                    inputMode="decimal"
                    placeholder="0.00"
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    key={form.key(`lines.${i}.discount_pct`)}
                    {...cell(i, 'discount_pct')}
                    inputMode="decimal"
                    placeholder="0"
                  />
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" ff="monospace" data-testid={`line-total-${i}`}>
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
        <DraftTotals totals={totals} currency={currency} taxRate={taxRate} />
      </Group>
    </>
  );
}

function DraftTotals({
  totals,
  currency,
  taxRate,
}: {
  totals: ReturnType<typeof draftTotals>;
  currency: string;
  taxRate: string;
}) {
  return (
    <Table w={300} withRowBorders={false} verticalSpacing={2} data-testid="draft-totals">
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
          <Table.Td ta="right" ff="monospace" fw={700} data-testid="draft-total">
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
  );
}
