import { Anchor, Card, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { QueryError } from '../../../components/ui/QueryState';
import { formatDate } from '../../../lib/format';
import { useOverdueActions } from '../api';

/** Open CAPA actions past their due date, across NCRs: shown only when there are some. */
export function OverdueActions() {
  const overdue = useOverdueActions();
  if (overdue.error) return <QueryError error={overdue.error} what="overdue actions" />;
  const items = overdue.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Card withBorder padding="lg" mb="md" style={{ borderColor: 'var(--mantine-color-red-4)' }}>
      <Title order={2} fz="h4" c="red" mb="sm">
        {overdue.data?.total ?? items.length} overdue CAPA action{items.length === 1 ? '' : 's'}
      </Title>
      <Table data-testid="overdue-actions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>NCR</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th>Due</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>
                <Anchor component={Link} to={`/ncrs/${a.ncr_id}`}>
                  {a.ncr_number}
                </Anchor>
              </Table.Td>
              <Table.Td>{a.description}</Table.Td>
              <Table.Td>{a.owner_name ?? '—'}</Table.Td>
              <Table.Td>
                <Text c="red" size="sm" fw={600}>
                  {formatDate(a.due_date)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
