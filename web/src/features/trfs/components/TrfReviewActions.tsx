import { Button, Group, Modal, Text, Textarea } from '@mantine/core';
import { IconArrowBackUp, IconCircleCheck, IconSend } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../../api/problem';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { acceptTrf, resubmitTrf, returnTrf, type Trf, trfKeys } from '../api';

type Pending = 'accept' | 'return' | 'resubmit' | null;

/**
 * The review buttons the server allows this caller now (`allowed_actions`): accept with an optional
 * note, return with the reason the customer will read, resubmit a corrected request.
 */
export function TrfReviewActions({ trf }: { trf: Trf }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<Pending>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const allowed = new Set(trf.allowed_actions);

  const run = async (work: () => Promise<Trf>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await work();
      queryClient.setQueryData(trfKeys.detail(trf.id), updated);
      notifySuccess(done);
      setOpen(null);
      setText('');
    } catch (err) {
      if (isApiError(err, 422)) setError(err.fieldErrors.map((e) => e.message).join('; ') || err.message);
      else {
        notifyError(
          isApiError(err, 412)
            ? new Error('Someone changed this request meanwhile; the page now shows the latest version.')
            : err,
        );
        setOpen(null);
      }
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: trfKeys.all });
    }
  };

  const dialog = (kind: 'accept' | 'return') => (
    <Modal
      opened={open === kind}
      onClose={() => setOpen(null)}
      title={kind === 'accept' ? `Accept ${trf.number}?` : `Return ${trf.number} to the customer`}
      centered
    >
      <Textarea
        label={kind === 'accept' ? 'Note (optional)' : 'Reason'}
        description={kind === 'return' ? 'The customer reads this and corrects the request.' : undefined}
        required={kind === 'return'}
        autosize
        minRows={3}
        value={text}
        error={error}
        onChange={(e) => setText(e.currentTarget.value)}
        data-autofocus
      />
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={() => setOpen(null)} disabled={busy}>
          Cancel
        </Button>
        <Button
          color={kind === 'return' ? 'orange' : undefined}
          loading={busy}
          disabled={kind === 'return' && !text.trim()}
          onClick={() =>
            kind === 'accept'
              ? run(() => acceptTrf(trf.id, trf.version, text.trim() || null), `${trf.number} was accepted.`)
              : run(
                  () => returnTrf(trf.id, trf.version, text.trim()),
                  `${trf.number} was returned to the customer.`,
                )
          }
        >
          {kind === 'accept' ? 'Accept' : 'Return'}
        </Button>
      </Group>
    </Modal>
  );

  return (
    <>
      {allowed.has('accept') && (
        <Button leftSection={<IconCircleCheck size={16} aria-hidden />} onClick={() => setOpen('accept')}>
          Accept
        </Button>
      )}
      {allowed.has('return') && (
        <Button
          variant="default"
          color="orange"
          leftSection={<IconArrowBackUp size={16} aria-hidden />}
          onClick={() => setOpen('return')}
        >
          Return
        </Button>
      )}
      {allowed.has('resubmit') && (
        <Button leftSection={<IconSend size={16} aria-hidden />} onClick={() => setOpen('resubmit')}>
          Resubmit
        </Button>
      )}
      {dialog('accept')}
      {dialog('return')}
      <Modal
        opened={open === 'resubmit'}
        onClose={() => setOpen(null)}
        title={`Resubmit ${trf.number}?`}
        centered
      >
        <Text size="sm">The laboratory reviews the corrected request again.</Text>
        {error && (
          <Text c="red" size="sm" mt="sm" role="alert">
            {error} Edit the request first.
          </Text>
        )}
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setOpen(null)} disabled={busy}>
            Cancel
          </Button>
          <Button
            loading={busy}
            onClick={() => run(() => resubmitTrf(trf.id, trf.version), `${trf.number} was submitted again.`)}
            data-autofocus
          >
            Resubmit
          </Button>
        </Group>
      </Modal>
    </>
  );
}
