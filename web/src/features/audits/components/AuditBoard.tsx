import { Badge, Card, Group, Text, Title } from '@mantine/core';
import { StatusBoard } from '../../../components/board/StatusBoard';
import { formatDate } from '../../../lib/format';
import { AUDIT_STATUS_LABELS, AUDIT_STATUSES, type Audit, useAuditBoard } from '../api';

/** Audits in columns by status, the next planned first. */
export function AuditBoard({ emptyAction }: { emptyAction?: React.ReactNode }) {
  const board = useAuditBoard();
  return (
    <StatusBoard
      query={board}
      what="audits"
      items={board.data?.items}
      statuses={AUDIT_STATUSES}
      labels={AUDIT_STATUS_LABELS}
      testId="audit-board"
      empty={
        <Card withBorder padding="xl" ta="center">
          <Title order={2} fz="h4">
            No audits yet
          </Title>
          <Text c="dimmed" size="sm" mb="md">
            Plan internal audits against ISO/IEC 17025 clauses and record external ones; findings can raise
            NCRs.
          </Text>
          {emptyAction}
        </Card>
      }
      card={(a) => ({
        to: `/audits/${a.id}`,
        number: a.number,
        badge: (
          <Badge size="xs" variant="outline">
            {a.type}
          </Badge>
        ),
        title: a.title,
        details: <AuditDetails audit={a} />,
      })}
    />
  );
}

/** The planned dates, the lead auditor and the findings by kind. */
function AuditDetails({ audit: a }: { audit: Audit }) {
  return (
    <>
      <Text size="xs" c="dimmed">
        {formatDate(a.planned_start)} – {formatDate(a.planned_end)}
        {a.lead_auditor_name ? ` · ${a.lead_auditor_name}` : ''}
      </Text>
      {a.finding_count > 0 && (
        <Group gap={4} mt={4}>
          {a.major_count > 0 && (
            <Badge size="xs" color="red">
              {a.major_count} major
            </Badge>
          )}
          {a.minor_count > 0 && (
            <Badge size="xs" color="yellow">
              {a.minor_count} minor
            </Badge>
          )}
          {a.observation_count > 0 && (
            <Badge size="xs" color="blue">
              {a.observation_count} obs.
            </Badge>
          )}
        </Group>
      )}
    </>
  );
}
