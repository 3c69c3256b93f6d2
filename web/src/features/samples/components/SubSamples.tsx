import { Anchor, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { SectionCard } from '../../../components/detail/SectionCard';
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
    <SectionCard title="Partitions" titleGap="sm">
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
    </SectionCard>
  );
}
