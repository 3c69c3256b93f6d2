import { Anchor, Badge, Button, Card, Grid, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconEdit,
  IconPlugOff,
  IconRuler,
  IconTool,
} from '@tabler/icons-react';
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
import {
  CALIBRATION_RESULT_LABELS,
  EQUIPMENT_STATUS_COLORS,
  EQUIPMENT_STATUS_LABELS,
  type Equipment,
  type EquipmentAction,
  equipmentAction,
  equipmentHistory,
  equipmentKeys,
  MAINTENANCE_KIND_LABELS,
  useCalibrations,
  useEquipment,
  useMaintenance,
} from '../../features/equipment/api';
import { CalibrationDue } from '../../features/equipment/components/CalibrationBadge';
import { CalibrationDialog } from '../../features/equipment/components/CalibrationDialog';
import { MaintenanceDialog } from '../../features/equipment/components/MaintenanceDialog';
import { hasRole, MANAGERS } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';
import { formatDate } from '../../lib/format';

const SPECS: Record<EquipmentAction, ActionSpec> = {
  quarantine: {
    label: 'Quarantine',
    icon: IconAlertTriangle,
    color: 'orange',
    variant: 'light',
    reason: {
      title: 'Quarantine this instrument?',
      message: 'Why is it suspect? It cannot start executions meanwhile.',
    },
    done: 'The instrument is quarantined.',
  },
  take_out_of_service: {
    label: 'Take out of service',
    icon: IconPlugOff,
    color: 'gray',
    variant: 'default',
    reason: { title: 'Take it out of service?', message: 'Why (broken, away for repair, retired)?' },
    done: 'The instrument is out of service.',
  },
  return_to_service: {
    label: 'Return to service',
    icon: IconCircleCheck,
    color: 'green',
    reason: { title: 'Return it to service?', message: 'What makes it fit again (a calibration, a repair)?' },
    done: 'The instrument is back in service.',
  },
};

export function EquipmentDetailPage() {
  const { id = '' } = useParams();
  const item = useEquipment(id);
  useSetCrumb(item.data?.asset_number);
  if (item.isLoading) return <Skeleton h={400} />;
  if (item.error || !item.data)
    return <QueryError error={item.error} what="equipment" onRetry={() => item.refetch()} />;
  return <EquipmentDetail item={item.data} />;
}

