import { Alert, Anchor, Button, Card, Grid, Skeleton } from '@mantine/core';
import { IconArchive, IconEdit, IconGitBranch, IconRestore } from '@tabler/icons-react';
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
import {
  archiveSpecification,
  restoreSpecification,
  type Specification,
  specificationHistory,
  specificationKeys,
  useMethodOptions,
  useSpecification,
} from '../../features/specifications/api';
import { LimitsTable } from '../../features/specifications/components/LimitsTable';
import { RevisionsList } from '../../features/specifications/components/RevisionsList';
import { RevisionBadge } from '../../features/specifications/components/SpecificationsTable';
import { hasRole, MANAGERS } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';
import { formatDateTime } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';

export function SpecificationDetailPage() {
  const { id = '' } = useParams();
  const spec = useSpecification(id);
  useSetCrumb(spec.data ? `${spec.data.code} rev ${spec.data.revision}` : undefined);
  if (spec.isLoading) return <Skeleton h={400} />;
  if (spec.error || !spec.data)
    return <QueryError error={spec.error} what="specification" onRetry={() => spec.refetch()} />;
  return <SpecificationDetail spec={spec.data} />;
}

function SpecificationDetail({ spec }: { spec: Specification }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const methods = useMethodOptions();
  const canWrite = hasRole(me.role, MANAGERS);
  const archived = Boolean(spec.archived_at);
  const current = spec.status === 'active';
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);

  const toggleArchive = async () => {
    setPending(true);
    try {
      if (archived) await restoreSpecification(spec.id, spec.version);
      else await archiveSpecification(spec.id, spec.version);
      notifySuccess(`${spec.code} rev ${spec.revision} was ${archived ? 'restored' : 'archived'}.`);
    } catch (error) {
      notifyError(
        isApiError(error, 412)
          ? new Error('Someone changed this specification meanwhile; the page now shows the latest version.')
          : error,
      );
    } finally {
      setPending(false);
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: specificationKeys.all });
    }
  };

  return (
    <>
      <PageHeader
        title={`${spec.code} · ${spec.name}`}
        badge={<RevisionBadge spec={spec} />}
        subtitle={`Revision ${spec.revision} · updated ${formatDateTime(spec.updated_at)} · version ${spec.version}`}
        actions={
          canWrite && (
            <>
              {!archived && spec.allowed_actions.includes('revise') && (
                <Button
                  component={Link}
                  to={`/specifications/${spec.id}/revise`}
                  leftSection={<IconGitBranch size={16} aria-hidden />}
                >
                  Revise
                </Button>
              )}
              {!archived && current && (
                <Button
                  variant="default"
                  component={Link}
                  to={`/specifications/${spec.id}/edit`}
                  leftSection={<IconEdit size={16} aria-hidden />}
                >
                  Edit details
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
      {!current && (
        <Alert color="gray" mb="md" title="A superseded revision">
          Kept as it was for the results judged by it. The current limits are in a later revision (see
          Revisions).
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card withBorder padding="lg" mb="md">
            <Fields
              items={[
                { label: 'Source', value: spec.source },
                {
                  label: 'Replaces',
                  value: spec.previous_id ? (
                    <Anchor component={Link} to={`/specifications/${spec.previous_id}`} size="sm">
                      Revision {spec.revision - 1}
                    </Anchor>
                  ) : null,
                },
                { label: 'Description', value: spec.description },
                { label: 'Written', value: formatDateTime(spec.created_at) },
              ]}
            />
          </Card>
          <SectionCard title="Limits" titleGap="sm">
            <LimitsTable limits={spec.limits} methods={methods.data ?? []} />
          </SectionCard>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <SectionCard title="Revisions" titleGap="sm" mb="md">
            <RevisionsList spec={spec} />
          </SectionCard>
          <HistoryCard
            queryKey={[...specificationKeys.history(spec.id), spec.version]}
            fetchPage={(skip) => specificationHistory(spec.id, skip)}
          />
        </Grid.Col>
      </Grid>
      <ConfirmDialog
        opened={confirming}
        title={
          archived
            ? `Restore ${spec.code} rev ${spec.revision}?`
            : `Archive ${spec.code} rev ${spec.revision}?`
        }
        message={
          archived
            ? 'The revision returns to the specification list.'
            : 'The revision leaves the list; results judged by it keep it, and you can restore it at any time.'
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
