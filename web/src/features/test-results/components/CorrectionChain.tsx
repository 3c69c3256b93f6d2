import { Anchor, Group, Text, Timeline } from '@mantine/core';
import { IconReplace } from '@tabler/icons-react';
import { Link } from 'react-router';
import { QueryError } from '../../../components/ui/QueryState';
import { VerdictChip } from '../../../components/ui/VerdictChip';
import { formatDateTime } from '../../../lib/format';
import { formatValue, type TestResult, useCorrectionChain } from '../api';
import { ResultStatusBadge } from './ResultStatusBadge';

/** Every version of this result, oldest first: each correction with its reason. Both stay visible. */
export function CorrectionChain({ result }: { result: TestResult }) {
  const chain = useCorrectionChain(result);
  if (!result.supersedes_id && !result.superseded_by_id)
    return (
      <Text size="sm" c="dimmed">
        Never corrected.
      </Text>
    );
  if (chain.error) return <QueryError error={chain.error} onRetry={() => chain.refetch()} />;
  const links = chain.data ?? [result];
  return (
    <Timeline active={links.length - 1} bulletSize={20} lineWidth={2} data-testid="correction-chain">
      {links.map((r) => (
        <Timeline.Item key={r.id} bullet={<IconReplace size={12} aria-hidden />}>
          <Group gap="xs">
            {r.id === result.id ? (
              <Text fw={600} size="sm">
                {formatValue(r)} (this result)
              </Text>
            ) : (
              <Anchor component={Link} to={`/test-results/${r.id}`} size="sm">
                {formatValue(r)}
              </Anchor>
            )}
            <VerdictChip verdict={r.overall_verdict} size="xs" />
            <ResultStatusBadge result={r} />
          </Group>
          <Text size="xs" c="dimmed">
            {formatDateTime(r.created_at)} by {r.entered_by_name ?? 'someone'}
            {r.correction_reason ? ` · correction: ${r.correction_reason}` : ''}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
