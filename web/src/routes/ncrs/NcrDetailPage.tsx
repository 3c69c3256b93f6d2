import { Anchor, Button, Card, Grid, Skeleton, Stack, Text } from '@mantine/core';
import {
  IconArrowBack,
  IconClipboardList,
  IconSearch,
  IconShieldCheck,
  IconSignature,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { ActionBar, type ActionSpec } from '../../components/actions/ActionBar';
import { Fields } from '../../components/detail/Fields';
import { HistoryCard } from '../../components/detail/HistoryCard';
import { SectionCard } from '../../components/detail/SectionCard';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import {
  closeNcr,
  moveNcr,
  NCR_SOURCE_LABELS,
  type Ncr,
  type NcrMove,
  ncrHistory,
  ncrKeys,
  useNcr,
} from '../../features/ncrs/api';
import { ActionsPanel } from '../../features/ncrs/components/ActionsPanel';
import { EffectivenessForm } from '../../features/ncrs/components/EffectivenessForm';
import { NcrStatusBadge, SeverityBadge } from '../../features/ncrs/components/NcrBadges';
import { StepTimeline } from '../../features/ncrs/components/StepTimeline';
import { WhysEditor } from '../../features/ncrs/components/WhysEditor';
import { SignatureDialog } from '../../features/signatures/SignatureDialog';
import { SignaturesCard } from '../../features/signatures/SignatureList';
import { hasRole } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';
import { formatDateTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { QUALITY_OWNERS } from './NcrsPage';

const SPECS: Record<NcrMove, ActionSpec> = {
  investigate: { label: 'Start investigation', icon: IconSearch, done: 'The investigation started.' },
  plan_actions: {
    label: 'Actions planned',
    icon: IconClipboardList,
    done: 'The NCR waits for its actions.',
  },
  verify: { label: 'Send to verification', icon: IconShieldCheck, done: 'The NCR is in verification.' },
  reopen_actions: {
    label: 'Back to actions',
    icon: IconArrowBack,
    variant: 'default',
    reason: {
      title: 'The actions were not effective',
      message: 'What is still wrong? The NCR goes back to actions pending for further actions.',
    },
    done: 'The NCR is back to actions pending.',
  },
};

/** Where an NCR's source record is shown, when the web has a page for it. */
function sourceLink(ncr: Ncr): string | null {
  if (!ncr.source_entity_id) return null;
  if (ncr.source_entity_type === 'equipment') return `/equipment/${ncr.source_entity_id}`;
  if (ncr.source_entity_type === 'test_result') return `/test-results/${ncr.source_entity_id}`;
  if (ncr.source_entity_type === 'customer') return `/customers/${ncr.source_entity_id}`;
  if (ncr.source_entity_type === 'sample') return `/samples/${ncr.source_entity_id}`;
  if (ncr.source_entity_type === 'project') return `/projects/${ncr.source_entity_id}`;
  return null;
}

export function NcrDetailPage() {
  const { id = '' } = useParams();
  const ncr = useNcr(id);
  useSetCrumb(ncr.data?.number);
  if (ncr.isLoading) return <Skeleton h={400} />;
  if (ncr.error || !ncr.data)
    return <QueryError error={ncr.error} what="NCR" onRetry={() => ncr.refetch()} />;
  return <NcrDetail ncr={ncr.data} />;
}

function NcrDetail({ ncr }: { ncr: Ncr }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const [signing, setSigning] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ncrKeys.all });
  const owner = hasRole(me.role, QUALITY_OWNERS);
  const open = ncr.status !== 'closed' && !ncr.archived_at;
  const link = sourceLink(ncr);
  return (
    <>
      <PageHeader
        title={`${ncr.number} · ${ncr.title}`}
        badge={<NcrStatusBadge ncr={ncr} />}
        subtitle={`${NCR_SOURCE_LABELS[ncr.source]} · raised ${formatDateTime(ncr.created_at)}`}
        actions={
          <>
            <ActionBar<NcrMove>
              allowed={ncr.allowed_actions}
              specs={SPECS}
              run={(action, reason) => moveNcr(ncr, action, reason)}
              onSettled={refresh}
            />
            {ncr.allowed_actions.includes('close') && (
              <Button
                color="green"
                leftSection={<IconSignature size={16} aria-hidden />}
                onClick={() => setSigning(true)}
              >
                Close NCR
              </Button>
            )}
          </>
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Card withBorder padding="lg">
              <Fields
                items={[
                  { label: 'Severity', value: <SeverityBadge severity={ncr.severity} /> },
                  { label: 'Owner', value: ncr.owner_name },
                  {
                    label: 'Source record',
                    value: link ? (
                      <Anchor component={Link} to={link}>
                        Open the {ncr.source_entity_type?.replace(/_/g, ' ')}
                      </Anchor>
                    ) : (
                      ncr.source_entity_type?.replace(/_/g, ' ')
                    ),
                  },
                  {
                    label: 'Description',
                    value: (
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                        {ncr.description}
                      </Text>
                    ),
                  },
                  ...(ncr.impacted_result_ids.length
                    ? [
                        {
                          label: 'Results in doubt',
                          value: `${ncr.impacted_result_ids.length} (listed in the description)`,
                        },
                      ]
                    : []),
                  ...(ncr.closed_at ? [{ label: 'Closed', value: formatDateTime(ncr.closed_at) }] : []),
                ]}
              />
            </Card>
            <WhysEditor key={`whys-${ncr.version}`} ncr={ncr} editable={owner && open} onSaved={refresh} />
            <ActionsPanel ncr={ncr} canPlan={owner} meId={me.id} onChanged={refresh} />
            <EffectivenessForm
              key={`check-${ncr.version}`}
              ncr={ncr}
              editable={owner && ncr.status === 'verification'}
              onSaved={refresh}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <SectionCard title="Steps">
              <StepTimeline steps={ncr.steps} />
            </SectionCard>
            {ncr.signatures.length > 0 && <SignaturesCard signatures={ncr.signatures} />}
            <HistoryCard
              queryKey={[...ncrKeys.history(ncr.id), ncr.version]}
              fetchPage={(skip) => ncrHistory(ncr.id, skip)}
            />
          </Stack>
        </Grid.Col>
      </Grid>
      <SignatureDialog
        opened={signing}
        title={`Close ${ncr.number}`}
        what={`You sign that the actions of ${ncr.number} were effective and the NCR is closed.`}
        meanings={['closed']}
        confirmLabel="Sign and close"
        onSign={async (signature) => {
          await closeNcr(ncr, { password: signature.password, meaning: 'closed' });
          notifySuccess(`${ncr.number} is closed.`);
          await refresh();
        }}
        onClose={() => setSigning(false)}
      />
    </>
  );
}
