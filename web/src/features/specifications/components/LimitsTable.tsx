import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { CatalogueMethod, SpecLimit } from '../api';
import { describeLimit } from './limits';

/** A revision's limits, read-only; a method-bound limit links to its method. */
export function LimitsTable({
  limits,
  methods,
}: {
  limits: readonly SpecLimit[];
  methods: CatalogueMethod[];
}) {
  if (!limits.length)
    return (
      <Text c="dimmed" size="sm">
        No limits in this revision.
      </Text>
    );
  const byId = new Map(methods.map((m) => [m.id, m]));
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table data-testid="limits">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Parameter</Table.Th>
            <Table.Th>Method</Table.Th>
            <Table.Th>Unit</Table.Th>
            <Table.Th>Limit</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {limits.map((l) => {
            const method = l.method_id ? byId.get(l.method_id) : undefined;
            return (
              <Table.Tr key={`${l.method_id ?? '*'}|${l.parameter}`}>
                <Table.Td>{l.parameter}</Table.Td>
                <Table.Td>
                  {l.method_id ? (
                    <Anchor component={Link} to={`/methods/${l.method_id}`} size="sm">
                      {method?.code ?? `…${l.method_id.slice(-6)}`}
                    </Anchor>
                  ) : (
                    <Text size="sm" c="dimmed">
                      any
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{l.unit ?? '—'}</Table.Td>
                <Table.Td>{describeLimit(l)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
