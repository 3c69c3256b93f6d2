import { Alert, Anchor, Button, Card, Grid, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconDownload, IconEdit, IconRefresh, IconSignature } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { ActionBar } from '../../components/actions/ActionBar';
import { saveBlob } from '../../components/data-table/download';
import { Fields } from '../../components/detail/Fields';
import { HistoryCard } from '../../components/detail/HistoryCard';
import { SectionCard } from '../../components/detail/SectionCard';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import { StateBadge } from '../../components/ui/StateBadge';
import {
  downloadReportPdf,
  issueReport,
  REPORT_LOOKS,
  type Report,
  regenerateReport,
  reportHistory,
  reportKeys,
  revokeReport,
  useReport,
  useReportVersions,
} from '../../features/reports/api';
import { AmendReportDialog } from '../../features/reports/components/AmendReportDialog';
import { PdfPreview } from '../../features/reports/components/PdfPreview';
import { ReportProgress } from '../../features/reports/components/ReportProgress';
import { SignatureDialog } from '../../features/signatures/SignatureDialog';
import { SignaturesCard } from '../../features/signatures/SignatureList';
import { useMe } from '../../lib/auth/useAuth';
import { formatDate, formatDateTime } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';

const ISSUED = ['issued'] as const;

export function ReportDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const report = useReport(id);
  const versions = useReportVersions(report.data?.number);
  const [dialog, setDialog] = useState<'issue' | 'amend' | null>(null);
  useSetCrumb(report.data?.identification);
  if (report.isLoading) return <Skeleton h={400} />;
  if (report.error || !report.data)
    return <QueryError error={report.error} what="report" onRetry={() => report.refetch()} />;
  const r = report.data;
  const refresh = () => queryClient.invalidateQueries({ queryKey: reportKeys.all });
  const download = async (original = false) => {
    try {
      const { blob, name } = await downloadReportPdf(r, original);
      saveBlob(blob, name);
    } catch (error) {
      notifyError(error, 'Could not download the PDF');
    }
  };
  const hasPdf = Boolean(r.preview_url);
  return (
    <>
      <PageHeader
        title={r.identification}
        badge={<StateBadge status={r.status} looks={REPORT_LOOKS} archived={Boolean(r.archived_at)} />}
        subtitle={`${r.title ?? 'Test report'} · ${r.customer_name ?? ''} · ${r.project_number ?? ''}`}
        actions={
          <Group gap="xs">
            {r.allowed_actions.includes('issue') && (
              <Button
                leftSection={<IconSignature size={16} aria-hidden />}
                onClick={() => setDialog('issue')}
              >
                Issue
              </Button>
            )}
            {r.allowed_actions.includes('amend') && (
              <Button
                variant="light"
                leftSection={<IconEdit size={16} aria-hidden />}
                onClick={() => setDialog('amend')}
              >
                Amend
              </Button>
            )}
            <ActionBar<'regenerate' | 'revoke'>
              allowed={r.allowed_actions}
              specs={{
                regenerate: {
                  label: 'Regenerate',
                  icon: IconRefresh,
                  variant: 'light',
                  done: 'The draft is being generated again.',
                },
                revoke: {
                  label: 'Revoke',
                  color: 'red',
                  variant: 'light',
                  reason: {
                    title: `Revoke ${r.identification}`,
                    message: 'Anyone verifying it will see it is revoked. Say why.',
                  },
                  done: `${r.identification} is revoked.`,
                },
              }}
              run={(action, reason) =>
                action === 'revoke' ? revokeReport(r, reason ?? '') : regenerateReport(r)
              }
              onSettled={refresh}
            />
            {hasPdf && (
              <Button
                variant="default"
                leftSection={<IconDownload size={16} aria-hidden />}
                onClick={() => download()}
              >
                Download PDF
              </Button>
            )}
          </Group>
        }
      />
      <SignatureDialog
        opened={dialog === 'issue'}
        title={`Issue ${r.identification}`}
        what="You issue this report as its authorised signatory. The final PDF gets your name and today's date, and it can never be changed afterwards (only amended)."
        meanings={ISSUED}
        confirmLabel="Sign and issue"
        onSign={async (s) => {
          await issueReport(r, { password: s.password, meaning: 'issued' });
          notifySuccess(`${r.identification} is issued.`);
          await refresh();
        }}
        onClose={() => setDialog(null)}
      />
      <AmendReportDialog
        report={r}
        opened={dialog === 'amend'}
        onClose={() => setDialog(null)}
        onDone={(next) => {
          notifySuccess(`${next.identification} is being generated.`);
          void refresh();
          navigate(`/reports/${next.id}`);
        }}
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <ReportProgress report={r} />
            {r.status === 'superseded' && (
              <Alert color="orange" title="Superseded">
                This version was replaced by an amendment.{' '}
                {r.superseded_by_id && (
                  <Anchor component={Link} to={`/reports/${r.superseded_by_id}`}>
                    Open the current version
                  </Anchor>
                )}
                . The PDF below is stamped SUPERSEDED;{' '}
                <Anchor component="button" type="button" onClick={() => download(true)}>
                  download the signed original
                </Anchor>
                .
              </Alert>
            )}
            {r.status === 'revoked' && (
              <Alert color="red" title="Revoked">
                {r.revoke_reason}
              </Alert>
            )}
            <Card withBorder padding="xs">
              <PdfPreview url={r.preview_url} title={`PDF of ${r.identification}`} />
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <Card withBorder padding="lg">
              <Fields
                items={[
                  {
                    label: 'Project',
                    value: (
                      <Anchor component={Link} to={`/projects/${r.project_id}`}>
                        {r.project_number}
                      </Anchor>
                    ),
                  },
                  { label: 'Customer', value: r.customer_name },
                  { label: 'Samples', value: String(r.sample_ids.length) },
                  { label: 'Pages', value: r.page_count ? String(r.page_count) : null },
                  { label: 'Generated', value: formatDateTime(r.generated_at) },
                  { label: 'Issued', value: r.issue_date ? formatDate(r.issue_date) : null },
                  { label: 'Amendment reason', value: r.amendment_reason },
                  { label: 'What changed', value: r.what_changed },
                  {
                    label: 'PDF SHA-256',
                    value: r.pdf_sha256 ? (
                      <Text span ff="monospace" size="xs">
                        {r.pdf_sha256}
                      </Text>
                    ) : null,
                  },
                  {
                    label: 'Public verification',
                    value: ['issued', 'superseded', 'revoked'].includes(r.status) ? (
                      <Anchor href={`/verify/${r.verify_code}`} target="_blank">
                        /verify/{r.verify_code}
                      </Anchor>
                    ) : (
                      'once issued'
                    ),
                  },
                ]}
              />
            </Card>
            <SignaturesCard signatures={r.signatures} />
            {(versions.data?.length ?? 0) > 1 && (
              <VersionChain versions={versions.data ?? []} current={r.id} />
            )}
            {me.role !== 'customer' && (
              <HistoryCard
                queryKey={[...reportKeys.history(r.id), r.version]}
                fetchPage={(skip) => reportHistory(r.id, skip)}
              />
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function VersionChain({ versions, current }: { versions: Report[]; current: string }) {
  return (
    <SectionCard title="Versions" titleGap="sm" data-testid="version-chain">
      <Table>
        <Table.Tbody>
          {versions.map((v) => (
            <Table.Tr key={v.id}>
              <Table.Td>
                {v.id === current ? (
                  <b>rev {v.revision}</b>
                ) : (
                  <Anchor component={Link} to={`/reports/${v.id}`}>
                    rev {v.revision}
                  </Anchor>
                )}
              </Table.Td>
              <Table.Td>
                <StateBadge status={v.status} looks={REPORT_LOOKS} />
              </Table.Td>
              <Table.Td>{formatDate(v.issue_date)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </SectionCard>
  );
}
