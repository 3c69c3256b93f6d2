import { Alert, Anchor, Button, Card, Grid, Skeleton, Stack } from '@mantine/core';
import { IconArchive, IconArrowBackUp, IconEdit, IconRestore } from '@tabler/icons-react';
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
import { archiveTrf, restoreTrf, type Trf, trfHistory, trfKeys, useTrf } from '../../features/trfs/api';
import { TrfItemsTable } from '../../features/trfs/components/TrfItemsTable';
import { TrfReviewActions } from '../../features/trfs/components/TrfReviewActions';
import { TrfSamplesCard } from '../../features/trfs/components/TrfSamplesCard';
import { TrfStatusBadge } from '../../features/trfs/components/TrfStatusBadge';
import { hasRole, MANAGERS } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';
import { formatDate, formatDateTime } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { TRF_WRITERS } from './TrfsListPage';

const EDITABLE = ['submitted', 'returned'];

export function TrfDetailPage({ portal = false }: { portal?: boolean }) {
  const { id = '' } = useParams();
  const trf = useTrf(id);
  useSetCrumb(trf.data?.number);
  if (trf.isLoading) return <Skeleton h={500} />;
  if (trf.error || !trf.data)
    return <QueryError error={trf.error} what="test request" onRetry={() => trf.refetch()} />;
  return <TrfDetail trf={trf.data} portal={portal} />;
}

function TrfDetail({ trf, portal }: { trf: Trf; portal: boolean }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const archived = Boolean(trf.archived_at);
  const base = portal ? '/portal/test-requests' : '/trfs';
  const canEdit = !archived && EDITABLE.includes(trf.status) && (portal || hasRole(me.role, TRF_WRITERS));
  const canArchive = !portal && hasRole(me.role, MANAGERS);
  const a = trf.applicant;

  const toggleArchive = async () => {
    setPending(true);
    try {
      if (archived) await restoreTrf(trf.id, trf.version);
      else await archiveTrf(trf.id, trf.version);
      notifySuccess(`${trf.number} was ${archived ? 'restored' : 'archived'}.`);
    } catch (error) {
      notifyError(
        isApiError(error, 412) ? new Error('Someone changed this request meanwhile; reload it.') : error,
      );
    } finally {
      setPending(false);
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: trfKeys.all });
    }
  };

  return (
    <>
      <PageHeader
        title={trf.number}
        badge={<TrfStatusBadge status={trf.status} archived={archived} />}
        subtitle={`${trf.project_number}${portal ? '' : ` · ${trf.customer_name}`} · submitted ${formatDate(trf.created_at)} · version ${trf.version}`}
        actions={
          <>
            {canEdit && (
              <Button
                component={Link}
                to={`${base}/${trf.id}/edit`}
                variant="default"
                leftSection={<IconEdit size={16} aria-hidden />}
              >
                {trf.status === 'returned' ? 'Correct' : 'Edit'}
              </Button>
            )}
            {!archived && <TrfReviewActions trf={trf} />}
            {canArchive && (
              <Button
                variant="default"
                color={archived ? undefined : 'red'}
                leftSection={
                  archived ? <IconRestore size={16} aria-hidden /> : <IconArchive size={16} aria-hidden />
                }
                onClick={() => setConfirming(true)}
              >
                {archived ? 'Restore' : 'Archive'}
              </Button>
            )}
          </>
        }
      />
      {trf.status === 'returned' && (
        <Alert
          color="orange"
          icon={<IconArrowBackUp aria-hidden />}
          title="Returned by the laboratory"
          mb="md"
          role="status"
        >
          {trf.review_note}
          {portal && ' — correct the request and resubmit it.'}
        </Alert>
      )}
      <Grid mb="md">
        <Grid.Col span={{ base: 12, md: portal ? 12 : 8 }}>
          <Card withBorder padding="lg">
            <Fields
              items={[
                {
                  label: 'Project',
                  value: portal ? (
                    trf.project_number
                  ) : (
                    <Anchor component={Link} to={`/projects/${trf.project_id}`}>
                      {trf.project_number}
                    </Anchor>
                  ),
                },
                {
                  label: 'Customer',
                  value: portal ? (
                    trf.customer_name
                  ) : (
                    <Anchor component={Link} to={`/customers/${trf.customer_id}`}>
                      {trf.customer_name}
                    </Anchor>
                  ),
                },
                { label: 'Applicant', value: [a.name, a.company].filter(Boolean).join(', ') },
                { label: 'Contact', value: [a.email, a.phone].filter(Boolean).join(' · ') },
                { label: 'Address', value: a.address },
                { label: 'Special instructions', value: trf.special_instructions },
                { label: 'Declaration', value: trf.declaration_accepted ? 'Accepted' : 'Not accepted' },
                {
                  label: 'Signed',
                  value: trf.signature_name && `${trf.signature_name}, ${formatDate(trf.signature_date)}`,
                },
                ...(trf.status === 'accepted' ? [{ label: 'Review note', value: trf.review_note }] : []),
                { label: 'Last change', value: formatDateTime(trf.updated_at) },
              ]}
            />
          </Card>
        </Grid.Col>
        {!portal && (
          <Grid.Col span={{ base: 12, md: 4 }}>
            <HistoryCard
              queryKey={[...trfKeys.history(trf.id), trf.version]}
              fetchPage={(skip) => trfHistory(trf.id, skip)}
            />
          </Grid.Col>
        )}
      </Grid>
      <Stack>
        <SectionCard title="Items" titleGap="sm">
          <TrfItemsTable items={trf.items} staff={!portal} />
        </SectionCard>
        <TrfSamplesCard trf={trf} portal={portal} canRegister={!portal && hasRole(me.role, TRF_WRITERS)} />
      </Stack>
      <ConfirmDialog
        opened={confirming}
        title={archived ? `Restore ${trf.number}?` : `Archive ${trf.number}?`}
        message={
          archived
            ? 'The request returns to the list.'
            : 'The request leaves the list; nothing is deleted, and you can restore it at any time.'
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
