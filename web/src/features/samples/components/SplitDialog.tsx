import { Button, Group, Modal, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../api/problem';
import { notifySuccess } from '../../../lib/notify';
import { type Sample, sampleKeys, splitSample } from '../api';

const MAX = 50;

/**
 * Divides a sample into partitions: each gets its own number, keeps the project and TRF item, and
 * both sides get a custody entry. Descriptions are optional ("… (part 2 of 3)" otherwise).
 */
export function SplitDialog({
  sample,
  opened,
  onClose,
  onSplit,
}: {
  sample: Sample;
  opened: boolean;
  onClose: () => void;
  onSplit?: (children: Sample[]) => void;
}) {
  const queryClient = useQueryClient();
  const [count, setCount] = useState(2);
  const [descriptions, setDescriptions] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const n = Math.max(1, Math.min(MAX, count || 1));

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const given = Array.from({ length: n }, (_, i) => descriptions[i]?.trim() ?? '');
      // Either a description for every partition, or none at all (the server names them).
      const named = given.some(Boolean)
        ? given.map((d, i) => d || `${sample.description} (part ${i + 1} of ${n})`)
        : undefined;
      const result = await splitSample(sample.id, n, named);
      notifySuccess(
        `${sample.number} was split into ${result.items.map((c) => c.number).join(', ')}.`,
        'Partitions registered',
      );
      await queryClient.invalidateQueries({ queryKey: sampleKeys.all });
      onSplit?.(result.items);
      onClose();
      setDescriptions([]);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`Split ${sample.number} into partitions`}
      size="lg"
      centered
    >
      <Stack>
        <NumberInput
          label="Number of partitions"
          min={1}
          max={MAX}
          allowDecimal={false}
          value={count}
          onChange={(v) => setCount(Number(v) || 1)}
          data-autofocus
        />
        <Text size="sm" c="dimmed">
          Descriptions (optional): leave empty for “{sample.description} (part i of {n})”.
        </Text>
        {Array.from({ length: n }, (_, i) => (
          <TextInput
            // biome-ignore lint/suspicious/noArrayIndexKey: one input per partition position
            key={i}
            aria-label={`Description of partition ${i + 1}`}
            placeholder={`${sample.description} (part ${i + 1} of ${n})`}
            value={descriptions[i] ?? ''}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setDescriptions((prev) => {
                const next = [...prev];
                next[i] = value;
                return next;
              });
            }}
          />
        ))}
        {error && (
          <Text c="red" size="sm" role="alert">
            {error}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button loading={busy} onClick={submit}>
            Split into {n}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
