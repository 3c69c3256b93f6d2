import { Anchor, Group, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import type { TestExecution } from '../api';
import { ExecutionActions } from './ExecutionActions';
import { ExecutionStatusBadge } from './ExecutionStatusBadge';

/** A plan's (or a sample's) executions, each with its progress and the actions allowed now. */
export function ExecutionsList({
  executions,
  onChanged,
  showPlan = false,
}: {
  executions: TestExecution[];
  onChanged: () => void;
  showPlan?: boolean;
}) {
  if (!executions.length)
    return (
      <Text c="dimmed" size="sm">
        No executions.
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table data-testid="executions" verticalSpacing="xs" style={{ whiteSpace: 'nowrap' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Sample</Table.Th>
            {showPlan && <Table.Th>Plan</Table.Th>}
            <Table.Th>Status</Table.Th>
            <Table.Th>Results</Table.Th>
            <Table.Th>Engineer</Table.Th>
            <Table.Th>Started</Table.Th>
            <Table.Th>Completed</Table.Th>
            <Table.Th aria-label="Actions" />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {executions.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>
                <Anchor component={Link} to={`/test-executions/${e.id}`} ff="monospace" size="sm">
                  {e.sample_number}
                </Anchor>
              </Table.Td>
              {showPlan && (
                <Table.Td>
                  <Anchor component={Link} to={`/test-plans/${e.plan_id}`} size="sm">
                    {e.plan_name || e.method_code}
                  </Anchor>
                </Table.Td>
              )}
              <Table.Td>
                <ExecutionStatusBadge status={e.status} />
                {e.abort_reason && (
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'normal' }} maw={220}>
                    {e.abort_reason}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {e.result_count} / {e.parameter_count}
                </Text>
              </Table.Td>
              <Table.Td>{e.engineer_name ?? '—'}</Table.Td>
              <Table.Td>{formatDateTime(e.started_at)}</Table.Td>
              <Table.Td>{formatDateTime(e.completed_at)}</Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <ExecutionActions execution={e} label={e.sample_number} size="xs" onDone={onChanged} />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
