import {
  ActionIcon,
  Button,
  Group,
  NativeSelect,
  Select,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useRef } from 'react';
import { focusRow, rowEnterKey } from '../../../components/forms/editableRows';
import type { CatalogueMethod } from '../api';
import { BOUND_LABELS, BOUNDS, emptyLimit } from './limits';
import type { SpecificationFormApi } from './specificationForm';

/**
 * The limits of a specification as editable rows. A row may be tied to a catalogue method, whose
 * parameters it then picks from (unit and kind follow the parameter). Tab walks the cells, Enter
 * goes to the next row (adding one at the end); errors, the client's or the API's, sit on their cell.
 */
export function LimitsEditor({ form, methods }: { form: SpecificationFormApi; methods: CatalogueMethod[] }) {
  const container = useRef<HTMLDivElement>(null);
  const rows = form.getValues().limits;
  const byId = new Map(methods.map((m) => [m.id, m]));
  // the cell shows the code; the dropdown also shows the title
  const methodOptions = methods.map((m) => ({ value: m.id, label: m.code }));
  // a limit tied to a method that left the active catalogue keeps showing it
  for (const id of new Set(rows.map((r) => r.method_id))) {
    if (id && !byId.has(id)) methodOptions.push({ value: id, label: `Method …${id.slice(-6)} (inactive)` });
  }
  const add = () => form.insertListItem('limits', emptyLimit());

  const pickParameter = (i: number, methodId: string | null, name: string) => {
    form.setFieldValue(`limits.${i}.parameter`, name);
    const param = methodId ? byId.get(methodId)?.parameters.find((p) => p.name === name) : undefined;
    if (!param) return;
    form.setFieldValue(`limits.${i}.unit`, param.unit ?? '');
    form.setFieldValue(`limits.${i}.kind`, param.kind === 'text' ? 'text' : 'range');
  };

  return (
    <div ref={container}>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed" mb="sm">
          No limits yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={1000}>
          <Table verticalSpacing={4} data-testid="limits-editor">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={200}>Method (optional)</Table.Th>
                <Table.Th miw={160}>Parameter</Table.Th>
                <Table.Th w={90}>Unit</Table.Th>
                <Table.Th w={116}>Kind</Table.Th>
                {BOUNDS.map((bound) => (
                  <Table.Th key={bound} w={96}>
                    {BOUND_LABELS[bound]}
                  </Table.Th>
                ))}
                <Table.Th w={44}>
                  <VisuallyHidden>Remove</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, i) => {
                const n = i + 1;
                const onKeyDown = rowEnterKey({
                  container: () => container.current,
                  index: i,
                  count: rows.length,
                  addRow: add,
                });
                const method = row.method_id ? byId.get(row.method_id) : undefined;
                return (
                  <Table.Tr key={form.key(`limits.${i}`)} data-row={i} data-testid="limit-row">
                    <Table.Td>
                      <Select
                        aria-label={`Limit ${n} method`}
                        placeholder="Any method"
                        data={methodOptions}
                        searchable
                        clearable
                        renderOption={({ option }) => (
                          <div>
                            <Text size="sm">{option.label}</Text>
                            <Text size="xs" c="dimmed">
                              {byId.get(option.value)?.title}
                            </Text>
                          </div>
                        )}
                        data-row-start
                        onKeyDown={onKeyDown}
                        {...form.getInputProps(`limits.${i}.method_id`)}
                        onChange={(value) => {
                          form.setFieldValue(`limits.${i}.method_id`, value);
                          if (value) pickParameter(i, value, row.parameter);
                        }}
                      />
                    </Table.Td>
                    <Table.Td>
                      {method ? (
                        <Select
                          aria-label={`Limit ${n} parameter`}
                          data={method.parameters.map((p) => p.name)}
                          searchable
                          onKeyDown={onKeyDown}
                          {...form.getInputProps(`limits.${i}.parameter`)}
                          onChange={(value) => pickParameter(i, row.method_id, value ?? '')}
                        />
                      ) : (
                        <TextInput
                          aria-label={`Limit ${n} parameter`}
                          placeholder="e.g. pH"
                          onKeyDown={onKeyDown}
                          {...form.getInputProps(`limits.${i}.parameter`)}
                        />
                      )}
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Limit ${n} unit`}
                        // a method-bound limit is in the method's unit
                        readOnly={Boolean(method)}
                        title={method ? "The method parameter's unit" : undefined}
                        onKeyDown={onKeyDown}
                        {...form.getInputProps(`limits.${i}.unit`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NativeSelect
                        aria-label={`Limit ${n} kind`}
                        data={[
                          { value: 'range', label: 'Range' },
                          { value: 'text', label: 'Text' },
                        ]}
                        onKeyDown={onKeyDown}
                        {...form.getInputProps(`limits.${i}.kind`)}
                      />
                    </Table.Td>
                    {row.kind === 'text' ? (
                      <Table.Td colSpan={BOUNDS.length}>
                        <TextInput
                          aria-label={`Limit ${n} expected text`}
                          placeholder="Expected value, e.g. absent"
                          onKeyDown={onKeyDown}
                          {...form.getInputProps(`limits.${i}.expected_text`)}
                        />
                      </Table.Td>
                    ) : (
                      BOUNDS.map((bound) => (
                        <Table.Td key={bound}>
                          <TextInput
                            aria-label={`Limit ${n} ${BOUND_LABELS[bound].toLowerCase()}`}
                            inputMode="decimal"
                            onKeyDown={onKeyDown}
                            {...form.getInputProps(`limits.${i}.${bound}`)}
                          />
                        </Table.Td>
                      ))
                    )}
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        size="lg"
                        aria-label={`Remove limit ${n}${row.parameter ? ` (${row.parameter})` : ''}`}
                        onClick={() => {
                          form.removeListItem('limits', i);
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
      {form.errors.limits && (
        <Text size="sm" c="red" mt="xs" role="alert">
          {form.errors.limits}
        </Text>
      )}
      <Group mt="xs" justify="space-between">
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => {
            add();
            focusRow(container.current, rows.length);
          }}
        >
          Add limit
        </Button>
        <Text size="xs" c="dimmed">
          Range: min ≤ warn below ≤ warn above ≤ max; leave a side open by leaving it empty. Enter moves to
          the next row.
        </Text>
      </Group>
    </div>
  );
}
