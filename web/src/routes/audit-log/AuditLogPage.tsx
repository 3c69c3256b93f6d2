import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/ui/PageHeader';
import { AuditLogTable } from '../../features/audit-log/components/AuditLogTable';
import { ChainStatus } from '../../features/audit-log/components/ChainStatus';

export function AuditLogPage() {
  return (
    <Stack gap="md">
      <PageHeader
        title="Audit log"
        subtitle="Every change, sign-in and permission change, hash-chained and append-only"
      />
      <ChainStatus />
      <AuditLogTable />
    </Stack>
  );
}
