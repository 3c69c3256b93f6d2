import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../api/problem';
import { saveBlob } from '../../../components/data-table/download';
import { FormActions } from '../../../components/forms/FormActions';
import { exportInvoiceLines } from '../api';

/** Records the invoice the accounting system issued: its number and date (default today). */
export function InvoiceDialog({
  opened,
  onClose,
  onInvoice,
}: {
  opened: boolean;
  onClose: () => void;
  onInvoice: (body: { invoice_number: string; invoice_date?: string }) => Promise<unknown>;
}) {
  const [number, setNumber] = useState('');
  const [date, setDate] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  useEffect(() => {
    if (opened) {
      setNumber('');
      setDate(null);
      setError(null);
    }
  }, [opened]);
  const submit = async () => {
    if (!number.trim()) return setError('Enter the invoice number');
    setPending(true);
    try {
      await onInvoice({ invoice_number: number.trim(), ...(date ? { invoice_date: date } : {}) });
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Record the invoice">
      <Stack>
        <TextInput
          label="Invoice number"
          required
          value={number}
          onChange={(e) => setNumber(e.currentTarget.value)}
          error={error}
          data-autofocus
        />
        <DatePickerInput
          label="Invoice date"
          description="Today when empty"
          clearable
          valueFormat="YYYY-MM-DD"
          value={date}
          onChange={(v) => setDate(v as string | null)}
        />
        <FormActions
          align="end"
          submitLabel="Mark invoiced"
          pending={pending}
          onSubmit={submit}
          onCancel={onClose}
        />
      </Stack>
    </Modal>
  );
}

export function PaidDialog({
  opened,
  onClose,
  onPaid,
}: {
  opened: boolean;
  onClose: () => void;
  onPaid: (body: { paid_date?: string }) => Promise<unknown>;
}) {
  const [date, setDate] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async () => {
    setPending(true);
    try {
      await onPaid(date ? { paid_date: date } : {});
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Record the payment">
      <Stack>
        <DatePickerInput
          label="Paid on"
          description="Today when empty"
          clearable
          valueFormat="YYYY-MM-DD"
          value={date}
          onChange={(v) => setDate(v as string | null)}
          error={error}
        />
        <FormActions
          align="end"
          submitLabel="Mark paid"
          pending={pending}
          onSubmit={submit}
          onCancel={onClose}
          submitProps={{ color: 'green' }}
        />
      </Stack>
    </Modal>
  );
}

/** The accounting export: invoice lines of a date range as CSV. */
export function InvoiceLinesExport() {
  const [opened, setOpened] = useState(false);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const download = async () => {
    setPending(true);
    setError(null);
    try {
      const blob = await exportInvoiceLines({
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(status ? { status: status as 'invoiced' | 'paid' } : {}),
      });
      saveBlob(blob, `invoice-lines${from ? `-${from}` : ''}${to ? `-${to}` : ''}.csv`);
      setOpened(false);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  };
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
        onClick={() => setOpened(true)}
      >
        Invoice lines CSV
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Export invoice lines for accounting">
        <Stack>
          <Text size="sm">
            One row per line of every invoiced order in the range, with the invoice number and the order
            totals.
          </Text>
          <Group grow>
            <DatePickerInput
              label="Invoiced from"
              clearable
              valueFormat="YYYY-MM-DD"
              value={from}
              onChange={(v) => setFrom(v as string | null)}
            />
            <DatePickerInput
              label="Invoiced to"
              clearable
              valueFormat="YYYY-MM-DD"
              value={to}
              onChange={(v) => setTo(v as string | null)}
            />
          </Group>
          <Select
            label="Invoicing status"
            placeholder="Invoiced and paid"
            clearable
            data={[
              { value: 'invoiced', label: 'Invoiced, not paid' },
              { value: 'paid', label: 'Paid' },
            ]}
            value={status}
            onChange={setStatus}
          />
          {error && (
            <Text c="red" size="sm" role="alert">
              {error}
            </Text>
          )}
          <FormActions
            align="end"
            submitLabel="Download CSV"
            pending={pending}
            onSubmit={download}
            onCancel={() => setOpened(false)}
          />
        </Stack>
      </Modal>
    </>
  );
}
