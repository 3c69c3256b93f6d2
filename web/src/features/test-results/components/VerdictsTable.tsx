import { Table, Text } from '@mantine/core';
import { VerdictChip } from '../../../components/ui/VerdictChip';
import type { SpecVerdict } from '../api';

/** "4.0 … 12.0", "≥ 4.0", "≤ 12.0" or the expected text, with the warning band when there is one. */
function limitText(limit: SpecVerdict['limit']): string {
  if (!limit) return '—';
  if (limit.expected_text) return `= "${limit.expected_text}"`;
  const unit = limit.unit ? ` ${limit.unit}` : '';
  const range =
    limit.min && limit.max
      ? `${limit.min} … ${limit.max}`
      : limit.min
        ? `≥ ${limit.min}`
        : limit.max
          ? `≤ ${limit.max}`
          : 'no bound';
  const warn =
    limit.warn_min || limit.warn_max
      ? ` (warning outside ${limit.warn_min ?? '−∞'} … ${limit.warn_max ?? '+∞'})`
      : '';
  return `${range}${unit}${warn}`;
}

/** One row per specification the result was judged against: the limit used, the rule, the reason. */
export function VerdictsTable({ verdicts }: { verdicts: SpecVerdict[] }) {
  if (!verdicts.length)
    return (
      <Text size="sm" c="dimmed">
        None of the plan’s specifications has a limit for this parameter, so no verdict was given.
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table data-testid="verdicts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Specification</Table.Th>
            <Table.Th>Limit</Table.Th>
            <Table.Th>Rule</Table.Th>
            <Table.Th>Verdict</Table.Th>
            <Table.Th>Why</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {verdicts.map((v) => (
            <Table.Tr key={v.specification_id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {v.specification_code ?? v.specification_id.slice(-8)}
                </Text>
                <Text size="xs" c="dimmed">
                  {v.specification_name}
                </Text>
              </Table.Td>
              <Table.Td>{limitText(v.limit)}</Table.Td>
              <Table.Td>{v.rule === 'guarded' ? 'Guarded' : 'Simple'}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <VerdictChip verdict={v.verdict} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{v.reason}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
