import { Badge, Code, Text, Tooltip } from '@mantine/core';
import type { AuditEvent } from '../../../api/types';
import { DataTable } from '../../../components/data-table/DataTable';
import type { Column } from '../../../components/data-table/types';
import { displayValue, formatDateTime, shortId } from '../../../lib/format';
import { auditKeys, listAuditEvents } from '../api';

const ENTITY_TYPES = ['customer', 'user', 'session'];
const ACTIONS = [
  'create',
  'update',
  'replace',
  'archive',
  'restore',
  'login',
  'login_failed',
  'login_locked',
  'logout',
];

const columns: Column<AuditEvent>[] = [
  { key: 'seq', header: '#', width: 70 },
  {
    key: 'at',
    header: 'When',
    render: (e) => (
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        {formatDateTime(e.at)}
      </Text>
    ),
  },
  {
    key: 'action',
    header: 'Action',
    render: (e) => (
      <Badge variant="light" tt="none" maw="none" styles={{ label: { overflow: 'visible' } }}>
        {e.action}
      </Badge>
    ),
  },
  { key: 'entity_type', header: 'Entity' },
  {
    key: 'entity_id',
    header: 'Entity id',
    render: (e) => (
      <Tooltip label={e.entity_id ?? ''} disabled={!e.entity_id}>
        <Code>{shortId(e.entity_id)}</Code>
      </Tooltip>
    ),
  },
  {
    key: 'actor_id',
    header: 'Actor',
    render: (e) => (
      <Tooltip label={e.actor_id ?? 'system'}>
        <Code>{e.actor_id ? shortId(e.actor_id) : 'system'}</Code>
      </Tooltip>
    ),
  },
  {
    key: 'changes',
    header: 'Changes',
    render: (e) => {
      const fields = Object.keys(e.changes ?? {});
      return (
        <Text
          size="xs"
          lineClamp={2}
          title={fields.map((f) => `${f}: ${displayValue(e.changes[f])}`).join('\n')}
        >
          {fields.length ? fields.join(', ') : '—'}
        </Text>
      );
    },
  },
  { key: 'ip', header: 'IP', render: (e) => e.ip ?? '—', hiddenByDefault: true },
  {
    key: 'request_id',
    header: 'Request',
    render: (e) => <Code>{shortId(e.request_id)}</Code>,
    hiddenByDefault: true,
  },
  { key: 'hash', header: 'Hash', render: (e) => <Code>{e.hash.slice(0, 12)}</Code>, hiddenByDefault: true },
];

export function AuditLogTable() {
  return (
    <DataTable<AuditEvent>
      id="audit-log"
      noun="events"
      queryKey={auditKeys.list()}
      fetchPage={listAuditEvents}
      columns={columns}
      getRowId={(e) => e.id}
      filters={[
        {
          name: 'entity_type',
          label: 'Entity',
          type: 'select',
          options: ENTITY_TYPES.map((v) => ({ value: v, label: v })),
        },
        { name: 'entity_id', label: 'Entity id', type: 'text', placeholder: 'UUID' },
        { name: 'actor_id', label: 'Actor id', type: 'text', placeholder: 'User UUID' },
        {
          name: 'action',
          label: 'Action',
          type: 'select',
          options: ACTIONS.map((v) => ({ value: v, label: v })),
        },
        { name: 'at_from', label: 'From', type: 'date' },
        { name: 'at_to', label: 'To', type: 'date' },
      ]}
    />
  );
}
