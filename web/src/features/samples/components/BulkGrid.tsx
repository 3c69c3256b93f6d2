import { ActionIcon, Button, Group, Paper, Table, Text, Textarea, TextInput } from '@mantine/core';
import { IconClipboard, IconPlus, IconTrash } from '@tabler/icons-react';
import { useRef } from 'react';
import { focusRow, rowEnterKey } from '../../../components/forms/editableRows';
import { BULK_COLUMNS, type BulkKey, type BulkRow, emptyRow, parseSheet, type RowErrors } from './bulkSheet';

const WIDTHS: Record<BulkKey, number> = {
  description: 260,
  trf_item_no: 80,
  condition: 120,
  condition_notes: 200,
  storage_location: 150,
  received_date: 130,
  retention_until: 130,
};

/**
 * The grid of bulk registration: paste rows from a spreadsheet (into the box, or into any cell),
 * correct them in place, and see each row's problems from the API on its own cells.
 */
export function BulkGrid({
  rows,
  onChange,
  errors,
}: {
  rows: BulkRow[];
  onChange: (rows: BulkRow[]) => void;
  errors: RowErrors | null;
}) {
  const container = useRef<HTMLDivElement>(null);
  const setCell = (index: number, key: BulkKey, value: string) =>
    onChange(rows.map((r, i) => (i === index ? { ...r, [key]: value } : r)));
  /** A paste of several cells or lines fills the grid from that row on; a single value is typed. */
  const pasteAt = (index: number, text: string) => {
    const parsed = parseSheet(text);
    const blankTail = rows.slice(index).every((r) => Object.values(r).every((v) => !v));
    onChange([...rows.slice(0, index), ...parsed, ...(blankTail ? [] : rows.slice(index + parsed.length))]);
  };
  const addRow = () => onChange([...rows, emptyRow()]);

  return (
    <>
      <Textarea
        label="Paste from a spreadsheet"
        description="Copy the rows in Excel, LibreOffice or Google Sheets and paste them here. Columns in this order, or any order under a header row: description, TRF item, condition, condition notes, storage location, received date, retain until."
        placeholder="Paste rows here (Ctrl+V)"
        leftSection={<IconClipboard size={16} aria-hidden />}
        minRows={2}
        autosize
        value=""
        onChange={() => {}}
        onPaste={(event) => {
          event.preventDefault();
          const parsed = parseSheet(event.clipboardData.getData('text/plain'));
          const kept = rows.filter((r) => Object.values(r).some(Boolean));
          onChange([...kept, ...parsed]);
        }}
        data-testid="bulk-paste"
      />
      <Paper withBorder style={{ overflowX: 'auto' }} ref={container}>
        <Table verticalSpacing={4} horizontalSpacing={4} data-testid="bulk-grid" miw={1150}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={44}>Row</Table.Th>
              {BULK_COLUMNS.map((c) => (
                <Table.Th key={c.key} w={WIDTHS[c.key]}>
                  {c.label}
                  {c.key === 'description' && ' *'}
                </Table.Th>
              ))}
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, i) => {
              const rowErrors = errors?.cells.get(i);
              return (
                <Table.Tr
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the sheet
                  key={i}
                  data-row={i}
                  data-invalid={rowErrors ? 'true' : undefined}
                  bg={rowErrors ? 'var(--mantine-color-red-light)' : undefined}
                >
                  <Table.Td>
                    <Text size="sm" c="dimmed" ta="right">
                      {i + 1}
                    </Text>
                  </Table.Td>
                  {BULK_COLUMNS.map((c, j) => (
                    <Table.Td key={c.key}>
                      <TextInput
                        size="xs"
                        aria-label={`Row ${i + 1} ${c.label}`}
                        value={row[c.key]}
                        error={rowErrors?.[c.key]}
                        data-row-start={j === 0 ? true : undefined}
                        onChange={(e) => setCell(i, c.key, e.currentTarget.value)}
                        onKeyDown={rowEnterKey({
                          container: () => container.current,
                          index: i,
                          count: rows.length,
                          addRow,
                        })}
                        onPaste={(e) => {
                          const text = e.clipboardData.getData('text/plain');
                          if (!/[\t\n]/.test(text.trim())) return;
                          e.preventDefault();
                          pasteAt(i, text);
                        }}
                      />
                    </Table.Td>
                  ))}
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove row ${i + 1}`}
                      onClick={() =>
                        onChange(rows.length > 1 ? rows.filter((_, k) => k !== i) : [emptyRow()])
                      }
                    >
                      <IconTrash size={14} aria-hidden />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
      <Group>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => {
            addRow();
            focusRow(container.current, rows.length);
          }}
        >
          Add row
        </Button>
      </Group>
    </>
  );
}
