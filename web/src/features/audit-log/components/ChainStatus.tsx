import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import { IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { errorMessage } from '../../../api/problem';
import { useChainVerification } from '../api';

/** The hash chain's verification (`/audit-log/verify`): icon, word and detail, not colour alone. */
export function ChainStatus() {
  const verify = useChainVerification();
  if (verify.isLoading)
    return (
      <Alert color="gray" icon={<Loader size={16} />} title="Checking the audit chain…" mih={76}>
        <Text size="sm">Recomputing every event’s hash.</Text>
      </Alert>
    );
  if (verify.error)
    return (
      <Alert color="red" title="Could not verify the audit chain" mih={76}>
        {errorMessage(verify.error)}
      </Alert>
    );
  const report = verify.data!;
  const recheck = (
    <Button size="xs" variant="white" onClick={() => verify.refetch()} loading={verify.isFetching}>
      Check again
    </Button>
  );
  return report.ok ? (
    <Alert
      color="green"
      icon={<IconShieldCheck aria-hidden />}
      title="Audit chain intact"
      mih={76}
      data-testid="chain-status"
    >
      <Group justify="space-between">
        <Text size="sm">All {report.checked} events verified: none was changed or removed.</Text>
        {recheck}
      </Group>
    </Alert>
  ) : (
    <Alert
      color="red"
      icon={<IconShieldX aria-hidden />}
      title="Audit chain BROKEN"
      mih={76}
      data-testid="chain-status"
    >
      <Group justify="space-between">
        <Text size="sm">
          First broken link at event #{report.first_broken?.seq} ({report.first_broken?.id}):{' '}
          {report.first_broken?.reason}. Checked {report.checked} events.
        </Text>
        {recheck}
      </Group>
    </Alert>
  );
}
