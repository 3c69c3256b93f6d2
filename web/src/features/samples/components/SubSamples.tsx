import { Anchor, Card, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { listSamples, type Sample, sampleKeys } from '../api';
import { SampleStatusBadge } from './SampleBadges';

/** The partitions split from a sample (shown only when there are any). */
export function SubSamples({ sample, portal }: { sample: Sample; portal: boolean }) {
  const children = useQuery({
    queryKey: [...sampleKeys.children(sample.id), sample.version],
    queryFn: () => listSamples({ parent_id: sample.id, limit: 100, sort: 'number' }),
  });
  const items = children.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Card withBorder padding="lg">
      <Title order={2} fz="h4" mb="sm">
        Partitions
      </Title>
      <Table data-testid="sub-samples">
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Anchor component={Link} to={`${portal ? '/portal/samples' : '/samples'}/${c.id}`}>
                  {c.number}
                </Anchor>
              </Table.Td>
              <Table.Td>{c.description}</Table.Td>
              <Table.Td>
                <SampleStatusBadge status={c.status} archived={Boolean(c.archived_at)} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
