import { Alert, Anchor, Badge, Card, Grid, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconArrowBack, IconCircleCheck, IconEye, IconFileOff, IconSend } from '@tabler/icons-react';
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
import { FileUpload } from '../../components/upload/FileUpload';
import {
  CATEGORY_LABELS,
  type DocumentAction,
  type DocumentDetail,
  documentHistory,
  documentKeys,
  KIND_LABELS,
  runDocumentAction,
  useDocument,
  versionUploadUrl,
} from '../../features/documents/api';
import { DocumentStatusBadge } from '../../features/documents/components/DocumentStatusBadge';
import { UPLOAD_HINT } from '../../features/documents/components/UploadDocumentForm';
import { VersionHistory } from '../../features/documents/components/VersionHistory';
import { hasRole } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';
import { formatDate, formatDateTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';

const UPLOADERS = ['admin', 'manager', 'engineer'] as const;

const SPECS: Record<DocumentAction, ActionSpec> = {
  submit: { label: 'Send for review', icon: IconSend, done: 'The document is in review.' },
  approve: {
    label: 'Approve',
    icon: IconCircleCheck,
    color: 'green',
    confirm: {
      title: 'Approve this version?',
      message: 'The latest version becomes the current one, in force from today.',
    },
    done: 'Approved: the latest version is now current.',
  },
  reject: {
    label: 'Send back',
    icon: IconArrowBack,
    variant: 'default',
    reason: { title: 'Send back to the authors', message: 'Say what must change before it can be approved.' },
    done: 'Sent back to draft.',
  },
  obsolete: {
    label: 'Make obsolete',
    icon: IconFileOff,
    color: 'red',
    variant: 'default',
    confirm: { title: 'Withdraw this document?', message: 'It stays readable, marked obsolete.' },
    done: 'The document is obsolete.',
  },
};

export function DocumentDetailPage() {
  const { id = '' } = useParams();
  const doc = useDocument(id);
  useSetCrumb(doc.data?.number);
  if (doc.isLoading) return <Skeleton h={400} />;
  if (doc.error || !doc.data)
    return <QueryError error={doc.error} what="document" onRetry={() => doc.refetch()} />;
  return <DocumentView doc={doc.data} />;
}

function DocumentView({ doc }: { doc: DocumentDetail }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: documentKeys.all });
  const canUpload = hasRole(me.role, UPLOADERS) && !doc.archived_at && doc.status !== 'obsolete';
  const current = doc.versions.find((v) => v.is_current);
  return (
    <>
      <PageHeader
        title={`${doc.number} · ${doc.title}`}
        badge={<DocumentStatusBadge status={doc.status} archived={Boolean(doc.archived_at)} />}
        subtitle={`${KIND_LABELS[doc.kind]}${doc.category ? ` · ${CATEGORY_LABELS[doc.category]}` : ''}`}
        actions={
          <ActionBar<DocumentAction>
            allowed={doc.allowed_actions}
            specs={SPECS}
            run={(action, reason) => runDocumentAction(doc, action, reason)}
            onSettled={refresh}
          />
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            {doc.review_note && doc.status === 'draft' && (
              <Alert
                color="yellow"
                icon={<IconArrowBack size={18} aria-hidden />}
                title="Sent back by the reviewer"
              >
                {doc.review_note}
              </Alert>
            )}
            <Card withBorder padding="lg">
              <Fields
                items={[
                  {
                    label: 'Current version',
                    value: current ? `v${current.version} (${current.filename})` : 'None approved yet',
                  },
                  { label: 'Latest upload', value: `v${doc.latest_version}` },
                  { label: 'Effective from', value: formatDate(doc.effective_date) },
                  { label: 'Approved', value: doc.approved_at ? formatDateTime(doc.approved_at) : null },
                  {
                    label: 'Customers',
                    value: doc.customer_visible ? (
                      <Badge variant="light" leftSection={<IconEye size={12} aria-hidden />}>
                        Visible on their records
                      </Badge>
                    ) : (
                      'Not shown to customers'
                    ),
                  },
                  { label: 'Description', value: doc.description },
                  {
                    label: 'Attached to',
                    value: doc.links.length
                      ? doc.links.map((l) => (
                          <Text key={l.id} size="sm">
                            <LinkTarget type={l.entity_type} id={l.entity_id} />
                          </Text>
                        ))
                      : null,
                  },
                ]}
              />
            </Card>
            <SectionCard title="Versions">
              <VersionHistory doc={doc} />
              {canUpload && (
                <Stack mt="lg" gap="xs">
                  <Title order={3} fz="h5">
                    Upload a new version
                  </Title>
                  {doc.status === 'approved' && (
                    <Text size="sm" c="dimmed">
                      A new version goes to review; v{doc.current_version} stays current until it is approved.
                    </Text>
                  )}
                  <TextInput
                    label="What changed"
                    value={note}
                    onChange={(e) => setNote(e.currentTarget.value)}
                    maxLength={1000}
                  />
                  <FileUpload
                    url={versionUploadUrl(doc.id)}
                    label="Choose the new version"
                    extra={note.trim() ? { change_note: note.trim() } : {}}
                    dropzone
                    hint={UPLOAD_HINT}
                    onUploaded={async () => {
                      setNote('');
                      notifySuccess('New version uploaded');
                      await refresh();
                    }}
                  />
                </Stack>
              )}
            </SectionCard>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <HistoryCard
            queryKey={[...documentKeys.history(doc.id), doc.version]}
            fetchPage={(skip) => documentHistory(doc.id, skip)}
          />
        </Grid.Col>
      </Grid>
    </>
  );
}

/** Where a linked record's page is, for the kinds that have one in the web app. */
const PAGES: Record<string, string> = {
  project: '/projects',
  sample: '/samples',
  trf: '/trfs',
  customer: '/customers',
  rfq: '/rfqs',
  estimation: '/quotes',
  sales_order: '/sales-orders',
};

function LinkTarget({ type, id }: { type: string; id: string }) {
  const label = `${type.replace(/_/g, ' ')} …${id.slice(-6)}`;
  return PAGES[type] ? (
    <Anchor component={Link} to={`${PAGES[type]}/${id}`}>
      {label}
    </Anchor>
  ) : (
    <span>{label}</span>
  );
}
