import { Badge, Group, List, Skeleton, Table, Text } from '@mantine/core';
import { QueryError } from '../../../components/ui/QueryState';
import { type Method, useMethodEngineers } from '../api';

/** The parameters a method measures, read-only. */
export function ParametersTable({ parameters }: { parameters: Method['parameters'] }) {
  if (!parameters.length)
    return (
      <Text c="dimmed" size="sm">
        No parameters defined.
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table data-testid="parameters">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Parameter</Table.Th>
            <Table.Th>Unit</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Decimals</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {parameters.map((p) => (
            <Table.Tr key={p.name}>
              <Table.Td>{p.name}</Table.Td>
              <Table.Td>{p.unit ?? '—'}</Table.Td>
              <Table.Td>{p.kind === 'text' ? 'Text' : 'Number'}</Table.Td>
              <Table.Td>{p.decimals ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Who may perform the method, by name; one who lost eligibility is shown as such. */
export function AuthorisedEngineers({ method }: { method: Method }) {
  const engineers = useMethodEngineers(method.id, method.version);
  if (engineers.isLoading) return <Skeleton h={60} />;
  if (engineers.error) return <QueryError error={engineers.error} onRetry={() => engineers.refetch()} />;
  const items = engineers.data?.items ?? [];
  if (!items.length)
    return (
      <Text c="dimmed" size="sm">
        Nobody is authorised yet: no one can start this method at the bench.
      </Text>
    );
  return (
    <List spacing="xs" listStyleType="none" data-testid="authorised-engineers">
      {items.map((e) => (
        <List.Item key={e.id}>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" fw={500}>
              {e.full_name || e.email}
            </Text>
            <Text size="xs" c="dimmed">
              {e.role}
            </Text>
            {!e.eligible && (
              <Badge color="orange" variant="light" size="sm">
                Not eligible now
              </Badge>
            )}
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