function EquipmentDetail({ item }: { item: Equipment }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const [calibrating, setCalibrating] = useState(false);
  const [maintaining, setMaintaining] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: equipmentKeys.all });
  const isManager = hasRole(me.role, MANAGERS);
  const canMaintain = hasRole(me.role, ['manager', 'engineer']);
  const live = !item.archived_at;
  return (
    <>
      <PageHeader
        title={`${item.asset_number} · ${item.name}`}
        badge={
          <Badge variant="light" color={EQUIPMENT_STATUS_COLORS[item.status]} data-testid="equipment-status">
            {EQUIPMENT_STATUS_LABELS[item.status]}
          </Badge>
        }
        subtitle={[item.manufacturer, item.model].filter(Boolean).join(' ') || undefined}
        actions={
          <>
            {isManager && live && (
              <Button
                component={Link}
                to={`/equipment/${item.id}/edit`}
                variant="default"
                leftSection={<IconEdit size={16} aria-hidden />}
              >
                Edit
              </Button>
            )}
            {isManager && live && (
              <Button leftSection={<IconRuler size={16} aria-hidden />} onClick={() => setCalibrating(true)}>
                Record calibration
              </Button>
            )}
            {canMaintain && live && (
              <Button
                variant="default"
                leftSection={<IconTool size={16} aria-hidden />}
                onClick={() => setMaintaining(true)}
              >
                Log maintenance
              </Button>
            )}
            <ActionBar<EquipmentAction>
              allowed={item.allowed_actions}
              specs={SPECS}
              run={(action, reason) => equipmentAction(item, action, reason)}
              onSettled={refresh}
            />
          </>
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Card withBorder padding="lg">
              <Fields
                items={[
                  { label: 'Calibration due', value: <CalibrationDue item={item} /> },
                  { label: 'Last calibrated', value: formatDate(item.last_calibrated_on) },
                  {
                    label: 'Interval',
                    value: item.calibration_interval_days ? `${item.calibration_interval_days} days` : 'None',
                  },
                  { label: 'Status reason', value: item.status_reason },
                  { label: 'Location', value: item.location },
                  { label: 'Serial number', value: item.serial_number },
                  { label: 'Notes', value: item.notes },
                ]}
              />
            </Card>
            <CalibrationLog id={item.id} />
            <MaintenanceLog id={item.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <HistoryCard
            queryKey={[...equipmentKeys.history(item.id), item.version]}
            fetchPage={(skip) => equipmentHistory(item.id, skip)}
          />
        </Grid.Col>
      </Grid>
      <CalibrationDialog
        item={item}
        opened={calibrating}
        onClose={() => setCalibrating(false)}
        onRecorded={refresh}
      />
      <MaintenanceDialog
        item={item}
        opened={maintaining}
        onClose={() => setMaintaining(false)}
        onLogged={refresh}
      />
    </>
  );
}

const resultColor = (r: string) => (r === 'fail' ? 'red' : r === 'adjusted' ? 'yellow' : 'green');

function CalibrationLog({ id }: { id: string }) {
  const calibrations = useCalibrations(id);
  const items = calibrations.data?.items ?? [];
  return (
    <SectionCard title="Calibrations">
      {calibrations.error && <QueryError error={calibrations.error} what="calibrations" />}
      {!calibrations.isLoading && items.length === 0 ? (
        <Text c="dimmed" size="sm">
          No calibration recorded yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="calibration-log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>By</Table.Th>
                <Table.Th>Certificate</Table.Th>
                <Table.Th>As found</Table.Th>
                <Table.Th>As left</Table.Th>
                <Table.Th>Next due</Table.Th>
                <Table.Th>NCR</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{formatDate(c.performed_on)}</Table.Td>
                  <Table.Td>
                    {c.performed_by}{' '}
                    <Text span size="xs" c="dimmed">
                      ({c.performed_by_kind})
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {c.certificate_document_id ? (
                      <Anchor component={Link} to={`/documents/${c.certificate_document_id}`}>
                        {c.certificate_number ?? 'Certificate'}
                      </Anchor>
                    ) : (
                      (c.certificate_number ?? '—')
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={resultColor(c.as_found)}>
                      {CALIBRATION_RESULT_LABELS[c.as_found]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={resultColor(c.as_left)}>
                      {CALIBRATION_RESULT_LABELS[c.as_left]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatDate(c.next_due_date)}</Table.Td>
                  <Table.Td>
                    {c.ncr_id ? (
                      <Group gap={4}>
                        <Anchor component={Link} to={`/ncrs/${c.ncr_id}`}>
                          {c.ncr_number}
                        </Anchor>
                        <Text span size="xs" c="dimmed">
                          {c.impacted_result_ids.length} result{c.impacted_result_ids.length === 1 ? '' : 's'}
                        </Text>
                      </Group>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SectionCard>
  );
}

function MaintenanceLog({ id }: { id: string }) {
  const log = useMaintenance(id);
  const items = log.data?.items ?? [];
  return (
    <SectionCard title="Maintenance log">
      {log.error && <QueryError error={log.error} what="maintenance log" />}
      {!log.isLoading && items.length === 0 ? (
        <Text c="dimmed" size="sm">
          Nothing logged yet.
        </Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>By</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>{formatDate(m.performed_on)}</Table.Td>
                <Table.Td>{MAINTENANCE_KIND_LABELS[m.kind]}</Table.Td>
                <Table.Td>{m.description}</Table.Td>
                <Table.Td>{m.performed_by}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </SectionCard>
  );
}
