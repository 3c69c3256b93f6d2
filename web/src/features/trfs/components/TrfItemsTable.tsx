import { Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { methodOptions, specificationOptions, type TrfItem } from '../api';

/** A request's items with their requested tests (and, for staff, the specifications), read-only. */
export function TrfItemsTable({ items, staff }: { items: TrfItem[]; staff: boolean }) {
  const methodIds = [...new Set(items.flatMap((i) => i.method_ids))];
  const specIds = [...new Set(items.flatMap((i) => i.specification_ids))];
  const methods = useQuery({
    queryKey: [...methodOptions.queryKey, 'labels', methodIds],
    queryFn: () => methodOptions.resolve(methodIds),
    enabled: methodIds.length > 0,
    staleTime: 300_000,
  });
  const specs = useQuery({
    queryKey: [...specificationOptions.queryKey, 'labels', specIds],
    queryFn: () => specificationOptions.resolve(specIds),
    enabled: staff && specIds.length > 0,
    staleTime: 300_000,
  });
  const label = (options: { value: string; label: string }[] | undefined, id: string) =>
    options?.find((o) => o.value === id)?.label ?? '…';
  const chips = (ids: string[], options: { value: string; label: string }[] | undefined) =>
    ids.length ? (
      <Group gap={4}>
        {ids.map((id) => {
          // "CODE · Title": the code on the chip, the whole name on hover
          const [code] = label(options, id).split(' · ');
          return (
            <Tooltip key={id} label={label(options, id)} withArrow>
              <Badge variant="outline" size="sm" radius="sm" style={{ textTransform: 'none' }}>
                {code}
              </Badge>
            </Tooltip>
          );
        })}
      </Group>
    ) : (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table data-testid="trf-items" verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>#</Table.Th>
            <Table.Th>Description</Table.Th>
            <Table.Th>Composition</Table.Th>
            <Table.Th>Colour</Table.Th>
            <Table.Th>Qty</Table.Th>
            <Table.Th>End use</Table.Th>
            <Table.Th>Requested tests</Table.Th>
            {staff && <Table.Th>Specifications</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.item_no}>
              <Table.Td>{item.item_no}</Table.Td>
              <Table.Td>{item.description}</Table.Td>
              <Table.Td>{item.composition ?? '—'}</Table.Td>
              <Table.Td>{item.colour ?? '—'}</Table.Td>
              <Table.Td>{item.quantity ?? '—'}</Table.Td>
              <Table.Td>{item.end_use ?? '—'}</Table.Td>
              <Table.Td>{chips(item.method_ids, methods.data)}</Table.Td>
              {staff && <Table.Td>{chips(item.specification_ids, specs.data)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
