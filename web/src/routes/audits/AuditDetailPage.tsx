import { Badge, Button, Card, Grid, Group, Skeleton, Stack } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconEdit, IconPlayerPlay } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { ActionBar, type ActionSpec } from '../../components/actions/ActionBar';
import { Fields } from '../../components/detail/Fields';
import { HistoryCard } from '../../components/detail/HistoryCard';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import {
  type Audit,
  type AuditMove,
  auditHistory,
  auditKeys,
  moveAudit,
  useAudit,
} from '../../features/audits/api';
import { AuditStatusBadge } from '../../features/audits/components/AuditBadges';
import { FindingsPanel } from '../../features/audits/components/FindingsPanel';
import { hasRole } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';
import { formatDate } from '../../lib/format';
import { QUALITY_OWNERS } from '../ncrs/NcrsPage';

const SPECS: Record<AuditMove, ActionSpec> = {
  start: { label: 'Start audit', icon: IconPlayerPlay, done: 'The audit is in progress.' },
  complete: {
    label: 'Complete',
    icon: IconCircleCheck,
    color: 'green',
    confirm: {
      title: 'Complete this audit?',
      message: 'A completed audit no longer changes; its findings can still raise NCRs.',
    },
    done: 'The audit is completed.',
  },
  cancel: {
    label: 'Cancel audit',
    icon: IconCircleX,
    color: 'red',
    variant: 'default',
    reason: { title: 'Cancel this audit?', message: 'Why is it cancelled?' },
    done: 'The audit was cancelled.',
  },
};

export function AuditDetailPage() {
  const { id = '' } = useParams();
  const audit = useAudit(id);
  useSetCrumb(audit.data?.number);
  if (audit.isLoading) return <Skeleton h={400} />;
  if (audit.error || !audit.data)
    return <QueryError error={audit.error} what="audit" onRetry={() => audit.refetch()} />;
  return <AuditDetail audit={audit.data} />;
}

function AuditDetail({ audit }: { audit: Audit }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: auditKeys.all });
  const owner = hasRole(me.role, QUALITY_OWNERS);
  const editable = owner && ['planned', 'in_progress'].includes(audit.status) && !audit.archived_at;
  return (
    <>
      <PageHeader
        title={`${audit.number} · ${audit.title}`}
        badge={<AuditStatusBadge audit={audit} />}
        subtitle={`${audit.type === 'internal' ? 'Internal' : 'External'} audit · ${formatDate(audit.planned_start)} – ${formatDate(audit.planned_end)}`}
        actions={
          <>
            {editable && (
              <Button
                component={Link}
                to={`/audits/${audit.id}/edit`}
                variant="default"
                leftSection={<IconEdit size={16} aria-hidden />}
              >
                Edit
              </Button>
            )}
            <ActionBar<AuditMove>
              allowed={audit.allowed_actions}
              specs={SPECS}
              run={(action, reason) => moveAudit(audit, action, reason)}
              onSettled={refresh}
            />
          </>
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Card withBorder padding="lg">
              <Fields
                items={[
                  {
                    label: 'Clauses',
                    value: audit.clauses.length ? (
                      <Group gap={4}>
                        {audit.clauses.map((c) => (
                          <Badge key={c} variant="outline">
                            {c}
                          </Badge>
                        ))}
                      </Group>
                    ) : null,
                  },
                  { label: 'Scope', value: audit.scope },
                  { label: 'Lead auditor', value: audit.lead_auditor_name },
                  { label: 'Auditors', value: audit.auditor_names.join(', ') || null },
                  { label: 'Auditee', value: audit.auditee },
                  {
                    label: 'Actual dates',
                    value: audit.actual_start
                      ? `${formatDate(audit.actual_start)} – ${formatDate(audit.actual_end)}`
                      : null,
                  },
                  { label: 'Summary', value: audit.summary },
                  ...(audit.cancel_reason
                    ? [{ label: 'Cancelled because', value: audit.cancel_reason }]
                    : []),
                ]}
              />
            </Card>
            <FindingsPanel audit={audit} canWrite={owner} onChanged={refresh} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <HistoryCard
            queryKey={[...auditKeys.history(audit.id), audit.version]}
            fetchPage={(skip) => auditHistory(audit.id, skip)}
          />
        </Grid.Col>
      </Grid>
    </>
  );
}
