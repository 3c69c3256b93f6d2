import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { FormError } from '../../../components/forms/FormError';
import { RemoteSelect } from '../../../components/forms/RemoteSelect';
import { useFormSubmit } from '../../../components/forms/useFormSubmit';
import { formatDate } from '../../../lib/format';
import { documentOptions } from '../../documents/api';
import { type CalibrationRecorded, type Equipment, recordCalibration } from '../api';

type Result = 'pass' | 'fail' | 'adjusted';
interface Values {
  performed_on: string;
  performed_by_kind: 'lab' | 'provider';
  performed_by: string;
  certificate_number: string;
  certificate_document_id: string | null;
  as_found: Result;
  as_left: Result;
  next_due_date: string;
  notes: string;
}

const RESULTS = [
  { value: 'pass', label: 'Pass' },
  { value: 'adjusted', label: 'Adjusted' },
  { value: 'fail', label: 'Fail' },
];
const todayIso = () => new Date().toISOString().slice(0, 10);
const orNull = (v: string) => (v.trim() ? v.trim() : null);

/**
 * Records a calibration. When it failed as found, the dialog stays open on what the server found:
 * the results measured with the instrument since its last good calibration and the drafted NCR.
 */
export function CalibrationDialog({
  item,
  opened,
  onClose,
  onRecorded,
}: {
  item: Equipment;
  opened: boolean;
  onClose: () => void;
  onRecorded: () => void;
}) {
  const [recorded, setRecorded] = useState<CalibrationRecorded | null>(null);
  const key = useRef(crypto.randomUUID());
  const form = useForm<Values>({
    initialValues: {
      performed_on: todayIso(),
      performed_by_kind: 'provider',
      performed_by: '',
      certificate_number: '',
      certificate_document_id: null,
      as_found: 'pass',
      as_left: 'pass',
      next_due_date: '',
      notes: '',
    },
    validate: {
      performed_on: (v) => (v ? null : 'When was it calibrated?'),
      performed_by: (v) => (v.trim() ? null : 'Who calibrated it (the provider or the lab person)?'),
    },
  });
  const close = () => {
    form.reset();
    setRecorded(null);
    key.current = crypto.randomUUID();
    onClose();
  };
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (v) =>
      recordCalibration(
        item.id,
        {
          performed_on: v.performed_on,
          performed_by_kind: v.performed_by_kind,
          performed_by: v.performed_by.trim(),
          certificate_number: orNull(v.certificate_number),
          certificate_document_id: v.certificate_document_id,
          as_found: v.as_found,
          as_left: v.as_left,
          next_due_date: orNull(v.next_due_date),
          notes: orNull(v.notes),
        },
        key.current,
      ),
    {
      onSuccess: (result) => {
        onRecorded();
        if (result.impact.ncr_id) setRecorded(result);
        else close();
      },
    },
  );
  const values = form.getValues();
  return (
    <Modal opened={opened} onClose={close} title={`Record a calibration of ${item.asset_number}`} size="xl">
      {recorded ? (
        <ImpactReport recorded={recorded} onClose={close} />
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <FormError message={formError} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                type="date"
                label="Calibrated on"
                required
                data-autofocus
                {...form.getInputProps('performed_on')}
                key={form.key('performed_on')}
              />
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  Performed by
                </Text>
                <SegmentedControl
                  aria-label="Performed by"
                  data={[
                    { value: 'provider', label: 'Provider' },
                    { value: 'lab', label: 'The lab' },
                  ]}
                  {...form.getInputProps('performed_by_kind')}
                  key={form.key('performed_by_kind')}
                />
              </Stack>
              <TextInput
                label={values.performed_by_kind === 'lab' ? 'Lab person' : 'Provider name'}
                required
                {...form.getInputProps('performed_by')}
                key={form.key('performed_by')}
              />
              <TextInput
                label="Certificate number"
                {...form.getInputProps('certificate_number')}
                key={form.key('certificate_number')}
              />
              <RemoteSelect
                label="Certificate document"
                description="Upload the certificate in Documents first, then pick it here"
                placeholder="Search documents by number or title"
                source={documentOptions}
                clearable
                {...form.getInputProps('certificate_document_id')}
                key={form.key('certificate_document_id')}
              />
              <Stack gap={4}>
                <Text size="sm" fw={500} id="as-found-label">
                  As found
                </Text>
                <SegmentedControl
                  aria-labelledby="as-found-label"
                  data={RESULTS}
                  color={values.as_found === 'fail' ? 'red' : undefined}
                  {...form.getInputProps('as_found')}
                  key={form.key('as_found')}
                />
              </Stack>
              <Stack gap={4}>
                <Text size="sm" fw={500} id="as-left-label">
                  As left
                </Text>
                <SegmentedControl
                  aria-labelledby="as-left-label"
                  data={RESULTS}
                  color={values.as_left === 'fail' ? 'red' : undefined}
                  {...form.getInputProps('as_left')}
                  key={form.key('as_left')}
                />
              </Stack>
              <TextInput
                type="date"
                label="Next due"
                description={
                  item.calibration_interval_days
                    ? `Default: the date + ${item.calibration_interval_days} days`
                    : 'This instrument has no interval: give a date if it needs one'
                }
                {...form.getInputProps('next_due_date')}
                key={form.key('next_due_date')}
              />
            </SimpleGrid>
            <Textarea
              label="Notes"
              autosize
              minRows={2}
              {...form.getInputProps('notes')}
              key={form.key('notes')}
            />
            {values.as_found === 'fail' && (
              <Alert color="red" icon={<IconAlertTriangle aria-hidden />}>
                A failure as found puts every result measured with this instrument since its last good
                calibration in doubt: they will be listed and an NCR drafted about them.
              </Alert>
            )}
            {values.as_left === 'fail' && (
              <Alert color="orange">Failing as left takes the instrument out of service.</Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={pending}>
                Record calibration
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

/** What a failed calibration put in doubt, and the NCR drafted about it. */
export function ImpactReport({ recorded, onClose }: { recorded: CalibrationRecorded; onClose?: () => void }) {
  const { impact } = recorded;
  return (
    <Stack data-testid="calibration-impact">
      <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title="Calibration failed as found">
        {impact.results.length} result{impact.results.length === 1 ? '' : 's'} measured with this instrument{' '}
        {impact.since
          ? `since its last good calibration (${formatDate(impact.since)})`
          : 'ever (no good calibration on record)'}{' '}
        up to {formatDate(impact.until)} {impact.results.length === 1 ? 'is' : 'are'} in doubt.{' '}
        {impact.ncr_id && (
          <>
            NCR{' '}
            <Anchor component={Link} to={`/ncrs/${impact.ncr_id}`} fw={600}>
              {impact.ncr_number}
            </Anchor>{' '}
            was drafted to assess them.
          </>
        )}
      </Alert>
      {impact.results.length > 0 && (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Project</Table.Th>
              <Table.Th>Sample</Table.Th>
              <Table.Th>Parameter</Table.Th>
              <Table.Th>Value</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Measured</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {impact.results.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.project_number}</Table.Td>
                <Table.Td>{r.sample_number}</Table.Td>
                <Table.Td>{r.parameter}</Table.Td>
                <Table.Td>
                  {r.value ?? '—'} {r.unit ?? ''}
                </Table.Td>
                <Table.Td>
                  {r.status}
                  {r.overall_verdict ? ` · ${r.overall_verdict}` : ''}
                </Table.Td>
                <Table.Td>{formatDate(r.measured_at)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {onClose && (
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      )}
    </Stack>
  );
}
