import { Badge, Code, Text, Tooltip, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import type { AuditEvent } from '../../../api/types';
import { DataTable } from '../../../components/data-table/DataTable';
import { writeListState } from '../../../components/data-table/listState';
import type { Column } from '../../../components/data-table/types';
import { displayValue, formatDateTime, shortId } from '../../../lib/format';
import { auditKeys, listAuditEvents } from '../api';

/**
 * Suggestions only: the filters take any value, since every resource writes its own entity type and
 * its workflow actions (approve, issue, receive…) to the trail.
 */
const ENTITY_TYPES = [
  'audit',
  'audit_finding',
  'calibration_record',
  'certification',
  'customer',
  'document',
  'equipment',
  'estimation',
  'maintenance_record',
  'method',
  'ncr',
  'ncr_action',
  'notification_preferences',
  'project',
  'purchase_order',
  'report',
  'rfq',
  'sales_order',
  'sample',
  'session',
  'specification',
  'supplier',
  'task',
  'test_execution',
  'test_plan',
  'test_result',
  'trf',
  'user',
  'work_order',
];
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
  'logout_all',
  'token_refresh',
  'refresh_token_reuse',
  'session_revoked',
  'revoke_sessions',
  'register',
  'email_verified',
  'password_change',
  'password_reset',
  'approve',
  'reject',
  'submit',
  'issue',
  'revise',
  'supersede',
  'receive',
  'transfer',
  'custody',
  'split',
  'generate',
  'upload',
  'new_version',
  'calibrate',
  'close',
];

/** An id in a cell that narrows the list to it (keeps the other filters, back to the first page). */
function FilterBy({
  name,
  value,
  label,
  children,
}: {
  name: string;
  value: string;
  label: string;
  children: ReactNode;
}) {
  const [, setSearch] = useSearchParams();
  return (
    <UnstyledButton
      aria-label={label}
      onClick={() => setSearch((current) => writeListState(current, { filters: { [name]: value } }))}
    >
      {children}
    </UnstyledButton>
  );
}

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
    render: (e) =>
      e.entity_id ? (
        <Tooltip label={`${e.entity_id}: show only its events`}>
          <FilterBy
            name="entity_id"
            value={e.entity_id}
            label={`Show only events of ${e.entity_type} ${shortId(e.entity_id)}`}
          >
            <Code>{shortId(e.entity_id)}</Code>
          </FilterBy>
        </Tooltip>
      ) : (
        <Code>—</Code>
      ),
  },
  {
    key: 'actor_id',
    header: 'Actor',
    render: (e) =>
      e.actor_id ? (
        <Tooltip label={`${e.actor_id}: show only their events`}>
          <FilterBy name="actor_id" value={e.actor_id} label={`Show only events by ${shortId(e.actor_id)}`}>
            <Code>{shortId(e.actor_id)}</Code>
          </FilterBy>
        </Tooltip>
      ) : (
        <Code>system</Code>
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
        { name: 'entity_type', label: 'Entity', type: 'suggest', suggestions: ENTITY_TYPES },
        { name: 'entity_id', label: 'Entity id', type: 'text', placeholder: 'UUID' },
        { name: 'actor_id', label: 'Actor id', type: 'text', placeholder: 'User UUID' },
        { name: 'action', label: 'Action', type: 'suggest', suggestions: ACTIONS },
        { name: 'at_from', label: 'From', type: 'date' },
        { name: 'at_to', label: 'To', type: 'date' },
      ]}
    />
  );
}
