import { Button, Card, Grid, Group, Skeleton } from '@mantine/core';
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
  archiveMethod,
  type Method,
  methodHistory,
  methodKeys,
  restoreMethod,
  useMethod,
} from '../../features/methods/api';
import { AccreditedBadge } from '../../features/methods/components/AccreditedBadge';
import { AuthorisedEngineers, ParametersTable } from '../../features/methods/components/MethodPanels';
import { formatPrice } from '../../features/methods/components/MethodsTable';
import { hasRole, MANAGERS } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';
import { formatDateTime } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';

export function MethodDetailPage() {
  const { id = '' } = useParams();
  const method = useMethod(id);
  useSetCrumb(method.data?.code);
  if (method.isLoading) return <Skeleton h={400} />;
  if (method.error || !method.data)
    return <QueryError error={method.error} what="method" onRetry={() => method.refetch()} />;
  return <MethodDetail method={method.data} />;
}

function MethodDetail({ method }: { method: Method }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const canWrite = hasRole(me.role, MANAGERS);
  const archived = Boolean(method.archived_at);
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);

  const toggleArchive = async () => {
    setPending(true);
    try {
      if (archived) await restoreMethod(method.id, method.version);
      else await archiveMethod(method.id, method.version);
      notifySuccess(`${method.code} was ${archived ? 'restored' : 'archived'}.`);
    } catch (error) {
      notifyError(
        isApiError(error, 412)
          ? new Error('Someone changed this method meanwhile; the page now shows the latest version.')
          : error,
      );
    } finally {
      setPending(false);
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: methodKeys.all });
    }
  };

  return (
    <>
      <PageHeader
        title={`${method.code} · ${method.title}`}
        badge={
          <Group gap="xs">
            <AccreditedBadge accredited={method.accredited} />
            <StatusBadge archived={archived} active={method.is_active} />
          </Group>
        }
        subtitle={`Updated ${formatDateTime(method.updated_at)} · version ${method.version}`}
        actions={
          canWrite && (
            <>
              {!archived && (
                <Button
                  component={Link}
                  to={`/methods/${method.id}/edit`}
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
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card withBorder padding="lg" mb="md">
            <Fields
              items={[
                { label: 'Standard reference', value: method.standard_reference },
                { label: 'Method version', value: method.method_version },
                { label: 'Default price', value: formatPrice(method) },
                {
                  label: 'Standard TAT',
                  value: method.tat_days == null ? null : `${method.tat_days} working days`,
                },
                { label: 'Description', value: method.description },
                { label: 'Created', value: formatDateTime(method.created_at) },
              ]}
            />
          </Card>
          <SectionCard title="Parameters" titleGap="sm" mb="md">
            <ParametersTable parameters={method.parameters} />
          </SectionCard>
          <SectionCard title="Authorised engineers" titleGap="sm">
            <AuthorisedEngineers method={method} />
          </SectionCard>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <HistoryCard
            queryKey={[...methodKeys.history(method.id), method.version]}
            fetchPage={(skip) => methodHistory(method.id, skip)}
          />
        </Grid.Col>
      </Grid>
      <ConfirmDialog
        opened={confirming}
        title={archived ? `Restore ${method.code}?` : `Archive ${method.code}?`}
        message={
          archived
            ? 'The method returns to the catalogue.'
            : 'The method leaves the catalogue; plans and results that used it keep it, and you can restore it at any time.'
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
