import { Anchor, Button, Card, Grid, Group, Menu, Skeleton, Stack } from '@mantine/core';
import {
  IconArchive,
  IconArrowsSplit,
  IconDots,
  IconEdit,
  IconPrinter,
  IconRestore,
} from '@tabler/icons-react';
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
import { AttachmentsPanel } from '../../features/documents/AttachmentsPanel';
import {
  archiveSample,
  labelPdf,
  restoreSample,
  type Sample,
  sampleHistory,
  sampleKeys,
  useSample,
} from '../../features/samples/api';
import { CustodyTimeline } from '../../features/samples/components/CustodyTimeline';
import { openPdf } from '../../features/samples/components/openPdf';
import { SampleActions } from '../../features/samples/components/SampleActions';
import { ConditionBadge, SampleStatusBadge } from '../../features/samples/components/SampleBadges';
import { SplitDialog } from '../../features/samples/components/SplitDialog';
import { SubSamples } from '../../features/samples/components/SubSamples';
import { hasRole, MANAGERS } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';
import { formatDate } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { SAMPLE_WRITERS } from './SamplesListPage';

const FINAL = ['disposed', 'returned'];

export function SampleDetailPage({ portal = false }: { portal?: boolean }) {
  const { id = '' } = useParams();
  const sample = useSample(id);
  useSetCrumb(sample.data?.number);
  if (sample.isLoading) return <Skeleton h={500} />;
  if (sample.error || !sample.data)
    return <QueryError error={sample.error} what="sample" onRetry={() => sample.refetch()} />;
  return <SampleDetail sample={sample.data} portal={portal} />;
}

function SampleDetail({ sample, portal }: { sample: Sample; portal: boolean }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const [splitting, setSplitting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const archived = Boolean(sample.archived_at);
  const lab = !portal && hasRole(me.role, SAMPLE_WRITERS);
  const canEdit = lab && !archived && !FINAL.includes(sample.status);
  const link = (to: string, text: string) =>
    portal ? (
      text
    ) : (
      <Anchor component={Link} to={to}>
        {text}
      </Anchor>
    );

  const printLabel = () =>
    openPdf(() => labelPdf(sample.id), `${sample.number}-label.pdf`).catch((e) =>
      notifyError(e, 'Could not print'),
    );
  const toggleArchive = async () => {
    setPending(true);
    try {
      if (archived) await restoreSample(sample.id, sample.version);
      else await archiveSample(sample.id, sample.version);
      notifySuccess(`${sample.number} was ${archived ? 'restored' : 'archived'}.`);
    } catch (error) {
      notifyError(
        isApiError(error, 412) ? new Error('Someone changed this sample meanwhile; reload it.') : error,
      );
    } finally {
      setPending(false);
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: sampleKeys.all });
    }
  };

  return (
    <>
      <PageHeader
        title={sample.number}
        badge={<SampleStatusBadge status={sample.status} archived={archived} />}
        subtitle={`${sample.description} · ${sample.project_number} · version ${sample.version}`}
        actions={
          <>
            {!archived && !portal && <SampleActions sample={sample} />}
            <Button
              variant="default"
              leftSection={<IconPrinter size={16} aria-hidden />}
              onClick={printLabel}
            >
              Label
            </Button>
            {canEdit && (
              <Button
                component={Link}
                to={`/samples/${sample.id}/edit`}
                variant="default"
                leftSection={<IconEdit size={16} aria-hidden />}
              >
                Edit
              </Button>
            )}
            {lab && (
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button variant="default" aria-label="More actions" px="xs">
                    <IconDots size={16} aria-hidden />
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    leftSection={<IconArrowsSplit size={14} aria-hidden />}
                    disabled={!canEdit}
                    onClick={() => setSplitting(true)}
                  >
                    Split into partitions
                  </Menu.Item>
                  {hasRole(me.role, MANAGERS) && (
                    <Menu.Item
                      color={archived ? undefined : 'red'}
                      leftSection={
                        archived ? (
                          <IconRestore size={14} aria-hidden />
                        ) : (
                          <IconArchive size={14} aria-hidden />
                        )
                      }
                      onClick={() => setConfirming(true)}
                    >
                      {archived ? 'Restore' : 'Archive'}
                    </Menu.Item>
                  )}
                </Menu.Dropdown>
              </Menu>
            )}
          </>
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Card withBorder padding="lg">
              <Fields
                items={[
                  { label: 'Project', value: link(`/projects/${sample.project_id}`, sample.project_number) },
                  ...(portal
                    ? []
                    : [
                        {
                          label: 'Customer',
                          value: link(`/customers/${sample.customer_id}`, sample.customer_name),
                        },
                      ]),
                  {
                    label: 'TRF item',
                    value:
                      sample.trf_id &&
                      link(
                        portal ? `/portal/test-requests/${sample.trf_id}` : `/trfs/${sample.trf_id}`,
                        `${sample.trf_number} · item ${sample.trf_item_no}`,
                      ),
                  },
                  {
                    label: 'Split from',
                    value: sample.parent_id && (
                      <Anchor
                        component={Link}
                        to={`${portal ? '/portal/samples' : '/samples'}/${sample.parent_id}`}
                      >
                        {sample.parent_number}
                      </Anchor>
                    ),
                  },
                  {
                    label: 'Received',
                    value: `${formatDate(sample.received_date)}${sample.received_by_name ? ` by ${sample.received_by_name}` : ''}`,
                  },
                  {
                    label: 'Condition',
                    value: (
                      <Group gap="xs" component="span">
                        <ConditionBadge condition={sample.condition} />
                        {sample.condition_notes}
                      </Group>
                    ),
                  },
                  { label: 'Stored at', value: sample.storage_location },
                  {
                    label: 'Retain until',
                    value: sample.retention_until && formatDate(sample.retention_until),
                  },
                ]}
              />
            </Card>
            <SubSamples sample={sample} portal={portal} />
            <AttachmentsPanel entityType="sample" entityId={sample.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <SectionCard title="Chain of custody">
              <CustodyTimeline sample={sample} canRecord={lab} />
            </SectionCard>
            {!portal && (
              <HistoryCard
                queryKey={[...sampleKeys.history(sample.id), sample.version]}
                fetchPage={(skip) => sampleHistory(sample.id, skip)}
              />
            )}
          </Stack>
        </Grid.Col>
      </Grid>
      <SplitDialog sample={sample} opened={splitting} onClose={() => setSplitting(false)} />
      <ConfirmDialog
        opened={confirming}
        title={archived ? `Restore ${sample.number}?` : `Archive ${sample.number}?`}
        message={
          archived
            ? 'The sample returns to the list.'
            : 'The sample leaves the list; nothing is deleted and its custody log stays.'
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
