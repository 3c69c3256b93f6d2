import { Anchor, Button, Card, Grid, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconCircleX,
  IconEdit,
  IconRefresh,
  IconShoppingCart,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { Fields } from '../../components/detail/Fields';
import { HistoryCard } from '../../components/detail/HistoryCard';
import { SectionCard } from '../../components/detail/SectionCard';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import { StateBadge } from '../../components/ui/StateBadge';
import {
  categoryLabel,
  decideSupplier,
  SUPPLIER_STATUS_LOOKS,
  type SupplierDecision,
  supplierHistory,
  supplierKeys,
  useSupplier,
} from '../../features/suppliers/api';
import { EvaluationDialog } from '../../features/suppliers/components/EvaluationDialog';
import { hasRole, MANAGERS } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';
import { formatDate } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';

const DECISIONS: { action: SupplierDecision; label: string; color?: string; icon: typeof IconCircleCheck }[] =
  [
    { action: 'approve', label: 'Approve', icon: IconCircleCheck },
    {
      action: 'approve-conditionally',
      label: 'Approve conditionally',
      color: 'orange',
      icon: IconAlertTriangle,
    },
    { action: 'reject', label: 'Reject', color: 'red', icon: IconCircleX },
    { action: 're-evaluate', label: 'Re-evaluate', icon: IconRefresh },
  ];

export function SupplierDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const queryClient = useQueryClient();
  const supplier = useSupplier(id);
  const [asking, setAsking] = useState<SupplierDecision | null>(null);
  useSetCrumb(supplier.data?.name);
  if (supplier.isLoading) return <Skeleton h={400} />;
  if (supplier.error || !supplier.data)
    return <QueryError error={supplier.error} what="supplier" onRetry={() => supplier.refetch()} />;
  const s = supplier.data;
  const canEdit = hasRole(me.role, MANAGERS) && !s.archived_at;
  const refresh = () => queryClient.invalidateQueries({ queryKey: supplierKeys.all });
  return (
    <>
      <PageHeader
        title={s.name}
        badge={
          <StateBadge status={s.approval_status} looks={SUPPLIER_STATUS_LOOKS} archived={!!s.archived_at} />
        }
        subtitle={categoryLabel(s.category)}
        actions={
          <Group gap="xs">
            {DECISIONS.filter((d) => s.allowed_actions.includes(d.action)).map((d) => (
              <Button
                key={d.action}
                variant={d.action === 'approve' ? 'filled' : 'light'}
                color={d.color}
                leftSection={<d.icon size={16} aria-hidden />}
                onClick={() => setAsking(d.action)}
              >
                {d.label}
              </Button>
            ))}
            {canEdit && ['approved', 'conditional'].includes(s.approval_status) && (
              <Button
                component={Link}
                to={`/purchase-orders/new?${new URLSearchParams({ supplier_id: s.id, supplier_name: s.name })}`}
                variant="light"
                leftSection={<IconShoppingCart size={16} aria-hidden />}
              >
                New purchase order
              </Button>
            )}
            {canEdit && (
              <Button
                component={Link}
                to={`/suppliers/${s.id}/edit`}
                variant="default"
                leftSection={<IconEdit size={16} aria-hidden />}
              >
                Edit
              </Button>
            )}
          </Group>
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <SectionCard title="Evaluation">
              <Fields
                items={[
                  { label: 'Status', value: SUPPLIER_STATUS_LOOKS[s.approval_status].label },
                  { label: 'Evaluation notes', value: s.evaluation_notes },
                  { label: 'Evaluated on', value: formatDate(s.evaluation_date) },
                  { label: 'Next evaluation due', value: formatDate(s.next_evaluation_due) },
                ]}
              />
            </SectionCard>
            <Card withBorder padding="lg">
              <Fields
                items={[
                  { label: 'Supplies', value: s.supplies },
                  {
                    label: 'E-mail',
                    value: s.email ? <Anchor href={`mailto:${s.email}`}>{s.email}</Anchor> : null,
                  },
                  { label: 'Phone', value: s.phone },
                  { label: 'Address', value: s.address },
                  { label: 'Website', value: s.website },
                  { label: 'Notes', value: s.notes },
                ]}
              />
            </Card>
            <SectionCard title="Contacts" titleGap="sm">
              {s.contacts.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No contacts recorded.
                </Text>
              ) : (
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Name</Table.Th>
                      <Table.Th>Role</Table.Th>
                      <Table.Th>E-mail</Table.Th>
                      <Table.Th>Phone</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {s.contacts.map((c) => (
                      <Table.Tr key={`${c.name}-${c.email ?? ''}`}>
                        <Table.Td>{c.name}</Table.Td>
                        <Table.Td>{c.role ?? '—'}</Table.Td>
                        <Table.Td>{c.email ?? '—'}</Table.Td>
                        <Table.Td>{c.phone ?? '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </SectionCard>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <HistoryCard
            queryKey={[...supplierKeys.history(s.id), s.version]}
            fetchPage={(skip) => supplierHistory(s.id, skip)}
          />
        </Grid.Col>
      </Grid>
      <EvaluationDialog
        action={asking}
        onClose={() => setAsking(null)}
        onConfirm={async (action, body) => {
          try {
            const updated = await decideSupplier(s.id, action, body, s.version);
            notifySuccess(
              `${updated.name} is now ${SUPPLIER_STATUS_LOOKS[updated.approval_status].label.toLowerCase()}.`,
            );
          } finally {
            await refresh();
          }
        }}
      />
    </>
  );
}
