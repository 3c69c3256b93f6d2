import { ActionIcon, Button, Group, Kbd, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { type KeyboardEvent, type ReactNode, useRef } from 'react';
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

/** The figures a line is totalled from; a line without a discount is totalled at 0 %. */
interface PricedFigures {
  quantity: string;
  unit_price: string;
  discount_pct?: string;
}

/** The few form methods the grid needs (a Mantine form whose values have `lines`). */
interface LinesForm<L> {
  getValues(): { lines: L[] };
  getInputProps(path: string): Record<string, unknown>;
  key(path: string): string;
  setFieldValue(path: string, value: unknown): void;
  insertListItem(path: string, item: unknown): void;
  removeListItem(path: string, index: number): void;
  errors: Record<string, unknown>;
}

/**
 * One column of a line grid: by default a text cell bound to `field`, named "Line n <field>" (its
 * underscore read as a space). The first column's cell is where Enter lands on the next line: a
 * text cell gets `data-row-start` from the grid, a cell of one's own (`render`) must carry it.
 */
export interface LineColumn<L> {
  field: keyof L & string;
  header: string;
  width?: number;
  placeholder?: string;
  /** a figure: the cell asks for the decimal keyboard */
  decimal?: boolean;
  render?: (index: number, line: L) => ReactNode;
}

interface GridBase<L> {
  form: LinesForm<L>;
  taxRate: string;
  currency: string;
}

/** The priced-method lines of a quote or a sales order: the catalogue is searched by `searchMethods`. */
interface MethodLinesProps extends GridBase<EditableLine> {
  searchMethods: (q: string) => Promise<PricedMethodOption[]>;
  methodsKey: readonly unknown[];
}

/** Lines of other columns (a purchase order's): `newLine` is the line Enter and "Add line" add. */
export interface ColumnLinesProps<L extends PricedFigures> extends GridBase<L> {
  columns: LineColumn<L>[];
  newLine: () => L;
  minWidth?: number;
  /** put before the test ids (line-grid, line-total-n, draft-totals, draft-total) */
  testIdPrefix?: string;
}

/**
 * The lines editor of a quote or an order, keyboard first: Enter moves to the next line (adding one
 * at the end), Ctrl+Delete removes the line the cursor is in. With `searchMethods` the lines are
 * priced catalogue methods (picking one fills the description and the default price); with
 * `columns` they are whatever those columns edit. Totals update as you type, computed exactly
 * (lib/money.ts); the server prices the lines again on save and its figures are the ones kept.
 */
export function LineGrid<L extends PricedFigures>(props: MethodLinesProps | ColumnLinesProps<L>) {
  const picked = useRef(new Map<string, PricedMethodOption>());
  if ('columns' in props) return <ColumnLineGrid {...props} />;
  return <ColumnLineGrid {...methodLines(props, picked.current)} />;
}

/** The method, description, quantity, unit price and discount columns of priced lines. */
function methodLines(
  { form, searchMethods, methodsKey, ...rest }: MethodLinesProps,
  picked: Map<string, PricedMethodOption>,
): ColumnLinesProps<EditableLine> {
  const search = async (q: string) => {
    const found = await searchMethods(q);
    for (const option of found) picked.set(option.value, option);
    return found;
  };
  const method = (i: number, line: EditableLine) => (
    <RemoteSelect
      data-row-start
      aria-label={`Line ${i + 1} method`}
      placeholder="Free line"
      clearable
      source={{
        queryKey: methodsKey,
        search,
        known: line.method_id ? [{ value: line.method_id, label: line.description || 'Method' }] : [],
      }}
      value={line.method_id}
      onChange={(id) => {
        form.setFieldValue(`lines.${i}.method_id`, id);
        const chosen = id ? picked.get(id) : undefined;
        if (!chosen) return;
        form.setFieldValue(`lines.${i}.description`, chosen.description);
        if (chosen.unit_price) form.setFieldValue(`lines.${i}.unit_price`, chosen.unit_price);
      }}
      error={form.errors[`lines.${i}.method_id`] as string | undefined}
    />
  );
  return {
    ...rest,
    form,
    newLine: emptyLine,
    minWidth: 860,
    columns: [
      { field: 'method_id', header: 'Method', width: 220, render: method },
      { field: 'description', header: 'Description', placeholder: 'What is done' },
      { field: 'quantity', header: 'Qty', width: 90, decimal: true },
      { field: 'unit_price', header: 'Unit price', width: 120, decimal: true, placeholder: '0.00' },
      { field: 'discount_pct', header: 'Disc. %', width: 90, decimal: true, placeholder: '0' },
    ],
  };
}

function ColumnLineGrid<L extends PricedFigures>({
  form,
  taxRate,
  currency,
  columns,
  newLine,
  minWidth = 860,
  testIdPrefix = '',
}: ColumnLinesProps<L>) {
  const lines = form.getValues().lines;
  const container = useRef<HTMLTableSectionElement>(null);
  const totals = draftTotals(
    lines.map((l) => ({
      quantity: l.quantity,
      unit_price: l.unit_price,
      discount_pct: l.discount_pct ?? '',
    })),
    taxRate,
  );
  const addRow = () => form.insertListItem('lines', newLine());
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
  const cell = (index: number, line: L, column: LineColumn<L>, first: boolean) =>
    column.render ? (
      column.render(index, line)
    ) : (
      <TextInput
        data-row-start={first || undefined}
        key={form.key(`lines.${index}.${column.field}`)}
        {...form.getInputProps(`lines.${index}.${column.field}`)}
        aria-label={`Line ${index + 1} ${column.field.replace('_', ' ')}`}
        inputMode={column.decimal ? 'decimal' : undefined}
        placeholder={column.placeholder}
      />
    );

  return (
    <>
      <Table.ScrollContainer minWidth={minWidth}>
        <Table verticalSpacing={4} data-testid={`${testIdPrefix}line-grid`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={32}>#</Table.Th>
              {columns.map((column) => (
                <Table.Th key={column.field} w={column.width}>
                  {column.header}
                </Table.Th>
              ))}
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
                {columns.map((column, c) => (
                  <Table.Td key={column.field}>{cell(i, line, column, c === 0)}</Table.Td>
                ))}
                <Table.Td ta="right">
                  <Text size="sm" ff="monospace" data-testid={`${testIdPrefix}line-total-${i}`}>
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
        <DraftTotals totals={totals} currency={currency} taxRate={taxRate} testIdPrefix={testIdPrefix} />
      </Group>
    </>
  );
}

function DraftTotals({
  totals,
  currency,
  taxRate,
  testIdPrefix,
}: {
  totals: ReturnType<typeof draftTotals>;
  currency: string;
  taxRate: string;
  testIdPrefix: string;
}) {
  return (
    <Table w={300} withRowBorders={false} verticalSpacing={2} data-testid={`${testIdPrefix}draft-totals`}>
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
          <Table.Td ta="right" ff="monospace" fw={700} data-testid={`${testIdPrefix}draft-total`}>
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
