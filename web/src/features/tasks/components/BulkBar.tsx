import { Alert, Button, Group, List, Paper, Select, TagsInput, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../../api/problem';
import { RemoteSelect } from '../../../components/forms/RemoteSelect';
import { hasRole, MANAGERS } from '../../../lib/auth/roles';
import { useMe } from '../../../lib/auth/useAuth';
import { notifySuccess } from '../../../lib/notify';
import { type BulkChanges, bulkUpdateTasks, searchAssignees, taskKeys } from '../api';
import { PRIORITY_LABELS, TASK_STATUS_LABELS } from '../labels';

const UNASSIGNED = '__none__';
const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/**
 * One change for every selected task, all or nothing. When the server refuses some items, nothing
 * changed: the per-item reasons are listed by task number so the user can untick or fix those.
 */
export function BulkBar({ selected, onDone }: { selected: Map<string, string>; onDone: () => void }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<string | null>(null);
  const [priority, setPriority] = useState<string | null>(null);
  const [assignee, setAssignee] = useState<string | null>(null);
  const [addTags, setAddTags] = useState<string[]>([]);
  const [removeTags, setRemoveTags] = useState<string[]>([]);
  const [problems, setProblems] = useState<string[] | null>(null);
  const [saving, setSaving] = useState(false);

  const changes: BulkChanges = {
    ...(status ? { status: status as BulkChanges['status'] } : {}),
    ...(priority ? { priority: priority as BulkChanges['priority'] } : {}),
    ...(assignee ? { assignee_id: assignee === UNASSIGNED ? null : assignee } : {}),
    ...(addTags.length ? { add_tags: addTags } : {}),
    ...(removeTags.length ? { remove_tags: removeTags } : {}),
  };
  const ids = [...selected.keys()];
  const numbers = [...selected.values()];

  const apply = async () => {
    setSaving(true);
    setProblems(null);
    try {
      const result = await bulkUpdateTasks(ids, changes);
      notifySuccess(`${result.updated} of ${ids.length} tasks changed`);
      setStatus(null);
      setPriority(null);
      setAssignee(null);
      setAddTags([]);
      setRemoveTags([]);
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length) {
        // items[3].status → the 4th selected task's number
        setProblems(
          error.fieldErrors.map((e) => {
            const match = /^items\[(\d+)\]/.exec(e.field);
            const who = match ? numbers[Number(match[1])] : e.field;
            return `${who}: ${e.message}`;
          }),
        );
      } else setProblems([errorMessage(error)]);
    } finally {
      setSaving(false);
      await queryClient.invalidateQueries({ queryKey: taskKeys.all });
    }
  };

  return (
    <Paper withBorder p="sm" mb="sm" data-testid="bulk-bar">
      <Group align="flex-end" gap="sm">
        <Text fw={500}>{selected.size} selected:</Text>
        <Select
          label="Status"
          placeholder="Keep"
          data={options(TASK_STATUS_LABELS)}
          value={status}
          onChange={setStatus}
          clearable
          w={150}
        />
        <Select
          label="Priority"
          placeholder="Keep"
          data={options(PRIORITY_LABELS)}
          value={priority}
          onChange={setPriority}
          clearable
          w={130}
        />
        {hasRole(me.role, MANAGERS) && (
          <RemoteSelect
            label="Assignee"
            placeholder="Keep"
            source={{
              queryKey: taskKeys.options('assignees'),
              search: async (q) => [
                { value: UNASSIGNED, label: 'Nobody (unassign)' },
                ...(await searchAssignees(q)),
              ],
            }}
            value={assignee}
            onChange={setAssignee}
            clearable
            w={200}
          />
        )}
        <TagsInput label="Add tags" value={addTags} onChange={setAddTags} w={170} />
        <TagsInput label="Remove tags" value={removeTags} onChange={setRemoveTags} w={170} />
        <Button onClick={apply} loading={saving} disabled={!Object.keys(changes).length}>
          Apply to {selected.size}
        </Button>
        <Button variant="default" onClick={onDone} disabled={saving}>
          Clear selection
        </Button>
      </Group>
      {problems && (
        <Alert
          color="red"
          mt="sm"
          icon={<IconAlertTriangle size={18} aria-hidden />}
          title="Nothing was changed"
          role="alert"
        >
          <Text size="sm" mb={4}>
            Fix or untick these tasks and apply again:
          </Text>
          <List size="sm">
            {problems.map((p) => (
              <List.Item key={p}>{p}</List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Paper>
  );
}
