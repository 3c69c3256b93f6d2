import { Anchor, Button, Group, Skeleton, Table, Text } from '@mantine/core';
import { IconPlus, IconTable } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { SectionCard } from '../../../components/detail/SectionCard';
import { formatDate } from '../../../lib/format';
import { type Trf, trfKeys, trfSamples } from '../api';

/** The samples registered against a request, and (for the lab) the ways to register more. */
export function TrfSamplesCard({
  trf,
  portal,
  canRegister,
}: {
  trf: Trf;
  portal: boolean;
  canRegister: boolean;
}) {
  const samples = useQuery({
    queryKey: [...trfKeys.detail(trf.id), 'samples', trf.sample_count],
    queryFn: () => trfSamples(trf.id),
  });
  const query = `project_id=${trf.project_id}&trf_id=${trf.id}`;
  return (
    <SectionCard
      title="Samples"
      titleGap="sm"
      actions={
        canRegister &&
        !trf.archived_at && (
          <Group gap="xs">
            <Button
              size="xs"
              variant="light"
              component={Link}
              to={`/samples/new?${query}`}
              leftSection={<IconPlus size={14} aria-hidden />}
            >
              Register sample
            </Button>
            <Button
              size="xs"
              variant="default"
              component={Link}
              to={`/samples/bulk?${query}`}
              leftSection={<IconTable size={14} aria-hidden />}
            >
              Bulk registration
            </Button>
          </Group>
        )
      }
    >
      {samples.isLoading ? (
        <Skeleton h={60} />
      ) : !samples.data?.items.length ? (
        <Text size="sm" c="dimmed">
          {portal
            ? 'The laboratory has not registered samples for this request yet.'
            : 'No samples registered yet.'}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={500}>
          <Table data-testid="trf-samples">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Sample</Table.Th>
                <Table.Th>Item</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th>Received</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {samples.data.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Anchor component={Link} to={portal ? `/portal/samples/${s.id}` : `/samples/${s.id}`}>
                      {s.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{s.trf_item_no ?? '—'}</Table.Td>
                  <Table.Td>{s.description}</Table.Td>
                  <Table.Td>{formatDate(s.received_date)}</Table.Td>
                  <Table.Td>{s.status.replace(/_/g, ' ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SectionCard>
  );
}
