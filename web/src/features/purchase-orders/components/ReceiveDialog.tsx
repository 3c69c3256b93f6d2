import { Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { errorMessage, isApiError } from '../../../api/problem';
import { FormActions } from '../../../components/forms/FormActions';
import type { PurchaseOrder, ReceiptInput } from '../api';

/** Outstanding = ordered − received, exactly, on decimal strings of at most 4 places. */
function outstanding(quantity: string, received: string): string {
  const scale = (v: string) => {
    const [i, f = ''] = v.split('.');
    return BigInt(i!) * 10000n + BigInt(f.padEnd(4, '0').slice(0, 4));
  };
  const left = scale(quantity) - scale(received);
  const whole = left / 10000n;
  const frac = String(left % 10000n)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

/**
 * Receiving goods: one row per line with what is still outstanding; the user enters what arrived
 * (prefilled with the outstanding quantity) and a note. Lines left empty or at 0 are not sent.
 * The server refuses over-receiving naming the line; its message is shown here.
 */
export function ReceiveDialog({
  order,
  opened,
  onClose,
  onReceive,
}: {
  order: PurchaseOrder;
  opened: boolean;
  onClose: () => void;
  onReceive: (lines: ReceiptInput, idempotencyKey: string) => Promise<unknown>;
}) {
  const open = order.lines.filter((l) => outstanding(l.quantity, l.received_quantity) !== '0');
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const key = useRef(crypto.randomUUID());
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the dialog opens
  useEffect(() => {
    if (!opened) return;
    setQuantities(Object.fromEntries(open.map((l) => [l.id, outstanding(l.quantity, l.received_quantity)])));
    setNotes({});
    setError(null);
    key.current = crypto.randomUUID();
  }, [opened]);
  const submit = async () => {
    const lines = open
      .filter((l) => quantities[l.id]?.trim() && Number(quantities[l.id]) > 0)
      .map((l) => ({ line_id: l.id, quantity: quantities[l.id]!.trim(), note: notes[l.id]?.trim() || null }));
    if (!lines.length) return setError('Enter the quantity received for at least one line');
    setPending(true);
    try {
      await onReceive(lines, key.current);
      onClose();
    } catch (e) {
      // The server answered (refused): the corrected request is a new one, so it gets a new key;
      // after a network failure the same key makes the retry safe.
      if (isApiError(e) && e.status >= 400 && e.status < 500) key.current = crypto.randomUUID();
      setError(
        isApiError(e, 422) && e.fieldErrors.length
          ? e.fieldErrors.map((x) => x.message).join('; ')
          : errorMessage(e),
      );
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={`Receive goods for ${order.number}`} size="xl">
      <Stack>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Item</Table.Th>
              <Table.Th ta="right">Ordered</Table.Th>
              <Table.Th ta="right">Received</Table.Th>
              <Table.Th w={120}>Receive now</Table.Th>
              <Table.Th>Note</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {open.map((l, i) => (
              <Table.Tr key={l.id}>
                <Table.Td>
                  <Text size="sm">{[l.item_code, l.description].filter(Boolean).join(' · ')}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  {l.quantity} {l.unit ?? ''}
                </Table.Td>
                <Table.Td ta="right">{l.received_quantity}</Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`Receive now, line ${i + 1}`}
                    inputMode="decimal"
                    value={quantities[l.id] ?? ''}
                    onChange={(e) => setQuantities({ ...quantities, [l.id]: e.currentTarget.value })}
                    data-autofocus={i === 0 || undefined}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`Note, line ${i + 1}`}
                    placeholder="Damage, lot number…"
                    value={notes[l.id] ?? ''}
                    onChange={(e) => setNotes({ ...notes, [l.id]: e.currentTarget.value })}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {error && (
          <Text c="red" size="sm" role="alert">
            {error}
          </Text>
        )}
        <FormActions
          align="end"
          submitLabel="Record receipt"
          pending={pending}
          onSubmit={submit}
          onCancel={onClose}
        />
      </Stack>
    </Modal>
  );
}
