import { Button, Card, Grid, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconBan, IconDownload, IconPlayerPause, IconRestore, IconSignature } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { ActionBar } from '../../components/actions/ActionBar';
import { saveBlob } from '../../components/data-table/download';
import { Fields } from '../../components/detail/Fields';
import { HistoryCard } from '../../components/detail/HistoryCard';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import { StateBadge } from '../../components/ui/StateBadge';
import {
  CERTIFICATION_LOOKS,
  type CertificationAction,
  certificationHistory,
  certificationKeys,
  downloadCertificationPdf,
  issueCertification,
  runCertificationAction,
  useCertification,
} from '../../features/certifications/api';
import { ExpiryText } from '../../features/certifications/components/CertificationsTable';
import { PdfPreview } from '../../features/certifications/components/PdfPreview';
import { SignatureDialog } from '../../features/signatures/SignatureDialog';
import { SignaturesCard } from '../../features/signatures/SignatureList';
import { useMe } from '../../lib/auth/useAuth';
import { formatDate } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';

const ISSUED = ['issued'] as const;

export function CertificationDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const queryClient = useQueryClient();
  const cert = useCertification(id);
  const [signing, setSigning] = useState(false);
  useSetCrumb(cert.data?.number);
  if (cert.isLoading) return <Skeleton h={400} />;
  if (cert.error || !cert.data)
    return <QueryError error={cert.error} what="certificate" onRetry={() => cert.refetch()} />;
  const c = cert.data;
  const refresh = () => queryClient.invalidateQueries({ queryKey: certificationKeys.all });
  return (
    <>
      <PageHeader
        title={c.number}
        badge={<StateBadge status={c.status} looks={CERTIFICATION_LOOKS} archived={Boolean(c.archived_at)} />}
        subtitle={`${c.product} · ${c.customer_name ?? ''}`}
        actions={
          <Group gap="xs">
            {c.allowed_actions.includes('issue') && (
              <Button leftSection={<IconSignature size={16} aria-hidden />} onClick={() => setSigning(true)}>
                Issue
              </Button>
            )}
            <ActionBar<CertificationAction>
              allowed={c.allowed_actions}
              specs={{
                reinstate: { label: 'Reinstate', icon: IconRestore, done: `${c.number} is valid again.` },
                suspend: {
                  label: 'Suspend',
                  icon: IconPlayerPause,
                  variant: 'light',
                  color: 'orange',
                  reason: {
                    title: `Suspend ${c.number}`,
                    message: 'Verification will say suspended until it is reinstated. Say why.',
                  },
                  done: `${c.number} is suspended.`,
                },
                revoke: {
                  label: 'Revoke',
                  icon: IconBan,
                  variant: 'light',
                  color: 'red',
                  reason: { title: `Revoke ${c.number}`, message: 'This cannot be undone. Say why.' },
                  done: `${c.number} is revoked.`,
                },
              }}
              run={(action, reason) => runCertificationAction(c, action, reason)}
              onSettled={refresh}
            />
            <Button
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
              onClick={async () => {
                try {
                  const { blob, name } = await downloadCertificationPdf(c);
                  saveBlob(blob, name);
                } catch (error) {
                  notifyError(error, 'Could not download the PDF');
                }
              }}
            >
              Download PDF
            </Button>
          </Group>
        }
      />
      <SignatureDialog
        opened={signing}
        title={`Issue ${c.number}`}
        what="You issue this certificate of conformity as its authorised signatory; its PDF is then fixed and verifiable."
        meanings={ISSUED}
        confirmLabel="Sign and issue"
        onSign={async (s) => {
          await issueCertification(c, { password: s.password, meaning: 'issued' });
          notifySuccess(`${c.number} is issued.`);
          await refresh();
        }}
        onClose={() => setSigning(false)}
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card withBorder padding="xs">
            <PdfPreview url={c.preview_url} title={`PDF of ${c.number}`} />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <Card withBorder padding="lg">
              <Fields
                items={[
                  { label: 'Customer', value: c.customer_name },
                  { label: 'Product', value: c.product },
                  { label: 'Standard', value: c.standard },
                  { label: 'Scope', value: c.scope },
                  { label: 'Specification', value: c.specification_code },
                  { label: 'Results', value: String(c.result_ids.length) },
                  { label: 'Issued', value: c.issue_date ? formatDate(c.issue_date) : null },
                  { label: 'Expires', value: <ExpiryText c={c} /> },
                  { label: 'Suspended because', value: c.suspend_reason },
                  { label: 'Revoked because', value: c.revoke_reason },
                  {
                    label: 'PDF SHA-256',
                    value: c.pdf_sha256 ? (
                      <Text span ff="monospace" size="xs">
                        {c.pdf_sha256}
                      </Text>
                    ) : null,
                  },
                ]}
              />
            </Card>
            <SignaturesCard signatures={c.signatures} />
            {me.role !== 'customer' && (
              <HistoryCard
                queryKey={[...certificationKeys.history(c.id), c.version]}
                fetchPage={(skip) => certificationHistory(c.id, skip)}
              />
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
