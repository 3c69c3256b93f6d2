import { Alert, Button, Group, Modal, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { displayValue, formatDateTime } from '../../lib/format';

export interface ConflictField {
  key: string;
  label: string;
}

/**
 * Shown on a 412: someone saved the record after this form was opened. Shows the newer version
 * next to the user's edits; the user reloads (drops their edits) or overwrites (resends with the
 * newer version's If-Match).
 */
export function ConflictDialog({
  opened,
  fields,
  mine,
  theirs,
  onReload,
  onOverwrite,
  onCancel,
  overwriting = false,
}: {
  opened: boolean;
  fields: ConflictField[];
  mine: Record<string, unknown>;
  theirs: (Record<string, unknown> & { version: number; updated_at: string }) | null;
  onReload: () => void;
  onOverwrite: () => void;
  onCancel: () => void;
  overwriting?: boolean;
}) {
  const differing = theirs
    ? fields.filter((f) => JSON.stringify(mine[f.key] ?? null) !== JSON.stringify(theirs[f.key] ?? null))
    : [];
  return (
    <Modal opened={opened} onClose={onCancel} title="Someone else changed this record" size="lg" centered>
      <Alert color="yellow" icon={<IconAlertTriangle aria-hidden />} mb="md">
        While you were editing, version {theirs?.version} was saved
        {theirs?.updated_at ? ` at ${formatDateTime(theirs.updated_at)}` : ''}. Your changes were not saved.
      </Alert>
      {differing.length > 0 ? (
        <Table withTableBorder withColumnBorders data-testid="conflict-diff">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Field</Table.Th>
              <Table.Th>Your version</Table.Th>
              <Table.Th>Saved version</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {differing.map((f) => (
              <Table.Tr key={f.key}>
                <Table.Td fw={500}>{f.label}</Table.Td>
                <Table.Td>{displayValue(mine[f.key])}</Table.Td>
                <Table.Td>{displayValue(theirs?.[f.key])}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm">The saved version has the same values as yours in the fields of this form.</Text>
      )}
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onCancel} disabled={overwriting}>
          Keep editing
        </Button>
        <Button variant="light" onClick={onReload} disabled={overwriting}>
          Load the saved version
        </Button>
        <Button color="red" onClick={onOverwrite} loading={overwriting}>
          Overwrite with mine
        </Button>
      </Group>
    </Modal>
  );
}
