import { Anchor, Skeleton, Table, Text, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import { QueryError } from '../../../components/ui/QueryState';
import { formatDate } from '../../../lib/format';
import { type Specification, useRevisions } from '../api';
import { RevisionBadge } from './SpecificationsTable';

/** Every revision of the specification, newest first; the one on screen is marked. */
export function RevisionsList({ spec }: { spec: Specification }) {
  const revisions = useRevisions(spec.id, spec.version);
  if (revisions.isLoading) return <Skeleton h={80} />;
  if (revisions.error) return <QueryError error={revisions.error} onRetry={() => revisions.refetch()} />;
  return (
    <Table data-testid="revisions">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Rev.</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Written</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {(revisions.data?.items ?? []).map((r) => (
          <Table.Tr
            key={r.id}
            aria-current={r.id === spec.id ? 'page' : undefined}
            bg={r.id === spec.id ? 'var(--mantine-color-blue-light)' : undefined}
          >
            <Table.Td>
              {r.id === spec.id ? (
                <Text fw={700} size="sm">
                  {r.revision}
                  <VisuallyHidden> (this page)</VisuallyHidden>
                </Text>
              ) : (
                <Anchor
                  component={Link}
                  to={`/specifications/${r.id}`}
                  size="sm"
                  aria-label={`Revision ${r.revision}`}
                >
                  {r.revision}
                </Anchor>
              )}
            </Table.Td>
            <Table.Td>
              <RevisionBadge spec={r} />
            </Table.Td>
            <Table.Td>
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                {formatDate(r.created_at)}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
