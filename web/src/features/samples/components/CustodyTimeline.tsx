import {
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  IconArrowBackUp,
  IconArrowsExchange,
  IconArrowsSplit,
  IconBox,
  IconFlask,
  IconHandStop,
  IconPackageImport,
  IconPoint,
  IconTrash,
} from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { applyApiError } from '../../../components/forms/apiErrors';
import { FormError } from '../../../components/forms/FormError';
import { QueryError } from '../../../components/ui/QueryState';
import { formatDateTime } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import {
  type CustodyEntry,
  type CustodyInput,
  recordCustody,
  type Sample,
  sampleCustody,
  sampleKeys,
} from '../api';

const WORDS: Record<string, string> = {
  received: 'Received',
  to_testing: 'Taken to testing',
  from_testing: 'Back from testing',
  retained: 'Retained',
  disposed: 'Disposed',
  returned_to_customer: 'Returned to the customer',
  split: 'Split into partitions',
  split_from: 'Split from its parent',
  handover: 'Handed over',
  transfer: 'Transferred',
  storage: 'Stored',
  collection: 'Collected',
  dispatch: 'Dispatched',
  inspection: 'Inspected',
  other: 'Other',
};

const ICONS: Record<string, typeof IconPoint> = {
  received: IconPackageImport,
  to_testing: IconFlask,
  from_testing: IconBox,
  retained: IconBox,
  disposed: IconTrash,
  returned_to_customer: IconArrowBackUp,
  split: IconArrowsSplit,
  split_from: IconArrowsSplit,
  handover: IconHandStop,
  transfer: IconArrowsExchange,
};

const MANUAL = ['handover', 'transfer', 'storage', 'collection', 'dispatch', 'inspection', 'other'] as const;

function describe(e: CustodyEntry) {
  const parties = [e.from_party && `from ${e.from_party}`, e.to_party && `to ${e.to_party}`]
    .filter(Boolean)
    .join(' ');
  return [parties, e.location && `at ${e.location}`].filter(Boolean).join(', ');
}

/** The chain of custody, oldest first; lab staff append entries (they are never changed). */
export function CustodyTimeline({ sample, canRecord }: { sample: Sample; canRecord: boolean }) {
  const custody = useQuery({
    queryKey: [...sampleKeys.custody(sample.id), sample.version],
    queryFn: () => sampleCustody(sample.id),
  });
  const [open, setOpen] = useState(false);
  if (custody.isLoading) return <Skeleton h={120} />;
  if (custody.error) return <QueryError error={custody.error} onRetry={() => custody.refetch()} />;
  const items = custody.data?.items ?? [];
  return (
    <Stack>
      <Timeline bulletSize={24} lineWidth={2} active={items.length - 1} data-testid="custody-timeline">
        {items.map((e) => {
          const Icon = ICONS[e.action] ?? IconPoint;
          return (
            <Timeline.Item
              key={e.id}
              bullet={<Icon size={14} aria-hidden />}
              title={WORDS[e.action] ?? e.action}
            >
              {describe(e) && <Text size="sm">{describe(e)}</Text>}
              {e.notes && (
                <Text size="sm" c="dimmed">
                  {e.notes}
                </Text>
              )}
              <Text size="xs" c="dimmed" mt={2}>
                {formatDateTime(e.at)}
                {e.recorded_by_name ? ` · recorded by ${e.recorded_by_name}` : ''}
              </Text>
            </Timeline.Item>
          );
        })}
      </Timeline>
      {canRecord && sample.status !== 'disposed' && !sample.archived_at && (
        <Button variant="light" onClick={() => setOpen(true)}>
          Record a handover or move
        </Button>
      )}
      <RecordCustodyDialog sample={sample} opened={open} onClose={() => setOpen(false)} />
    </Stack>
  );
}

function RecordCustodyDialog({
  sample,
  opened,
  onClose,
}: {
  sample: Sample;
  opened: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { action: 'handover', from_party: '', to_party: '', location: '', notes: '' },
  });
  const submit = form.onSubmit(async (v) => {
    setPending(true);
    setFormError(null);
    const orNull = (s: string) => s.trim() || null;
    try {
      await recordCustody(sample.id, {
        action: v.action as CustodyInput['action'],
        from_party: orNull(v.from_party),
        to_party: orNull(v.to_party),
        location: orNull(v.location),
        notes: orNull(v.notes),
      });
      notifySuccess(`Recorded for ${sample.number}.`);
      form.reset();
      onClose();
      await queryClient.invalidateQueries({ queryKey: sampleKeys.all });
    } catch (error) {
      setFormError(applyApiError(form, error));
    } finally {
      setPending(false);
    }
  });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`Chain of custody of ${sample.number}`}
      size="lg"
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={formError} />
          <Select
            label="What happened"
            data={MANUAL.map((a) => ({ value: a, label: WORDS[a] }))}
            allowDeselect={false}
            {...form.getInputProps('action')}
          />
          <SimpleGrid cols={2}>
            <TextInput label="From" placeholder="Who handed it over" {...form.getInputProps('from_party')} />
            <TextInput label="To" placeholder="Who took it" {...form.getInputProps('to_party')} />
          </SimpleGrid>
          <TextInput
            label="Now at"
            description="A location here becomes the sample's storage location"
            {...form.getInputProps('location')}
          />
          <Textarea label="Notes" autosize minRows={2} {...form.getInputProps('notes')} />
          <Text size="xs" c="dimmed">
            Entries are permanent: a mistake is corrected by a further entry.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Record
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
