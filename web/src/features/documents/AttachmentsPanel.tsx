import { ActionIcon, Anchor, Group, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { IconDownload, IconPaperclip } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { SectionCard } from '../../components/detail/SectionCard';
import { QueryError } from '../../components/ui/QueryState';
import { FileUpload } from '../../components/upload/FileUpload';
import { hasRole } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';
import { formatDate } from '../../lib/format';
import { notifyError } from '../../lib/notify';
import {
  type DocumentRow,
  documentKeys,
  downloadDocument,
  formatBytes,
  uploadUrl,
  useLinkedDocuments,
} from './api';
import { UPLOAD_HINT } from './components/UploadDocumentForm';

const UPLOADERS = ['admin', 'manager', 'engineer'] as const;

/**
 * The documents attached to one record, with a download for each and (for managers and engineers)
 * an upload that attaches the new file to the record. Drop it on any detail page:
 *   <AttachmentsPanel entityType="project" entityId={project.id} />
 */
export function AttachmentsPanel({
  entityType,
  entityId,
  title = 'Attachments',
}: {
  entityType: string;
  entityId: string;
  title?: string;
}) {
  const me = useMe();
  const queryClient = useQueryClient();
  const key = documentKeys.linked(entityType, entityId);
  const docs = useLinkedDocuments(entityType, entityId);
  const canUpload = hasRole(me.role, UPLOADERS);
  const staff = me.role !== 'customer';
  return (
    <SectionCard title={title} aria-label={title}>
      {docs.isLoading ? (
        <Skeleton h={60} />
      ) : docs.error ? (
        <QueryError error={docs.error} what="attachments" onRetry={() => docs.refetch()} />
      ) : (
        <Stack gap="xs">
          {docs.data?.items.length ? (
            docs.data.items.map((d) => <AttachmentRow key={d.id} doc={d} linkToDetail={staff} />)
          ) : (
            <Text c="dimmed" size="sm">
              Nothing attached yet.{canUpload ? ' Drop a photo, scan or data file below.' : ''}
            </Text>
          )}
        </Stack>
      )}
      {canUpload && (
        <Stack mt="md">
          <FileUpload
            url={uploadUrl}
            label="Attach a file"
            extra={{ entity_type: entityType, entity_id: entityId }}
            dropzone
            hint={UPLOAD_HINT}
            onUploaded={() => queryClient.invalidateQueries({ queryKey: key })}
          />
        </Stack>
      )}
    </SectionCard>
  );
}

function AttachmentRow({ doc, linkToDetail }: { doc: DocumentRow; linkToDetail: boolean }) {
  const file = doc.latest_file;
  const download = async () => {
    if (!file) return;
    try {
      await downloadDocument(doc.id, file);
    } catch (e) {
      notifyError(e, 'The download failed');
    }
  };
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm">
      <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
        <IconPaperclip size={16} aria-hidden />
        <Stack gap={0} style={{ minWidth: 0 }}>
          {linkToDetail ? (
            <Anchor component={Link} to={`/documents/${doc.id}`} size="sm" truncate>
              {doc.title}
            </Anchor>
          ) : (
            <Text size="sm" truncate>
              {doc.title}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {doc.number} · v{file?.version ?? doc.latest_version}
            {file ? ` · ${formatBytes(file.size)} · ${formatDate(file.uploaded_at)}` : ''}
          </Text>
        </Stack>
      </Group>
      {file && (
        <Tooltip label={`Download ${file.filename}`}>
          <ActionIcon variant="subtle" onClick={download} aria-label={`Download ${file.filename}`}>
            <IconDownload size={16} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}
