import { Badge, Button, Code, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { formatDateTime } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { type DocumentDetail, type DocumentVersion, downloadDocument, formatBytes } from '../api';

/** Every version of a document, newest first: who, when, why, size, SHA-256, and a download. */
export function VersionHistory({ doc }: { doc: DocumentDetail }) {
  const [busy, setBusy] = useState<number | null>(null);
  const download = async (version: DocumentVersion) => {
    setBusy(version.version);
    try {
      const sha = await downloadDocument(doc.id, version);
      if (sha && sha !== version.sha256)
        notifyError(new Error('The downloaded file does not match its SHA-256.'));
      else notifySuccess(`Downloaded ${version.filename} (v${version.version})`);
    } catch (e) {
      notifyError(e, 'The download failed');
    } finally {
      setBusy(null);
    }
  };
  if (!doc.versions.length) return <Text c="dimmed">No versions yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" aria-label="Version history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Version</Table.Th>
            <Table.Th>File</Table.Th>
            <Table.Th>Uploaded</Table.Th>
            <Table.Th>SHA-256</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {doc.versions.map((v) => (
            <Table.Tr key={v.id} data-testid={`version-${v.version}`}>
              <Table.Td>
                <Group gap={6}>
                  <Text fw={600}>v{v.version}</Text>
                  {v.is_current && (
                    <Badge size="sm" color="green" variant="light">
                      current
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm">{v.filename}</Text>
                  <Text size="xs" c="dimmed">
                    {v.content_type} · {formatBytes(v.size)}
                  </Text>
                  {v.change_note && (
                    <Text size="xs" fs="italic">
                      {v.change_note}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateTime(v.uploaded_at)}</Text>
                <Text size="xs" c="dimmed">
                  {v.uploaded_by_name || 'unknown'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Tooltip label={v.sha256} multiline w={300}>
                  <Code>{v.sha256.slice(0, 16)}…</Code>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconDownload size={14} aria-hidden />}
                  loading={busy === v.version}
                  onClick={() => download(v)}
                  aria-label={`Download version ${v.version}`}
                >
                  Download
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
