import { Anchor, Badge, Box, Checkbox, Group, Text } from '@mantine/core';
import { type ReactNode, useRef, useState } from 'react';
import { Link } from 'react-router';
import { DataTable } from '../../../components/data-table/DataTable';
import type { Column, ListQuery } from '../../../components/data-table/types';
import { formatDate } from '../../../lib/format';
import { exportTasks, listTasks, type Task, type TasksQuery, taskKeys } from '../api';
import { PRIORITY_COLORS, PRIORITY_LABELS, TASK_STATUS_COLORS, TASK_STATUS_LABELS } from '../labels';
import { BulkBar } from './BulkBar';

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/**
 * The task list (server-driven DataTable) with row selection: tick rows, then change status,
 * assignee, priority or tags of all of them at once (POST /tasks/bulk-update, all or nothing).
 */
export function TasksTable({
  actions,
  emptyAction,
  canWrite,
}: {
  actions?: ReactNode;
  emptyAction?: ReactNode;
  canWrite: boolean;
}) {
  const [selected, setSelected] = useState<Map<string, string>>(new Map());
  const [pageRows, setPageRows] = useState<Task[]>([]);
  const pageRef = useRef<Task[]>([]);

  const toggle = (task: Task, on: boolean) =>
    setSelected((prev) => {
      const next = new Map(prev);
      if (on) next.set(task.id, task.number);
      else next.delete(task.id);
      return next;
    });
  const allOnPage = pageRows.length > 0 && pageRows.every((t) => selected.has(t.id));

  const columns: Column<Task>[] = [
    ...(canWrite
      ? [
          {
            key: 'select',
            header: 'Select',
            width: 60,
            render: (t: Task) => (
              <Box onClick={(e) => e.stopPropagation()}>
                <Checkbox
                  aria-label={`Select ${t.number}`}
                  checked={selected.has(t.id)}
                  onChange={(e) => toggle(t, e.currentTarget.checked)}
                />
              </Box>
            ),
          },
        ]
      : []),
    {
      key: 'number',
      header: 'Number',
      sortable: true,
      // with the selection column first, the number is the link (a checkbox must not sit in a link)
      render: canWrite
        ? (t) => (
            <Anchor component={Link} to={`/tasks/${t.id}`} fw={500}>
              {t.number}
            </Anchor>
          )
        : undefined,
    },
    { key: 'title', header: 'Title', sortable: true },
    {
      key: 'status',
      header: 'Status',
      sortable: true,
      render: (t) => (
        <Badge variant="light" color={TASK_STATUS_COLORS[t.status]}>
          {TASK_STATUS_LABELS[t.status]}
        </Badge>
      ),
    },
    {
      key: 'priority',
      header: 'Priority',
      sortable: true,
      render: (t) => (
        <Badge variant="outline" color={PRIORITY_COLORS[t.priority]}>
          {PRIORITY_LABELS[t.priority]}
        </Badge>
      ),
    },
    { key: 'assignee_name', header: 'Assignee', render: (t) => t.assignee_name ?? '—' },
    { key: 'due_date', header: 'Due', sortable: true, render: (t) => formatDate(t.due_date) },
    {
      key: 'tags',
      header: 'Tags',
      render: (t) =>
        t.tags.length ? (
          <Group gap={4}>
            {t.tags.map((tag) => (
              <Badge key={tag} size="xs" variant="dot">
                {tag}
              </Badge>
            ))}
          </Group>
        ) : (
          '—'
        ),
    },
    { key: 'parent_number', header: 'Parent', render: (t) => t.parent_number ?? '—', hiddenByDefault: true },
    {
      key: 'reporter_name',
      header: 'Reporter',
      render: (t) => t.reporter_name ?? '—',
      hiddenByDefault: true,
    },
  ];

  return (
    <>
      {canWrite && (
        <Group justify="space-between" mb="xs">
          <Checkbox
            label={allOnPage ? 'Unselect this page' : 'Select this page'}
            checked={allOnPage}
            disabled={!pageRows.length}
            onChange={(e) => {
              for (const t of pageRows) toggle(t, e.currentTarget.checked);
            }}
          />
          <Text size="sm" c="dimmed">
            {selected.size ? `${selected.size} selected` : 'Tick tasks to change several at once'}
          </Text>
        </Group>
      )}
      {canWrite && selected.size > 0 && <BulkBar selected={selected} onDone={() => setSelected(new Map())} />}
      <DataTable<Task>
        id="tasks"
        noun="tasks"
        queryKey={taskKeys.list()}
        fetchPage={async (q: ListQuery) => {
          const page = await listTasks(q as TasksQuery);
          pageRef.current = page.items;
          setPageRows(page.items);
          return page;
        }}
        exportFile={exportTasks}
        columns={columns}
        getRowId={(t) => t.id}
        rowHref={canWrite ? undefined : (t) => `/tasks/${t.id}`}
        searchable
        archivable
        defaultSort="-created_at"
        filters={[
          { name: 'status', label: 'Status', type: 'select', options: options(TASK_STATUS_LABELS) },
          { name: 'priority', label: 'Priority', type: 'select', options: options(PRIORITY_LABELS) },
          { name: 'tag', label: 'Tag', type: 'text', placeholder: 'e.g. calibration' },
          { name: 'due_date_from', label: 'Due from', type: 'date' },
          { name: 'due_date_to', label: 'Due to', type: 'date' },
        ]}
        actions={actions}
        emptyState={{
          title: 'No tasks yet',
          description:
            'Tasks keep the lab’s to-dos: who does what by when, with subtasks and links to records.',
          action: emptyAction,
        }}
      />
    </>
  );
}
