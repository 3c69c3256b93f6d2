import {
  ActionIcon,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useRef } from 'react';
import { focusRow, rowEnterKey } from '../../../components/forms/editableRows';
import { emptyParameter, type MethodFormApi } from './methodForm';

/**
 * The parameters a method measures, as editable rows: Tab walks the cells, Enter goes to the next
 * row (adding one at the end), each row has its own remove button.
 */
export function ParametersEditor({ form }: { form: MethodFormApi }) {
  const container = useRef<HTMLDivElement>(null);
  const rows = form.getValues().parameters;
  const add = () => form.insertListItem('parameters', emptyParameter());
  return (
    <div ref={container}>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed" mb="sm">
          No parameters yet: add what the bench enters a value for.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={620}>
          <Table verticalSpacing={4} data-testid="parameters-editor">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th w={130}>Unit</Table.Th>
                <Table.Th w={130}>Kind</Table.Th>
                <Table.Th w={110}>Decimals</Table.Th>
                <Table.Th w={44}>
                  <VisuallyHidden>Remove</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, i) => {
                const onKeyDown = rowEnterKey({
                  container: () => container.current,
                  index: i,
                  count: rows.length,
                  addRow: add,
                });
                return (
                  <Table.Tr key={form.key(`parameters.${i}`)} data-row={i}>
                    <Table.Td>
                      <TextInput
                        aria-label={`Parameter ${i + 1} name`}
                        placeholder="e.g. Colour change"
                        data-row-start
                        onKeyDown={onKeyDown}
                        {...form.getInputProps(`parameters.${i}.name`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Parameter ${i + 1} unit`}
                        placeholder="N, %, mg/kg"
                        onKeyDown={onKeyDown}
                        {...form.getInputProps(`parameters.${i}.unit`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NativeSelect
                        aria-label={`Parameter ${i + 1} kind`}
                        data={[
                          { value: 'numeric', label: 'Number' },
                          { value: 'text', label: 'Text' },
                        ]}
                        onKeyDown={onKeyDown}
                        {...form.getInputProps(`parameters.${i}.kind`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={`Parameter ${i + 1} decimals`}
                        min={0}
                        max={6}
                        allowDecimal={false}
                        allowNegative={false}
                        disabled={row.kind === 'text'}
                        onKeyDown={onKeyDown}
                        {...form.getInputProps(`parameters.${i}.decimals`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        size="lg"
                        aria-label={`Remove parameter ${i + 1}${row.name ? ` (${row.name})` : ''}`}
                        onClick={() => {
                          form.removeListItem('parameters', i);
                          focusRow(container.current, Math.min(i, rows.length - 2));
                        }}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group mt="xs">
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => {
            add();
            focusRow(container.current, rows.length);
          }}
        >
          Add parameter
        </Button>
      </Group>
    </div>
  );
}
