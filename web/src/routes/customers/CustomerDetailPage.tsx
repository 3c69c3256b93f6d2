import { Button, Card, Grid, Skeleton, Table, Text } from '@mantine/core';
import { IconArchive, IconEdit, IconRestore } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/problem';
import { useSetCrumb } from '../../app/shell/crumbs';
import { Fields } from '../../components/detail/Fields';
import { HistoryCard } from '../../components/detail/HistoryCard';
import { SectionCard } from '../../components/detail/SectionCard';
import { ConfirmDialog } from '../../components/dialogs/ConfirmDialog';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import { StatusBadge } from '../../components/ui/StatusBadge';
import {
  archiveCustomer,
  type Customer,
  customerHistory,
  customerKeys,
  restoreCustomer,
  useCustomer,
} from '../../features/customers/api';
import { hasRole, MANAGERS } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';
import { formatDateTime } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';

export function CustomerDetailPage({ portal = false }: { portal?: boolean }) {
  const { id = '' } = useParams();
  const customer = useCustomer(id);
  useSetCrumb(customer.data?.company_name);
  if (customer.isLoading) return <DetailSkeleton />;
  if (customer.error || !customer.data)
    return <QueryError error={customer.error} what="customer" onRetry={() => customer.refetch()} />;
  return <CustomerDetail customer={customer.data} portal={portal} />;
}

function DetailSkeleton() {
  return (
    <>
      <Skeleton h={36} w={320} mb="md" />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Skeleton h={260} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Skeleton h={260} />
        </Grid.Col>
      </Grid>
    </>
  );
}

export function CustomerDetail({ customer, portal }: { customer: Customer; portal: boolean }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const canWrite = !portal && hasRole(me.role, MANAGERS);
  const archived = Boolean(customer.archived_at);
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);

  const toggleArchive = async () => {
    setPending(true);
    try {
      if (archived) await restoreCustomer(customer.id, customer.version);
      else await archiveCustomer(customer.id, customer.version);
      notifySuccess(`${customer.company_name} was ${archived ? 'restored' : 'archived'}.`);
    } catch (error) {
      notifyError(
        isApiError(error, 412)
          ? new Error('Someone changed this customer meanwhile; the page now shows the latest version.')
          : error,
      );
    } finally {
      setPending(false);
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: customerKeys.all });
    }
  };

  return (
    <>
      <PageHeader
        title={customer.company_name}
        badge={<StatusBadge archived={archived} active={customer.is_active} />}
        subtitle={`Updated ${formatDateTime(customer.updated_at)} · version ${customer.version}`}
        actions={
          canWrite && (
            <>
              {!archived && (
                <Button
                  component={Link}
                  to={`/customers/${customer.id}/edit`}
                  leftSection={<IconEdit size={16} aria-hidden />}
                >
                  Edit
                </Button>
              )}
              <Button
                variant={archived ? 'filled' : 'default'}
                color={archived ? undefined : 'red'}
                leftSection={
                  archived ? <IconRestore size={16} aria-hidden /> : <IconArchive size={16} aria-hidden />
                }
                onClick={() => setConfirming(true)}
              >
                {archived ? 'Restore' : 'Archive'}
              </Button>
            </>
          )
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: portal ? 12 : 8 }}>
          <Card withBorder padding="lg" mb="md">
            <Fields
              items={[
                { label: 'E-mail', value: customer.email },
                { label: 'Phone', value: customer.phone },
                { label: 'Contact person', value: customer.contact_person },
                { label: 'Address', value: customer.address },
                { label: 'Notes', value: customer.notes },
                { label: 'Created', value: formatDateTime(customer.created_at) },
              ]}
            />
          </Card>
          <SectionCard title="Contacts" titleGap="sm">
            {customer.contacts.length === 0 ? (
              <Text c="dimmed" size="sm">
                No contacts recorded.
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={500}>
                <Table data-testid="contacts">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Name</Table.Th>
                      <Table.Th>Role</Table.Th>
                      <Table.Th>E-mail</Table.Th>
                      <Table.Th>Phone</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {customer.contacts.map((c, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: contacts have no id; order is stable
                      <Table.Tr key={i}>
                        <Table.Td>{c.name}</Table.Td>
                        <Table.Td>{c.role ?? '—'}</Table.Td>
                        <Table.Td>{c.email ?? '—'}</Table.Td>
                        <Table.Td>{c.phone ?? '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </SectionCard>
        </Grid.Col>
        {!portal && (
          <Grid.Col span={{ base: 12, md: 4 }}>
            <HistoryCard
              queryKey={[...customerKeys.history(customer.id), customer.version]}
              fetchPage={(skip) => customerHistory(customer.id, skip)}
            />
          </Grid.Col>
        )}
      </Grid>
      <ConfirmDialog
        opened={confirming}
        title={archived ? `Restore ${customer.company_name}?` : `Archive ${customer.company_name}?`}
        message={
          archived
            ? 'The customer returns to the customer list and can be used for new work again.'
            : 'The customer leaves the customer list; nothing is deleted, and you can restore it at any time.'
        }
        confirmLabel={archived ? 'Restore' : 'Archive'}
        danger={!archived}
        loading={pending}
        onConfirm={toggleArchive}
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}
